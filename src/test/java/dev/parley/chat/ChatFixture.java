package dev.parley.chat;

import dev.parley.chat.account.AccountRenamed;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.Accounts;
import dev.parley.chat.message.MessageChanged;
import dev.parley.chat.message.MessageStore;
import dev.parley.chat.message.Reactions;
import dev.parley.chat.message.ReactionsChanged;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.storage.Database;
import dev.parley.realtime.RecordingEvent;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** The chat's services over one open database, wired as CDI would wire them. */
public final class ChatFixture implements AutoCloseable {

    public final Database database;
    public final Accounts accounts;
    public final RoomDirectory rooms;
    public final MessageStore messages;
    public final Reactions reactions;
    /** What {@link Accounts#rename} told, in order. */
    public final List<AccountRenamed> renamed = new CopyOnWriteArrayList<>();
    /** What {@link MessageStore#edit} and {@link MessageStore#delete} told, in order. */
    public final List<MessageChanged> changed = new CopyOnWriteArrayList<>();
    /** What {@link Reactions#react} told, in order. */
    public final List<ReactionsChanged> reacted = new CopyOnWriteArrayList<>();

    public ChatFixture(StorageBackend backend, int maxMessageLength) {
        this.database = backend.open();
        this.accounts = new Accounts(database, TestPasswords.hash(), new RecordingEvent<>(renamed), TestPasswords.ITERATIONS);
        this.rooms = new RoomDirectory(database);
        this.messages = new MessageStore(database, new RecordingEvent<>(changed), maxMessageLength, 2, -1);
        this.reactions = new Reactions(database, new RecordingEvent<>(reacted));
    }

    /** A new account with a unique name and the password "correct horse". */
    public AccountView someone() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        return accounts.create(name, "User " + name, "correct horse", false);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        database.close();
    }
}
