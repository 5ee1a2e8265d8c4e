package dev.parley.chat.room;

import dev.parley.chat.ChatException;

/** What a room name may be. */
public final class RoomNames {

    public static final int MAX_LENGTH = 64;

    private RoomNames() {
    }

    public static String valid(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH) {
            throw ChatException.invalid("A room name is 1 to " + MAX_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ChatException.invalid("A room name cannot contain control characters");
        }
        return trimmed;
    }

    public static boolean isPrivate(String visibility) {
        if (visibility == null || RoomView.PUBLIC.equals(visibility)) {
            return false;
        }
        if (RoomView.PRIVATE.equals(visibility)) {
            return true;
        }
        throw ChatException.invalid("visibility is \"public\" or \"private\"");
    }
}
