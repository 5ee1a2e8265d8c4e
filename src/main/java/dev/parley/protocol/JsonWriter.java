package dev.parley.protocol;

import jakarta.json.JsonValue;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes plain Java values as compact JSON. Byte arrays become Socket.IO attachment placeholders
 * ({@code {"_placeholder":true,"num":n}}) and are collected in order; any other object is handed to the
 * fallback serializer (JSON-B in the server), which returns its JSON text.
 */
public final class JsonWriter {

    private final Function<Object, String> fallback;

    public JsonWriter(Function<Object, String> fallback) {
        this.fallback = fallback;
    }

    public void write(Object value, StringBuilder out, List<byte[]> attachments) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof java.math.BigDecimal
                || value instanceof java.math.BigInteger) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            writeFloating(((Number) value).doubleValue(), out);
        } else if (value instanceof byte[] bytes) {
            out.append("{\"_placeholder\":true,\"num\":").append(attachments.size()).append('}');
            attachments.add(bytes);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, out, attachments);
        } else if (value instanceof Collection<?> list) {
            writeArray(list, out, attachments);
        } else if (value instanceof Object[] array) {
            writeArray(Arrays.asList(array), out, attachments); // List.of refuses null elements
        } else if (value instanceof RawJson raw) {
            out.append(raw.json());
        } else if (value instanceof JsonValue json) {
            out.append(json);
        } else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
            writeString(value.toString(), out);
        } else {
            out.append(fallback.apply(value));
        }
    }

    private void writeObject(Map<?, ?> map, StringBuilder out, List<byte[]> attachments) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(String.valueOf(entry.getKey()), out);
            out.append(':');
            write(entry.getValue(), out, attachments);
        }
        out.append('}');
    }

    private void writeArray(Collection<?> list, StringBuilder out, List<byte[]> attachments) {
        out.append('[');
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(item, out, attachments);
        }
        out.append(']');
    }

    private static void writeFloating(double d, StringBuilder out) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.append("null"); // as JSON.stringify does
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(d);
        }
    }

    /** RFC 8259 string escaping. */
    public static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else { // a lone half, as JSON.stringify writes it: UTF-8 has no bytes for it
                            out.append(String.format("\\u%04x", (int) c));
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
