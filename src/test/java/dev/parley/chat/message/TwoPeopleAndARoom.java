package dev.parley.chat.message;

import dev.parley.chat.ChatFixture;
import dev.parley.chat.OnEveryBackend;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.room.RoomView;
import org.junit.jupiter.api.BeforeEach;

/** The message store's tests: each with two new people and a new public room of Alice's, on every backend. */
abstract class TwoPeopleAndARoom extends OnEveryBackend {

    AccountView alice;
    AccountView bob;
    RoomView room;

    @BeforeEach
    void people() {
        alice = chat.someone();
        bob = chat.someone();
        room = chat.rooms.create(alice.id(), ChatFixture.unique("room"), false);
    }
}
