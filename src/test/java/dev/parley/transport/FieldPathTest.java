package dev.parley.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldPathTest {

    /** Stand-ins for a container's internals: private fields, a getter, a field declared by a superclass. */
    static class Base {
        private Object held;
    }

    static final class Leaf extends Base {
        Leaf(Object held) {
            ((Base) this).held = held;
        }
    }

    static final class Holder {
        private final Object inner;

        Holder(Object inner) {
            this.inner = inner;
        }

        private Object inner() {
            return inner;
        }
    }

    private static final String BASE = Base.class.getName();
    private static final String HOLDER = Holder.class.getName();

    @Test
    void followsFieldsAndGettersDownToTheEndAndOnEachNextObject() throws Exception {
        Object end = new Object();
        FieldPath path = FieldPath.find(new Holder(new Leaf(end)), new String[] {HOLDER, "inner()"},
                new String[] {BASE, "held"});
        Object other = new Object();
        assertSame(other, path.follow(new Holder(new Leaf(other))));
        assertNull(path.follow(new Holder("not a leaf")), "a path that does not lead there from this object");
    }

    @Test
    void aMissingStepIsAnotherContainerAndANullOnTheWayIsNotThereYet() throws Exception {
        assertThrows(NoSuchFieldException.class,
                () -> FieldPath.find(new Holder(new Leaf(1)), new String[] {HOLDER, "nothing"}));
        assertNull(FieldPath.find(new Holder(new Leaf(null)), new String[] {HOLDER, "inner"},
                new String[] {BASE, "held"}));
    }

    @Test
    void clearSetsTheLastFieldToNullAndSaysWhetherItHeldSomething() throws Exception {
        FieldPath path = FieldPath.find(new Holder(new Leaf(1)), new String[] {HOLDER, "inner"},
                new String[] {BASE, "held"});
        Leaf leaf = new Leaf("kept until cleared");
        Holder holder = new Holder(leaf);
        assertTrue(path.clear(holder));
        assertNull(path.follow(holder));
        assertFalse(path.clear(holder), "nothing left to clear");
        assertFalse(path.clear(new Holder("not a leaf")));
    }
}
