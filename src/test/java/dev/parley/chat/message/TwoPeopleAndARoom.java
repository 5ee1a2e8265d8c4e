package dev.parley.chat.message;

import dev.parley.chat.ChatFixture;
import dev.parley.chat.StorageBackend;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.room.RoomView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The message store's tests run on every storage backend (H2 and PostgreSQL, with each JPA provider), each test
 * with two new people and a new public room of Alice's; messages are at most 20 characters.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.parley.chat.StorageBackend#all")
abstract class TwoPeopleAndARoom {

    static ChatFixture chat;

    @Parameter
    StorageBackend backend;

    AccountView alice;
    AccountView bob;
    RoomView room;

    @BeforeParameterizedClassInvocation
    static void open(StorageBackend backend) {
        chat = new ChatFixture(backend, 20);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        chat.close();
    }

    @BeforeEach
    void people() {
        alice = chat.someone();
        bob = chat.someone();
        room = chat.rooms.create(alice.id(), ChatFixture.unique("room"), false);
    }
}
