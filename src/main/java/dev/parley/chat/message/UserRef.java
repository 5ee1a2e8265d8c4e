package dev.parley.chat.message;

/** The author of a message as clients show it: {@code { id, name }}. */
public record UserRef(long id, String name) {
}
