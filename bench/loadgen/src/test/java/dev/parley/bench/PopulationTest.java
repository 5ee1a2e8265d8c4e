package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PopulationTest {

    private static long count(int members, int wanted, boolean endAtLast) {
        return IntStream.range(0, members).filter(j -> Population.isSpreadPosition(j, members, wanted, endAtLast)).count();
    }

    @Test
    void probesAreSpreadOverTheJoinOrderAndIncludeTheLastJoiner() {
        assertEquals(3, count(50, 3, true));
        assertTrue(Population.isSpreadPosition(49, 50, 3, true));
        assertFalse(Population.isSpreadPosition(0, 50, 3, true));
    }

    @Test
    void sendersStartAtTheFirstJoiner() {
        assertEquals(5, count(50, 5, false));
        assertTrue(Population.isSpreadPosition(0, 50, 5, false));
        assertTrue(Population.isSpreadPosition(10, 50, 5, false));
    }

    @Test
    void askingForMoreThanTheRoomHoldsTakesEveryone() {
        assertEquals(10, count(10, 10, false));
        assertEquals(10, count(10, 25, true));
        assertEquals(0, count(10, 0, true));
    }
}
