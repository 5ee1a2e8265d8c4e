package dev.parley.chat.room;

import dev.parley.chat.ChatException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomNamesTest {

    @Test
    void namesAreTrimmedAndBounded() {
        assertEquals("Team Alpha", RoomNames.valid("  Team Alpha "));
        assertThrows(ChatException.class, () -> RoomNames.valid("   "));
        assertThrows(ChatException.class, () -> RoomNames.valid("x".repeat(65)));
        assertThrows(ChatException.class, () -> RoomNames.valid("tab\there"));
        assertEquals("Team Beta", RoomNames.valid("\u00a0Team Beta\ufeff"));
        assertThrows(ChatException.class, () -> RoomNames.valid("\u200b\u00a0"));
        assertThrows(ChatException.class, () -> RoomNames.valid("half \ud83d"));
    }

    @Test
    void visibilityIsPublicUnlessSaidPrivate() {
        assertFalse(RoomNames.isPrivate(null));
        assertFalse(RoomNames.isPrivate("public"));
        assertTrue(RoomNames.isPrivate("private"));
        assertThrows(ChatException.class, () -> RoomNames.isPrivate("Private"));
    }
}
