package dev.parley.realtime;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static dev.parley.realtime.PacketBudget.Verdict.ALLOW;
import static dev.parley.realtime.PacketBudget.Verdict.CUT_OFF;
import static dev.parley.realtime.PacketBudget.Verdict.DROP;
import static dev.parley.realtime.PacketBudget.Verdict.DROP_AND_TELL;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PacketBudgetTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void theBurstIsAllowedThenDropsAreToldOnceASecondAndTheAllowanceRefills() {
        PacketBudget budget = new PacketBudget(10, 0);
        for (int i = 0; i < 10; i++) {
            assertEquals(ALLOW, budget.take(0));
        }
        assertEquals(DROP_AND_TELL, budget.take(0));
        assertEquals(DROP, budget.take(MS));
        assertEquals(ALLOW, budget.take(100 * MS), "a tenth of a second earns one packet of 10/s");
        assertEquals(DROP, budget.take(100 * MS));
        for (int i = 0; i < 10; i++) {
            assertEquals(ALLOW, budget.take(1100 * MS), "a second later: the allowance is back");
        }
        assertEquals(DROP_AND_TELL, budget.take(1100 * MS), "and a drop in a new second is told again");
        for (int i = 0; i < 10; i++) {
            assertEquals(ALLOW, budget.take(3000 * MS), "full again after a quiet second, no more");
        }
        assertEquals(DROP_AND_TELL, budget.take(3000 * MS));
        assertEquals(5, budget.dropped());
    }

    @Test
    void moreThanTenTimesTheBudgetDroppedWithinASecondCutsTheConnectionOff() {
        PacketBudget budget = new PacketBudget(10, 0);
        for (int i = 0; i < 10; i++) {
            budget.take(0);
        }
        for (int i = 1; i <= 100; i++) {
            assertEquals(i == 1 ? DROP_AND_TELL : DROP, budget.take(i * MS / 10));
        }
        assertEquals(CUT_OFF, budget.take(11 * MS));
    }

    @Test
    void zeroMeansNoLimit() {
        PacketBudget budget = new PacketBudget(0, 0);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(ALLOW, budget.take(0));
        }
    }
}
