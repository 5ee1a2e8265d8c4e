package dev.parley.chat.live;

import dev.parley.chat.ChatException;

import java.util.List;
import java.util.Map;

/** Checks the shape of what clients send, so a wrong type is an "Invalid" answer, never a server error. */
final class Payloads {

    private Payloads() {
    }

    static Map<?, ?> object(List<Object> args, String expected) {
        if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> map) {
            return map;
        }
        throw ChatException.invalid("Send " + expected);
    }

    /** A room id: a number, or a numeric string as some clients send. */
    static long id(Object value, String field) {
        if (value instanceof Long l && l > 0) {
            return l;
        }
        if (value instanceof String s && s.matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(s);
        }
        throw ChatException.invalid(field + " must be a positive number");
    }

    static boolean flag(Object value, String field) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw ChatException.invalid(field + " must be true or false");
    }
}
