package dev.parley.transport;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A chain of private fields (or getters) from an object the container gives us down to one of its
 * internals, found by name on a first object, then followed on each next one. The steps are found on the
 * objects' runtime classes, so a container that is not the one the names come from has no such path.
 */
final class FieldPath {

    private final AccessibleObject[] steps;

    private FieldPath(AccessibleObject[] steps) {
        this.steps = steps;
    }

    /**
     * Finds {@code steps} ({declaring class, field name or getter()}) starting at {@code start}: the path,
     * or null when a value on the way is null (not there yet: try with the next object).
     *
     * @throws NoSuchFieldException when a step is missing: another container or version
     */
    static FieldPath find(Object start, String[]... steps) throws ReflectiveOperationException {
        AccessibleObject[] found = new AccessibleObject[steps.length];
        Object node = start;
        for (int i = 0; i < steps.length; i++) {
            if (node == null) {
                return null;
            }
            found[i] = member(node.getClass(), steps[i][0], steps[i][1]);
            if (found[i] == null) {
                throw new NoSuchFieldException(steps[i][0] + "." + steps[i][1]);
            }
            node = get(found[i], node);
        }
        return node == null ? null : new FieldPath(found);
    }

    /** Where the path ends from {@code start}, or null when it does not lead there from this object. */
    Object follow(Object start) throws ReflectiveOperationException {
        return walk(start, steps.length);
    }

    /**
     * Sets the path's last field to null on the object before it, from {@code start}: whether it held
     * something there.
     */
    boolean clear(Object start) throws ReflectiveOperationException {
        Object node = walk(start, steps.length - 1);
        AccessibleObject last = steps[steps.length - 1];
        if (node == null || !(last instanceof Field field) || !field.getDeclaringClass().isInstance(node)
                || field.get(node) == null) {
            return false;
        }
        field.set(node, null);
        return true;
    }

    /** Where the first {@code count} steps lead from {@code start}, or null. */
    private Object walk(Object start, int count) throws ReflectiveOperationException {
        Object node = start;
        for (int i = 0; i < count; i++) {
            if (node == null || !((Member) steps[i]).getDeclaringClass().isInstance(node)) {
                return null;
            }
            node = get(steps[i], node);
        }
        return node;
    }

    /** {@code first}'s steps, then {@code then}'s. */
    static String[][] join(String[][] first, String[][] then) {
        String[][] joined = Arrays.copyOf(first, first.length + then.length);
        System.arraycopy(then, 0, joined, first.length, then.length);
        return joined;
    }

    private static Object get(AccessibleObject step, Object node) throws ReflectiveOperationException {
        return step instanceof Method getter ? getter.invoke(node) : ((Field) step).get(node);
    }

    private static AccessibleObject member(Class<?> type, String declaringClass, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(declaringClass)) {
                try {
                    AccessibleObject member = name.endsWith("()")
                            ? c.getDeclaredMethod(name.substring(0, name.length() - 2)) : c.getDeclaredField(name);
                    member.setAccessible(true);
                    return member;
                } catch (NoSuchFieldException | NoSuchMethodException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
