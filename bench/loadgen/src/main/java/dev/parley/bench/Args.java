package dev.parley.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --key value} options; an option read nowhere is reported, so a typo does not silently use a default. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> read = new HashSet<>();

    Args(String[] argv, int from) {
        for (int i = from; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --key value, got " + argv[i]);
            }
            values.put(argv[i].substring(2), argv[++i]);
        }
    }

    String text(String key, String fallback) {
        read.add(key);
        return values.getOrDefault(key, fallback);
    }

    String required(String key) {
        String v = text(key, null);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }

    int integer(String key, int fallback) {
        return Integer.parseInt(text(key, Integer.toString(fallback)));
    }

    long number(String key, long fallback) {
        return Long.parseLong(text(key, Long.toString(fallback)));
    }

    double decimal(String key, double fallback) {
        return Double.parseDouble(text(key, Double.toString(fallback)));
    }

    void rejectUnknown() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown);
        }
    }
}
