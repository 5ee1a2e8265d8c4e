package dev.parley.protocol;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JsonReader and JsonWriter: what a client sends is echoed back byte for byte. */
class JsonRoundTripTest {

    private final JsonWriter writer = new JsonWriter(value -> "{\"fallback\":\"" + value + "\"}");

    private String write(Object value) {
        StringBuilder out = new StringBuilder();
        writer.write(value, out, new ArrayList<>());
        return out.toString();
    }

    private String echo(String json) throws ProtocolException {
        return write(JsonReader.parse(json));
    }

    @Test
    void objectKeyOrderIsPreserved() throws ProtocolException {
        String json = "{\"z\":1,\"a\":2,\"m\":{\"y\":[true,false,null],\"b\":\"s\"},\"c\":{}}";
        assertEquals(json, echo(json));
    }

    @Test
    void integersStayIntegersAndDecimalsStayDecimal() throws ProtocolException {
        assertEquals(1L, JsonReader.parse("1"));
        assertEquals("[1,-1,0,1.5,-0.25,9223372036854775807,12345678901234567890,-98765432109876543210]",
                echo("[1,-1,0,1.5,-0.25,9223372036854775807,12345678901234567890,-98765432109876543210]"));
        assertEquals(new BigDecimal("9223372036854775808"), JsonReader.parse("9223372036854775808"));
    }

    @Test
    void javaNumbersAreWrittenAsJavaScriptWouldPrintThem() {
        assertEquals("[1,2,1.5,null,null,3,4]", write(List.of(1, 2.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY,
                BigInteger.valueOf(3), (short) 4)));
    }

    @Test
    void unicodeTextPassesThroughUnescaped() throws ProtocolException {
        String json = "[\"héllo €, 日本語, 𝄞 and 🎉\"]";
        assertEquals(json, echo(json));
        assertEquals("é€", JsonReader.parse("\"\\u00e9\\u20AC\""));
    }

    @Test
    void controlCharactersQuotesAndBackslashesAreEscaped() {
        StringBuilder out = new StringBuilder();
        JsonWriter.writeString("a\"b\\c\n\r\t\b\f\u0000\u001f\u007f\u2028\u2029", out);
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001f\u007f\\u2028\\u2029\"", out.toString());
    }

    @Test
    void everyCharacterSurvivesAWriteAndReadBack() throws ProtocolException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            if (!Character.isSurrogate(c)) {
                all.append(c);
            }
        }
        all.append("𝄞");
        StringBuilder json = new StringBuilder();
        JsonWriter.writeString(all.toString(), json);
        assertEquals(all.toString(), JsonReader.parse(json.toString()));
    }

    @Test
    void aLoneHalfOfASurrogatePairIsEscapedAsJsonStringifyDoesAndReadsBackTheSame() throws ProtocolException {
        String text = "cut \ud83d| low \udc00| pair \ud83d\ude00| reversed \ude00\ud83d|";
        StringBuilder json = new StringBuilder();
        JsonWriter.writeString(text, json);
        assertEquals("\"cut \\ud83d| low \\udc00| pair \ud83d\ude00| reversed \\ude00\\ud83d|\"", json.toString());
        assertEquals(text, JsonReader.parse(json.toString()));
    }

    @Test
    void anArrayWithNullElementsIsWrittenWithNulls() {
        assertEquals("[\"a\",null,1]", write(new Object[] {"a", null, 1}));
    }

    @Test
    void escapedInputIsEchoedIdentically() throws ProtocolException {
        String json = "[\"tab\\there\",\"quote \\\" and \\\\\",\"\\u0001\"]";
        assertEquals(json, echo(json));
    }

    private record Thing() {
        @Override
        public String toString() {
            return "thing";
        }
    }

    @Test
    void nonJsonValuesGoToTheFallbackAndRawJsonIsWrittenAsIs() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("obj", new Thing());
        value.put("raw", new RawJson("{\"pre\":[1]}"));
        value.put("enum", PacketType.ACK);
        assertEquals("{\"obj\":{\"fallback\":\"thing\"},\"raw\":{\"pre\":[1]},\"enum\":\"ACK\"}", write(value));
    }

    @Test
    void nestingUpToTheLimitIsAcceptedAndBeyondIsRefused() throws ProtocolException {
        int max = JsonReader.MAX_DEPTH;
        Object parsed = JsonReader.parse("[".repeat(max) + "]".repeat(max));
        int depth = 0;
        while (parsed instanceof List<?> list) {
            depth++;
            parsed = list.isEmpty() ? null : list.get(0);
        }
        assertEquals(max, depth);
        assertThrows(ProtocolException.class, () -> JsonReader.parse("[".repeat(max + 1) + "]".repeat(max + 1)));
    }

    @Test
    void emptyAndWhitespaceOnlyInputIsRefused() {
        assertThrows(ProtocolException.class, () -> JsonReader.parse(""));
        assertThrows(ProtocolException.class, () -> JsonReader.parse("   "));
    }
}
