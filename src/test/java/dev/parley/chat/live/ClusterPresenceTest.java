package dev.parley.chat.live;

import dev.parley.realtime.PresenceChanged;
import dev.parley.realtime.SocketRegistry;
import dev.parley.realtime.SocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances' presence, their Redis link replaced by queues the test delivers from in the order it
 * chooses, so that the interleavings a real cluster meets now and then are played every time. What a tab
 * hears is counted: a local announcement reaches the instance's own tabs, a clustered one every instance's.
 */
class ClusterPresenceTest {

    private static final String ALICE = "7";

    private Instance one;
    private Instance two;

    @BeforeEach
    void twoInstancesWhereAliceHasATabOnEach() {
        one = new Instance("one");
        two = new Instance("two");
        one.peer = two;
        two.peer = one;
        one.start();
        two.start();
        one.tabOpens(ALICE);
        two.tabOpens(ALICE);
        while (!one.inbox.isEmpty() || !two.inbox.isEmpty()) { // hellos, snapshots, her first tabs
            one.deliverAll();
            two.deliverAll();
        }
        one.told.clear();
        two.told.clear();
    }

    @AfterEach
    void stop() {
        one.presence.stop();
        two.presence.stop();
    }

    @Test
    void herLastTabOnOneInstanceLeavesTheNewsToTheOtherWhichSaysItOnceHerLastTabThereGoes() {
        one.tabCloses(ALICE);
        two.deliverAll();
        assertEquals(List.of(), heardOffline(one), "she is still on instance two");
        assertEquals(List.of(), heardOffline(two));

        two.tabCloses(ALICE);
        one.deliverAll();
        assertEquals(List.of("offline"), heardOffline(one));
        assertEquals(List.of("offline"), heardOffline(two));
    }

    /**
     * Both last tabs go together, each instance still thinking the other has her: neither says it, and each
     * hears the other leave it the news. Instance two reads that news between its registry's change and its
     * own decision, so its decision finds no one else has her either. Its tabs hear once that she went.
     */
    @Test
    void whenBothLastTabsGoTogetherEachTabHearsOnceThatSheWent() {
        one.tabCloses(ALICE); // one leaves the news to two
        two.registry.online.remove(ALICE); // two's last tab is gone from its registry...
        two.deliverAll(); // ...as one's news is read there: no one has her, so two tells its own tabs
        two.announcer.changed(new PresenceChanged(ALICE, false)); // two's own decision, after that
        one.deliverAll();

        assertEquals(List.of("offline"), heardOffline(one), "instance one's tabs");
        assertEquals(List.of("offline"), heardOffline(two), "instance two's tabs");
    }

    @Test
    void whenBothLastTabsGoTogetherAndEachDecidesBeforeReadingTheOthersNewsEachTabStillHearsOnce() {
        one.tabCloses(ALICE);
        two.tabCloses(ALICE);
        one.deliverAll();
        two.deliverAll();

        assertEquals(List.of("offline"), heardOffline(one));
        assertEquals(List.of("offline"), heardOffline(two));
    }

    /**
     * Her only tab, on instance one, goes as a new one opens on instance two, which has not heard yet: one
     * says she went, two (thinking one still has her) says nothing of her coming. Once two reads one's news,
     * it says she is online: the last word every tab hears is the truth.
     */
    @Test
    void herLastTabGoingOnOneInstanceAsANewOneOpensOnTheOtherEndsWithHerOnline() {
        two.tabCloses(ALICE);
        one.deliverAll();
        one.told.clear();
        two.told.clear();

        one.tabCloses(ALICE);
        two.tabOpens(ALICE);
        two.deliverAll();
        one.deliverAll();

        assertEquals(List.of("offline", "online"), heard(one));
        assertEquals(List.of("offline", "online"), heard(two));
    }

    @Test
    void sheGoesAndComesBackAndGoesAgainAndEachGoingIsHeard() {
        whenBothLastTabsGoTogetherAndEachDecidesBeforeReadingTheOthersNewsEachTabStillHearsOnce();
        one.tabOpens(ALICE);
        two.deliverAll();
        one.tabCloses(ALICE);
        two.deliverAll();

        assertEquals(List.of("offline", "online", "offline"), heard(one));
        assertEquals(List.of("offline", "online", "offline"), heard(two));
    }

    /** What instance's tabs heard of Alice, in order: their own instance's local news and everyone's. */
    private List<String> heard(Instance tabsOf) {
        List<String> heard = new ArrayList<>();
        for (Told told : merged()) {
            if (!told.here() || told.by() == tabsOf) {
                heard.add(told.online() ? "online" : "offline");
            }
        }
        return heard;
    }

    private List<String> heardOffline(Instance tabsOf) {
        return heard(tabsOf).stream().filter("offline"::equals).toList();
    }

    private List<Told> merged() {
        List<Told> all = new ArrayList<>(one.told);
        all.addAll(two.told);
        all.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return all;
    }

    private long sequence; // the order of everything told, on either instance

    private record Told(Instance by, boolean here, boolean online, long seq) {
    }

    /** One instance: its presence beans with a registry of plain sets and a link of queues. */
    private final class Instance {
        final String name;
        final Registry registry = new Registry();
        final Link link = new Link(this);
        final ClusterPresence presence = new ClusterPresence();
        final Presence announcer = new Presence() {
            @Override
            void tell(boolean here, long userId, boolean online, Instant lastSeen) {
                told.add(new Told(Instance.this, here, online, sequence++));
            }
        };
        final List<Told> told = new ArrayList<>();
        final Queue<Runnable> inbox = new ArrayDeque<>();
        Instance peer;

        Instance(String name) {
            this.name = name;
            presence.io = link;
            presence.registry = registry;
            presence.presence = announcer;
            presence.roomMembers = new RoomMembers();
            presence.intervalSeconds = 3600; // no snapshot during a test
            announcer.cluster = presence;
            announcer.registry = registry;
        }

        void start() {
            presence.start(null);
        }

        /** A user's first tab here, as the registry reports it. */
        void tabOpens(String user) {
            registry.online.add(user);
            announcer.changed(new PresenceChanged(user, true));
        }

        /** A user's last tab here. */
        void tabCloses(String user) {
            registry.online.remove(user);
            announcer.changed(new PresenceChanged(user, false));
        }

        /** Reads what the other instance has sent so far, in order. */
        void deliverAll() {
            while (!inbox.isEmpty()) {
                inbox.remove().run();
            }
        }
    }

    private static final class Registry extends SocketRegistry {
        final Set<String> online = new HashSet<>();

        @Override
        public boolean isOnline(String userId) {
            return online.contains(userId);
        }

        @Override
        public Set<String> onlineUsers() {
            return Set.copyOf(online);
        }
    }

    /** The Redis link: what this instance sends waits in the other's inbox. */
    private static final class Link extends SocketServer {
        final Instance instance;
        final Map<String, Consumer<String>> handlers = new HashMap<>();

        Link(Instance instance) {
            this.instance = instance;
        }

        @Override
        public boolean clustered() {
            return true;
        }

        @Override
        public String instanceId() {
            return instance.name;
        }

        @Override
        public void serverSideEmit(String event, Supplier<String> json) {
            String text = json.get();
            Instance to = instance.peer;
            to.inbox.add(() -> to.link.handlers.getOrDefault(event, ignored -> { }).accept(text));
        }

        @Override
        public void onServerSideEmit(String event, Consumer<String> handler) {
            handlers.put(event, handler);
        }
    }
}
