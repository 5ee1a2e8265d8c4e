package dev.parley.protocol;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;


import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * JSON text to plain Java values (LinkedHashMap keeps key order, so an echo is byte-identical), using the
 * JSON-P streaming parser. Integers become Long when they fit, other numbers BigDecimal.
 */
public final class JsonReader {

    private JsonReader() {
    }

    public static Object parse(String text) throws ProtocolException {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new ProtocolException("empty JSON");
            }
            Object value = read(parser, parser.next());
            if (parser.hasNext()) {
                throw new ProtocolException("trailing data after JSON value");
            }
            return value;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new ProtocolException("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser parser, JsonParser.Event event) {
        return switch (event) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER -> number(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("unexpected " + event);
        };
    }

    private static Map<String, Object> readObject(JsonParser parser) {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.next() != JsonParser.Event.END_OBJECT) {
            String key = parser.getString();
            map.put(key, read(parser, parser.next()));
        }
        return map;
    }

    private static List<Object> readArray(JsonParser parser) {
        List<Object> list = new ArrayList<>();
        JsonParser.Event event;
        while ((event = parser.next()) != JsonParser.Event.END_ARRAY) {
            list.add(read(parser, event));
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
}
