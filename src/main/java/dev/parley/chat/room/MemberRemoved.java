package dev.parley.chat.room;

import dev.parley.chat.account.AccountView;

/** A member was taken out of a private room (or left it) over REST: the live side must let go of them too. */
public record MemberRemoved(long roomId, AccountView member) {
}
