package dev.parley.chat.rest;

/** The small JSON bodies the rooms API accepts. */
final class RoomRequests {

    private RoomRequests() {
    }

    /** {@code POST /api/rooms}: {@code { name, visibility: "public" | "private" }}. */
    public record CreateRoom(String name, String visibility) {
    }

    /** {@code POST /api/rooms/{id}/members}: {@code { username }} or {@code { userId }}. */
    public record AddMember(String username, Long userId) {
    }

    /** {@code POST /api/rooms/{id}/messages}: {@code { text, clientMsgId? }}. */
    public record PostMessage(String text, String clientMsgId) {
    }

    /** {@code POST /api/rooms/{id}/read}: {@code { messageId }}. */
    public record MarkRead(Long messageId) {
    }

    /** The answer to a read mark: {@code { lastReadMessageId }}. */
    public record ReadMark(long lastReadMessageId) {
    }
}
