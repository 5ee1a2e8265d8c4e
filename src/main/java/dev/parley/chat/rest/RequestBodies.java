package dev.parley.chat.rest;

import dev.parley.chat.ChatException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The small JSON bodies the rooms and profile calls accept. Text fields people fill in are raw JSON values, so a number
 * where text belongs is refused rather than quietly turned into a string, as JSON-B would.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** {@code POST /api/rooms}: {@code { name, visibility: "public" | "private" }}. */
    public record CreateRoom(JsonValue name, String visibility) {

        String nameString() {
            return string(name, "name");
        }
    }

    /**
     * Someone to add to a room ({@code POST /api/rooms/{id}/members}) or to talk to
     * ({@code POST /api/rooms/direct}): {@code { username }} or {@code { userId }}.
     */
    public record Person(String username, Long userId) {
    }

    /** {@code POST /api/rooms/{id}/messages}: {@code { text, clientMsgId?, replyTo? }}. */
    public record PostMessage(JsonValue text, JsonValue clientMsgId, JsonValue replyTo) {

        String textString() {
            return string(text, "text");
        }

        String clientMsgIdString() {
            return string(clientMsgId, "clientMsgId");
        }

        /** The id of the message answered, null for none. */
        Long replyToId() {
            if (replyTo == null || replyTo.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (replyTo instanceof JsonNumber number && number.isIntegral() && number.longValue() > 0) {
                return number.longValue();
            }
            throw ChatException.invalid("replyTo must be a positive number");
        }
    }

    /** {@code PATCH /api/rooms/{id}}: {@code { name }}. */
    public record RenameRoom(JsonValue name) {

        String nameString() {
            return string(name, "name");
        }
    }

    /** {@code PATCH /api/rooms/{id}/messages/{messageId}}: {@code { text }}. */
    public record EditMessage(JsonValue text) {

        String textString() {
            return string(text, "text");
        }
    }

    /** {@code PATCH /api/me}: {@code { displayName }}. */
    public record ProfileChange(JsonValue displayName) {

        String displayNameString() {
            return string(displayName, "displayName");
        }
    }

    /** The string, null for none or JSON null; anything else is refused. */
    static String string(JsonValue value, String field) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw ChatException.invalid(field + " must be a string");
    }

    /** {@code POST /api/rooms/{id}/read}: {@code { messageId }}. */
    public record MarkRead(Long messageId) {
    }

    /** The answer to a read mark: {@code { lastReadMessageId }}. */
    public record ReadMark(long lastReadMessageId) {
    }
}
