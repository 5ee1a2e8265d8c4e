package dev.parley.chat.room;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import dev.parley.chat.ChatFixture;
import dev.parley.chat.OnEveryBackend;
import dev.parley.chat.account.AccountView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomDirectoryIT extends OnEveryBackend {

    private AccountView owner;
    private AccountView guest;

    @BeforeEach
    void people() {
        owner = chat.someone();
        guest = chat.someone();
    }

    @Test
    void publicRoomsAreVisibleToEveryonePrivateOnesToMembers() {
        RoomView open = chat.rooms.create(owner.id(), ChatFixture.unique("open"), false);
        RoomView closed = chat.rooms.create(owner.id(), ChatFixture.unique("closed"), true);

        assertTrue(visible(guest).contains(open.id()));
        assertFalse(visible(guest).contains(closed.id()));
        assertTrue(visible(owner).containsAll(List.of(open.id(), closed.id())));
        assertEquals(ChatError.FORBIDDEN, assertThrows(ChatException.class, () -> chat.rooms.open(closed.id(), guest.id())).error());
        assertEquals(ChatError.FORBIDDEN, assertThrows(ChatException.class, () -> chat.rooms.join(closed.id(), guest.id())).error());
        assertEquals(ChatError.NOT_FOUND, assertThrows(ChatException.class, () -> chat.rooms.join(Long.MAX_VALUE, guest.id())).error());
    }

    /**
     * Many tabs of one user joining a public room at once (a reload, a reconnect after a restart): all get
     * in, one membership results, and no failed insert of a second one reaches the log.
     */
    @Test
    void manyTabsJoiningAtOnceMakeOneMembershipWithoutAFailedInsert() throws Exception {
        RoomView room = chat.rooms.create(owner.id(), ChatFixture.unique("busy"), false);
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        ExecutorService tabs = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RoomView>> joins = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                joins.add(tabs.submit(() -> {
                    go.await();
                    return chat.rooms.join(room.id(), guest.id()).room();
                }));
            }
            go.countDown();
            for (Future<RoomView> join : joins) {
                assertEquals(room, join.get(30, TimeUnit.SECONDS));
            }
        } finally {
            tabs.shutdownNow();
            root.removeHandler(handler);
        }
        assertEquals(2, chat.rooms.members(room.id(), guest.id()).size());
        assertEquals(List.of(), warnings.stream().map(record -> record.getLoggerName() + ": "
                + (record.getThrown() != null ? record.getThrown() : record.getMessage())).toList());
    }

    @Test
    void theCreatorIsTheFirstMember() {
        RoomView room = chat.rooms.create(owner.id(), ChatFixture.unique("mine"), true);
        assertEquals(List.of(owner), chat.rooms.members(room.id(), owner.id()));
        assertTrue(entry(owner, room.id()).orElseThrow().member());
    }

    @Test
    void joiningAPublicRoomMakesYouAMember() {
        RoomView room = chat.rooms.create(owner.id(), ChatFixture.unique("lobby"), false);
        assertFalse(entry(guest, room.id()).orElseThrow().member());
        RoomDirectory.Joined first = chat.rooms.join(room.id(), guest.id());
        assertEquals(room, first.room());
        assertTrue(first.newMember(), "a public room gains a member by a join");
        assertFalse(chat.rooms.join(room.id(), guest.id()).newMember());
        assertTrue(entry(guest, room.id()).orElseThrow().member());
        assertEquals(2, chat.rooms.members(room.id(), guest.id()).size());
    }

    @Test
    void membersBringOthersIntoPrivateRoomsAndTheCreatorRemovesThem() {
        RoomView room = chat.rooms.create(owner.id(), ChatFixture.unique("club"), true);
        AccountView third = chat.someone();
        chat.rooms.addMember(room.id(), owner.id(), guest.id());
        chat.rooms.addMember(room.id(), guest.id(), third.id());
        chat.rooms.addMember(room.id(), guest.id(), third.id());
        assertEquals(3, chat.rooms.members(room.id(), third.id()).size());

        assertEquals(ChatError.FORBIDDEN, assertThrows(ChatException.class,
                () -> chat.rooms.removeMember(room.id(), guest.id(), third.id())).error());
        chat.rooms.removeMember(room.id(), owner.id(), third.id());
        chat.rooms.removeMember(room.id(), guest.id(), guest.id());
        assertEquals(List.of(owner), chat.rooms.members(room.id(), owner.id()));
        assertFalse(visible(guest).contains(room.id()));
    }

    @Test
    void outsidersCannotAddThemselvesToPrivateRooms() {
        RoomView room = chat.rooms.create(owner.id(), ChatFixture.unique("vault"), true);
        assertEquals(ChatError.FORBIDDEN, assertThrows(ChatException.class,
                () -> chat.rooms.addMember(room.id(), guest.id(), guest.id())).error());
    }

    @Test
    void allRoomsIncludesPrivateOnes() {
        RoomView closed = chat.rooms.create(owner.id(), ChatFixture.unique("hidden"), true);
        assertTrue(chat.rooms.all().contains(closed));
    }

    @Test
    void roomNamesAreUnique() {
        String name = ChatFixture.unique("same");
        chat.rooms.create(owner.id(), name, false);
        assertEquals(ChatError.CONFLICT, assertThrows(ChatException.class,
                () -> chat.rooms.create(guest.id(), name, true)).error());
    }

    @Test
    void ensureCreatesOnceAndThenFindsTheRoom() {
        String name = ChatFixture.unique("fixed");
        RoomView first = chat.rooms.ensure(name, false);
        assertEquals(first, chat.rooms.ensure(name, false));
    }

    private static List<Long> visible(AccountView who) {
        return chat.rooms.visibleTo(who.id()).stream().map(v -> v.room().id()).toList();
    }

    private static Optional<VisibleRoom> entry(AccountView who, long roomId) {
        return chat.rooms.visibleTo(who.id()).stream().filter(v -> v.room().id() == roomId).findFirst();
    }

    @Test
    void itsCreatorOrAnAdministratorRenamesARoomAndTheNewNameIsEverywhere() {
        RoomView room = chat.rooms.create(owner.id(), ChatFixture.unique("typo"), false);
        assertEquals(owner.id(), room.createdBy());
        AccountView admin = chat.accounts.create(ChatFixture.unique("adm"), "Admin", "correct horse", true);
        String taken = chat.rooms.create(guest.id(), ChatFixture.unique("taken"), false).name();

        assertEquals(ChatError.FORBIDDEN, refusal(() -> chat.rooms.rename(room.id(), guest.id(), false, "mine now")));
        assertEquals(ChatError.CONFLICT, refusal(() -> chat.rooms.rename(room.id(), owner.id(), false, taken)));
        assertEquals(ChatError.INVALID, refusal(() -> chat.rooms.rename(room.id(), owner.id(), false, " ")));
        assertEquals(room, chat.rooms.open(room.id(), guest.id()), "nothing refused changed it");

        String fixed = ChatFixture.unique("fixed");
        RoomView renamed = chat.rooms.rename(room.id(), owner.id(), false, "  " + fixed + " ");
        assertEquals(new RoomView(room.id(), fixed, RoomView.PUBLIC, owner.id(), null), renamed);
        assertEquals(renamed, chat.rooms.open(room.id(), guest.id()));
        assertTrue(chat.rooms.visibleTo(guest.id()).stream().anyMatch(v -> v.room().equals(renamed)), "in the room list");
        assertEquals(renamed, chat.rooms.rename(room.id(), owner.id(), false, fixed), "the same name again changes nothing");

        String byAdmin = ChatFixture.unique("moderated");
        assertEquals(byAdmin, chat.rooms.rename(room.id(), admin.id(), true, byAdmin).name());
        assertEquals(ChatError.CONFLICT, refusal(() -> chat.rooms.create(guest.id(), byAdmin, false)), "the name is taken");
    }

    @Test
    void aRoomTheServerMadeHasNoCreatorAndOnlyAdministratorsRenameIt() {
        RoomView fixedRoom = chat.rooms.ensure(ChatFixture.unique("lobby"), false);
        AccountView admin = chat.accounts.create(ChatFixture.unique("adm"), "Admin", "correct horse", true);
        assertEquals(null, fixedRoom.createdBy());
        assertEquals(ChatError.FORBIDDEN, refusal(() -> chat.rooms.rename(fixedRoom.id(), owner.id(), false, "hijacked")));
        assertEquals("Lobby " + fixedRoom.id(), chat.rooms.rename(fixedRoom.id(), admin.id(), true, "Lobby " + fixedRoom.id()).name());
    }

    @Test
    void aPrivateRoomIsRenamedOnlyFromInside() {
        RoomView secret = chat.rooms.create(owner.id(), ChatFixture.unique("secret"), true);
        AccountView admin = chat.accounts.create(ChatFixture.unique("adm"), "Admin", "correct horse", true);
        assertEquals(ChatError.FORBIDDEN, refusal(() -> chat.rooms.rename(secret.id(), admin.id(), true, "seen")));
        assertEquals(ChatError.NOT_FOUND, refusal(() -> chat.rooms.rename(Long.MAX_VALUE, admin.id(), true, "none")));
    }

    private static ChatError refusal(Runnable action) {
        return assertThrows(ChatException.class, action::run).error();
    }
}
