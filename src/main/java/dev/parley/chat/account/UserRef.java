package dev.parley.chat.account;

/** A person as clients show them (a message's author, one of a direct conversation's two): {@code { id, name }}. */
public record UserRef(long id, String name) {
}
