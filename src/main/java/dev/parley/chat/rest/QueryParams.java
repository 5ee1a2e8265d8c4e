package dev.parley.chat.rest;

import dev.parley.chat.ChatException;

/** Query parameters as clients send them: missing or blank is none; anything unreadable is a clear 400. */
final class QueryParams {

    private QueryParams() {
    }

    static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ChatException.invalid(name + " must be a whole number");
        }
    }

    /** A page size, clamped to just outside {@code 1..max} when out of it, so the request refuses it clearly. */
    static Integer limit(String value, int max) {
        Long size = number("limit", value);
        return size == null ? null : (int) Math.max(0, Math.min(size, max + 1L));
    }

    static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ChatException.invalid(name + " must be true or false");
    }
}
