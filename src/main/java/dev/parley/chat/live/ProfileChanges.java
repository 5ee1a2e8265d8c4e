package dev.parley.chat.live;

import dev.parley.chat.account.AccountRenamed;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.Accounts;
import dev.parley.chat.auth.SignedInSessions;
import dev.parley.chat.message.MessageStore;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.realtime.SocketRegistry;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.stream.Stream;

/**
 * A new display name: every copy of the account that sessions, sockets, room member lists and the message
 * writer keep is replaced, here and on every other instance, and the pages that show the user (the rooms
 * they are a member of, and their own tabs) hear {@code user-updated} {@code {user: {id, name}}}.
 */
@ApplicationScoped
public class ProfileChanges {

    /** The server-side event that tells the other instances: the user id, whose account they read again. */
    static final String RENAMED = "renamed";

    @Inject
    SocketServer io;

    @Inject
    SocketRegistry registry;

    @Inject
    SignedInSessions sessions;

    @Inject
    RoomMembers roomMembers;

    @Inject
    MessageStore messages;

    @Inject
    Accounts accounts;

    @Inject
    RoomDirectory rooms;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        io.onServerSideEmit(RENAMED, said -> accounts.find(Long.parseLong(said)).ifPresent(this::refreshHere));
    }

    void renamed(@Observes AccountRenamed renamed) {
        AccountView account = renamed.account();
        refreshHere(account);
        io.serverSideEmit(RENAMED, () -> String.valueOf(account.id()));
        // the rooms they are in, their own tabs, and the tabs of whoever lists a direct conversation by their name
        String[] audience = Stream.of(Stream.of(Rooms.user(account.id())),
                        rooms.memberRoomIds(account.id()).stream().map(Rooms::chat),
                        rooms.directPartners(account.id()).stream().map(Rooms::user))
                .flatMap(s -> s).toArray(String[]::new);
        io.of("/").to(audience).emit("user-updated", Map.of("user", ChatEvents.user(account)));
    }

    private void refreshHere(AccountView account) {
        messages.forgetName(account.id());
        sessions.refresh(account);
        roomMembers.renamed(account);
        // every namespace's: /admin's too
        registry.sockets().forEach(socket -> ChatAuthentication.refresh(socket, account));
    }
}
