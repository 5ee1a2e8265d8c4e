package dev.parley.chat.room;

import dev.parley.chat.ChatException;
import dev.parley.chat.Text;

/** What a room name may be. */
public final class RoomNames {

    public static final int MAX_LENGTH = 64;

    private RoomNames() {
    }

    public static String valid(String name) {
        String trimmed = name == null ? "" : Text.trim(name);
        if (Text.invisible(trimmed) || trimmed.length() > MAX_LENGTH) {
            throw ChatException.invalid("A room name is 1 to " + MAX_LENGTH + " characters");
        }
        if (!Text.isOneLine(trimmed)) {
            throw ChatException.invalid("A room name cannot contain control characters or unpaired surrogates");
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
