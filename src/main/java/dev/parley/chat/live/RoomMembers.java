package dev.parley.chat.live;

import dev.parley.chat.account.AccountView;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.room.RoomMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The members of each room, and when each was last seen, kept in memory for the per-message work
 * (notifications, the join ack) that would otherwise read them from the database every time. A new member
 * (by a socket's join or over REST), a removal and a last tab closing show on every instance as it hears of
 * them; the lists are read again after {@link #MAX_AGE_NANOS} all the same, should a change go unheard (an
 * instance away from Redis for a while).
 */
@ApplicationScoped
public class RoomMembers {

    private static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Inject
    RoomDirectory rooms;

    private final Map<Long, Members> cache = new ConcurrentHashMap<>();
    /** Counts {@link #forget}s: a list loaded while one happened may predate it, and is used once, not kept. */
    private final AtomicLong forgets = new AtomicLong();
    /** When each member of a loaded room was last seen, kept fresh by presence changes here and elsewhere. */
    private final Map<Long, Instant> lastSeen = new ConcurrentHashMap<>();

    private record Members(Map<Long, AccountView> byId, long loadedAt) {
    }

    /**
     * The room's members; {@code readerId} must be allowed to see them (a member of a private room). Public,
     * as the other per-message calls are: Weld's client proxy calls a package-private method by reflection.
     */
    public Collection<AccountView> of(long roomId, long readerId) {
        Members members = cache.get(roomId);
        if (members == null || System.nanoTime() - members.loadedAt() > MAX_AGE_NANOS) {
            long forgotten = forgets.get();
            Map<Long, AccountView> byId = new ConcurrentHashMap<>();
            for (RoomMember member : rooms.membersSeen(roomId, readerId)) {
                byId.put(member.account().id(), member.account());
                if (member.lastSeenAt() != null) {
                    lastSeen.merge(member.account().id(), member.lastSeenAt(), RoomMembers::later);
                }
            }
            members = new Members(byId, System.nanoTime());
            if (forgets.get() == forgotten) {
                cache.put(roomId, members);
            }
        }
        return members.byId().values();
    }

    /** When the account was last seen, as far as this instance knows; null if never. */
    public Instant lastSeen(long accountId) {
        return lastSeen.get(accountId);
    }

    /** The account's last tab closed at {@code at}. */
    void seen(long accountId, Instant at) {
        lastSeen.merge(accountId, at, RoomMembers::later);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The room's members changed where this instance cannot follow (an addition over REST): read them again. */
    void forget(long roomId) {
        forgets.incrementAndGet();
        cache.remove(roomId);
    }

    /** The account is no longer a member of the room. */
    public void left(long roomId, long accountId) {
        Members members = cache.get(roomId);
        if (members != null) {
            members.byId().remove(accountId);
        }
    }

    /** The account just joined (and so became a member of) the room. */
    public void joined(long roomId, AccountView account) {
        Members members = cache.get(roomId);
        if (members != null) {
            members.byId().put(account.id(), account);
        }
    }

    /** The account as it now is (a new display name), wherever it is a member. */
    void renamed(AccountView account) {
        for (Members members : cache.values()) {
            members.byId().replace(account.id(), account);
        }
    }
}
