package dev.parley.chat.room;

import dev.parley.chat.account.AccountView;

import java.time.Instant;

/** A member of a room and when they were last seen: null for someone who never was. */
public record RoomMember(AccountView account, Instant lastSeenAt) {
}
