package dev.parley.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HandshakeDataTest {

    @Test
    void headerNamesAreLowerCaseAsNodeGivesThemAndNamesThatDifferOnlyInCaseKeepEveryValue() {
        Map<String, List<String>> sent = new HashMap<>();
        sent.put("Origin", List.of("https://chat.example"));
        sent.put("X-Forwarded-For", new ArrayList<>(List.of("10.0.0.1")));
        sent.put("x-forwarded-for", List.of("10.0.0.2"));
        HandshakeData data = new HandshakeData(Map.of(), sent, "127.0.0.1", Map.of());
        assertEquals(List.of("https://chat.example"), data.headers().get("origin"));
        assertEquals(2, data.headers().get("x-forwarded-for").size());
        assertEquals(2, data.headers().size());
    }

    @Test
    void theKeptHeadersAreACopyNobodyChanges() {
        Map<String, List<String>> sent = new HashMap<>(Map.of("host", new ArrayList<>(List.of("a"))));
        HandshakeData data = new HandshakeData(Map.of(), sent, "127.0.0.1", Map.of());
        sent.get("host").add("b");
        sent.put("cookie", List.of("x=1"));
        assertEquals(Map.of("host", List.of("a")), data.headers());
        assertThrows(UnsupportedOperationException.class, () -> data.headers().put("cookie", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> data.headers().get("host").add("c"));
    }
}
