package dev.parley.chat.message;

import dev.parley.chat.ChatException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageRequestTest {

    @Test
    void missingLimitMeansFifty() {
        assertEquals(50, PageRequest.of(null, null, null).limit());
    }

    @Test
    void limitIsBetweenOneAndTwoHundred() {
        assertEquals(200, PageRequest.of(null, null, 200).limit());
        assertThrows(ChatException.class, () -> PageRequest.of(null, null, 0));
        assertThrows(ChatException.class, () -> PageRequest.of(null, null, 201));
    }

    @Test
    void boundsAreMessageIds() {
        assertThrows(ChatException.class, () -> PageRequest.of(0L, null, 10));
        assertThrows(ChatException.class, () -> PageRequest.of(null, -1L, 10));
        assertEquals(0L, PageRequest.of(null, 0L, 10).after(), "after=0 means from the very first message");
    }

    @Test
    void onlyAnAfterBoundReadsForwardFromTheOldest() {
        assertTrue(PageRequest.of(null, null, 10).newestFirst());
        assertTrue(PageRequest.of(5L, null, 10).newestFirst());
        assertFalse(PageRequest.of(null, 5L, 10).newestFirst());
        assertFalse(PageRequest.of(9L, 5L, 10).newestFirst());
    }
}
