package dev.parley.chat.live;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RefusalLogTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void logsUpToItsLimitEachSecondAndThenSaysHowManyItLeftOut() {
        RefusalLog log = new RefusalLog(3);
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            log.log(5 * SECOND + i, lines::add);
        }
        assertEquals(List.of(0, 0, 0), lines, "three lines in the first second, seven left out");

        log.log(6 * SECOND + 1, lines::add);
        log.log(6 * SECOND + 2, lines::add);
        assertEquals(List.of(0, 0, 0, 7, 0), lines, "the next second's first line counts what was left out");
    }

    @Test
    void aQuietServerLogsEveryRefusal() {
        RefusalLog log = new RefusalLog(1);
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            log.log(-2 * SECOND + i * SECOND, lines::add); // nanoTime may be negative
        }
        assertEquals(List.of(0, 0, 0, 0), lines);
    }
}
