package dev.parley.chat.message;

import dev.parley.chat.account.UserRef;

import java.util.List;

/** One emoji on a message as clients see it: {@code { emoji, users: [{ id, name }] }}, in the order they reacted. */
public record ReactionView(String emoji, List<UserRef> users) {
}
