package dev.parley.protocol;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to plain Java values (LinkedHashMap keeps key order, so an echo is byte-identical), using the
 * JSON-P streaming parser. Integers become Long when they fit, other numbers BigDecimal.
 */
public final class JsonReader {

    /**
     * Nesting deeper than this is refused: reading recurses once per level, so without a bound a client
     * could overflow the stack of the thread that reads its messages. Far beyond any real payload.
     */
    public static final int MAX_DEPTH = 100;

    /**
     * Looked up once: {@code Json.createParser} asks the ServiceLoader for the provider on every call, a
     * scan of the application's jars per message.
     */
    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

    private JsonReader() {
    }

    public static Object parse(String text) throws ProtocolException {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new ProtocolException("empty JSON");
            }
            Object value = read(parser, parser.next(), 1);
            if (parser.hasNext()) {
                throw new ProtocolException("trailing data after JSON value");
            }
            return value;
        } catch (TooDeep e) {
            throw new ProtocolException("JSON nested deeper than " + MAX_DEPTH + " levels");
        } catch (RuntimeException e) {
            // JSON-P implementations fail in several ways beyond JsonException: Parsson throws
            // NumberFormatException (exponent overflow), UnsupportedOperationException (over-long number)
            // and a bare RuntimeException (its own depth limit). All of them mean the input is bad.
            throw new ProtocolException("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser parser, JsonParser.Event event, int depth) {
        if ((event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) && depth > MAX_DEPTH) {
            throw new TooDeep();
        }
        return switch (event) {
            case START_OBJECT -> readObject(parser, depth);
            case START_ARRAY -> readArray(parser, depth);
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER -> number(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("unexpected " + event);
        };
    }

    private static Map<String, Object> readObject(JsonParser parser, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.next() != JsonParser.Event.END_OBJECT) {
            String key = parser.getString();
            map.put(key, read(parser, parser.next(), depth + 1));
        }
        return map;
    }

    private static List<Object> readArray(JsonParser parser, int depth) {
        List<Object> list = new ArrayList<>();
        JsonParser.Event event;
        while ((event = parser.next()) != JsonParser.Event.END_ARRAY) {
            list.add(read(parser, event, depth + 1));
        }
        return list;
    }

    private static Object number(JsonParser parser) {
        if (parser.isIntegralNumber()) {
            BigDecimal value = parser.getBigDecimal();
            try {
                return value.longValueExact();
            } catch (ArithmeticException tooLarge) {
                return value;
            }
        }
        return parser.getBigDecimal();
    }

    /** Unwinds the recursion once the depth bound is passed; turned into a ProtocolException by parse. */
    private static final class TooDeep extends RuntimeException {
        TooDeep() {
            super(null, null, false, false);
        }
    }
}
