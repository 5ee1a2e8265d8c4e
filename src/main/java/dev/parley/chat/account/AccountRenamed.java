package dev.parley.chat.account;

/** A user's display name changed: what other instances and pages hold of it must follow. */
public record AccountRenamed(AccountView account) {
}
