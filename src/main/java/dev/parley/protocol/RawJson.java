package dev.parley.protocol;

/** A value that is already JSON text and is written as it is (for payloads serialized elsewhere, e.g. by JSON-B). */
public record RawJson(String json) {
}
