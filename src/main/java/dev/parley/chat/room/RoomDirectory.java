package dev.parley.chat.room;

import dev.parley.chat.ChatException;
import dev.parley.chat.account.Account;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rooms and who may be in them. Public rooms are open to every account; private rooms only to their
 * members: others get Forbidden (as the {@code join-room} contract says), never the room's name or content.
 */
@ApplicationScoped
public class RoomDirectory {

    private Database database;
    /** Locks for {@link #join}, by account. */
    private final Object[] joining = Stream.generate(Object::new).limit(64).toArray();

    protected RoomDirectory() {
        // for CDI proxies
    }

    @Inject
    public RoomDirectory(Database database) {
        this.database = database;
    }

    /** Public rooms and the private rooms the account belongs to, by name; then its direct conversations. */
    public List<VisibleRoom> visibleTo(long accountId) {
        return database.inTransaction(em -> {
            Map<Long, Membership> mine = em.createQuery(
                            "SELECT m FROM Membership m WHERE m.account.id = :me", Membership.class)
                    .setParameter("me", accountId)
                    .getResultList().stream()
                    .collect(Collectors.toMap(m -> m.getRoom().getId(), Function.identity()));
            // named rooms by name, then direct conversations (no name) oldest first, on either database; their
            // people read in the same query, not one account at a time
            return em.createQuery("SELECT r FROM Room r LEFT JOIN FETCH r.directLow LEFT JOIN FETCH r.directHigh"
                            + " ORDER BY r.name, r.id", Room.class).getResultList().stream()
                    .filter(r -> !r.isPrivate() || mine.containsKey(r.getId()))
                    .sorted(Comparator.comparing(Room::isDirect))
                    .map(r -> {
                        Membership m = mine.get(r.getId());
                        return new VisibleRoom(RoomView.of(r), m != null, m == null ? null : m.getLastReadMessageId());
                    })
                    .toList();
        });
    }

    /** The ids of the rooms the account is a member of: who hears about its presence. */
    public List<Long> memberRoomIds(long accountId) {
        return database.inTransaction(em -> em.createQuery(
                        "SELECT m.room.id FROM Membership m WHERE m.account.id = :me", Long.class)
                .setParameter("me", accountId)
                .getResultList());
    }

    /** The ids of the people the account has a direct conversation with: whose room lists show its name. */
    public List<Long> directPartners(long accountId) {
        return database.inTransaction(em -> em.createQuery("SELECT r FROM Room r WHERE r.directLow.id = :me"
                        + " OR r.directHigh.id = :me", Room.class)
                .setParameter("me", accountId)
                .getResultList().stream()
                .flatMap(r -> r.getPeople().stream().map(Account::getId).filter(id -> id != accountId))
                .toList());
    }

    /** Every room, public and private: for administrators' announcements, not for showing to users. */
    public List<RoomView> all() {
        return database.inTransaction(em -> em.createQuery("SELECT r FROM Room r ORDER BY r.name", Room.class)
                .getResultList().stream().map(RoomView::of).toList());
    }

    /** A direct conversation opened, or one already there: {@code created} says which. */
    public record Direct(RoomView room, boolean created) {
    }

    /**
     * The direct conversation between two accounts, made with both as members when there is none, after
     * {@code beforeCreating} (which may refuse: an allowance). Opened from both sides at once it is made once:
     * one at a time on this instance (as {@link #join}), else at the pair's unique constraint, where the loser
     * finds the winner's.
     *
     * @throws ChatException Invalid with oneself; NotFound for no such account
     */
    public Direct direct(long starterId, long otherId, Runnable beforeCreating) {
        if (starterId == otherId) {
            throw ChatException.invalid("A direct conversation is with someone else");
        }
        long low = Math.min(starterId, otherId);
        long high = Math.max(starterId, otherId);
        synchronized (joining[Math.floorMod(Long.hashCode(low), joining.length)]) {
            return database.inTransactionOrOnceMore(em -> findDirect(em, low, high)
                    .map(room -> new Direct(RoomView.of(room), false))
                    .orElseGet(() -> new Direct(RoomView.of(newDirect(em, starterId, otherId, beforeCreating)), true)));
        }
    }

    private static Room newDirect(EntityManager em, long starterId, long otherId, Runnable beforeCreating) {
        Account other = account(em, otherId);
        beforeCreating.run();
        Account starter = account(em, starterId);
        Room room = starterId < otherId ? Room.direct(starter, other, starter, Database.now())
                : Room.direct(other, starter, starter, Database.now());
        em.persist(room);
        em.persist(new Membership(room, starter, Database.now()));
        em.persist(new Membership(room, other, Database.now()));
        em.flush();
        return room;
    }

    /** Creates a room; its creator is its first member. */
    public RoomView create(long creatorId, String name, boolean privateRoom) {
        String valid = RoomNames.valid(name);
        try {
            return database.inTransaction(em -> {
                if (findByName(em, valid).isPresent()) {
                    throw ChatException.conflict("A room named " + valid + " exists");
                }
                Account creator = account(em, creatorId);
                Room room = new Room(valid, privateRoom, creator, Database.now());
                em.persist(room);
                em.persist(new Membership(room, creator, Database.now()));
                em.flush();
                return RoomView.of(room);
            });
        } catch (PersistenceException raced) {
            if (database.inTransaction(em -> findByName(em, valid)).isPresent()) {
                throw ChatException.conflict("A room named " + valid + " exists");
            }
            throw raced;
        }
    }

    /**
     * A new name for a room, by its creator or an administrator (rooms the server made have no creator: only
     * administrators). The same name again changes nothing.
     *
     * @throws ChatException Invalid name; Forbidden for anyone else; Conflict when another room has the name;
     *                       NotFound (or Forbidden, for a private room of others) as {@link #requireAccess}
     */
    public RoomView rename(long roomId, long actorId, boolean admin, String name) {
        String valid = RoomNames.valid(name);
        try {
            return database.inTransaction(em -> {
                Room room = requireAccess(em, roomId, actorId);
                if (room.isDirect()) {
                    throw ChatException.invalid("A direct conversation has no name: it shows the other person's");
                }
                if (!admin && !Long.valueOf(actorId).equals(room.getCreatedById())) {
                    throw ChatException.forbidden("Only the room's creator or an administrator may rename it");
                }
                if (!valid.equals(room.getName())) {
                    if (findByName(em, valid).isPresent()) {
                        throw ChatException.conflict("A room named " + valid + " exists");
                    }
                    room.rename(valid);
                    em.flush();
                }
                return RoomView.of(room);
            });
        } catch (PersistenceException raced) { // another took the name between the check and the commit
            if (database.inTransaction(em -> findByName(em, valid)).isPresent()) {
                throw ChatException.conflict("A room named " + valid + " exists");
            }
            throw raced;
        }
    }

    /** The room with that name, created without a creator when missing (demo data, fixed rooms). */
    public RoomView ensure(String name, boolean privateRoom) {
        String valid = RoomNames.valid(name);
        return database.inTransaction(em -> RoomView.of(findByName(em, valid).orElseGet(() -> {
            Room room = new Room(valid, privateRoom, null, Database.now());
            em.persist(room);
            em.flush();
            return room;
        })));
    }

    /** The room, if the account may see it. */
    public RoomView open(long roomId, long accountId) {
        return database.inTransaction(em -> RoomView.of(requireAccess(em, roomId, accountId)));
    }

    /** A room joined, and whether the account became a member of it by joining. */
    public record Joined(RoomView room, boolean newMember) {
    }

    /**
     * Joins a room the account may enter (for the {@code join-room} event): public rooms gain a member,
     * private rooms must already count the account among theirs.
     */
    public Joined join(long roomId, long accountId) {
        // One account's joins one at a time on this instance: many tabs opening at once (a reload, a
        // reconnect after a restart) would race to create the same membership, and each losing insert,
        // though retried, leaves the JPA provider's warning and stack trace in the log.
        // Once more if a tab on another instance created the membership meanwhile.
        synchronized (joining[Math.floorMod(Long.hashCode(accountId), joining.length)]) {
            return database.inTransactionOrOnceMore(em -> {
                Room room = em.find(Room.class, roomId);
                if (room == null) {
                    throw noSuchRoom();
                }
                boolean newMember = membership(em, roomId, accountId).isEmpty();
                if (room.isPrivate() && newMember) {
                    // the socket contract answers Forbidden here; REST keeps NotFound so names do not leak
                    throw ChatException.forbidden("This room is private");
                }
                if (newMember) {
                    em.persist(new Membership(room, account(em, accountId), Database.now()));
                }
                return new Joined(RoomView.of(room), newMember);
            });
        }
    }

    public List<AccountView> members(long roomId, long accountId) {
        return membersSeen(roomId, accountId).stream().map(RoomMember::account).toList();
    }

    /** As {@link #members}, with when each was last seen (null for who never was). */
    public List<RoomMember> membersSeen(long roomId, long accountId) {
        return database.inTransaction(em -> {
            requireAccess(em, roomId, accountId);
            return em.createQuery("SELECT m.account FROM Membership m WHERE m.room.id = :room"
                            + " ORDER BY m.account.username", Account.class)
                    .setParameter("room", roomId)
                    .getResultList().stream().map(a -> new RoomMember(a.view(), a.getLastSeenAt())).toList();
        });
    }

    /** Any member of a private room may bring someone in. */
    public AccountView addMember(long roomId, long actorId, long newMemberId) {
        return database.inTransaction(em -> {
            Room room = requirePrivateRoomOf(em, roomId, actorId);
            Account added = em.find(Account.class, newMemberId);
            if (added == null) {
                throw ChatException.notFound("No such account");
            }
            if (membership(em, roomId, newMemberId).isEmpty()) {
                em.persist(new Membership(room, added, Database.now()));
            }
            return added.view();
        });
    }

    /**
     * Members may leave; only the room's creator or an administrator may remove someone else. Returns the
     * account that is no longer a member.
     */
    public AccountView removeMember(long roomId, long actorId, long memberId) {
        return database.inTransaction(em -> {
            Room room = requirePrivateRoomOf(em, roomId, actorId);
            if (actorId != memberId && !isCreator(room, actorId) && !account(em, actorId).isAdmin()) {
                throw ChatException.forbidden("Only the room's creator or an administrator removes other members");
            }
            Membership membership = membership(em, roomId, memberId)
                    .orElseThrow(() -> ChatException.notFound("Not a member of this room"));
            AccountView removed = membership.getAccount().view();
            em.remove(membership);
            return removed;
        });
    }

    /**
     * The room, if it exists (else NotFound) and the account may enter it (else Forbidden); for use inside
     * another unit of work.
     */
    public static Room requireAccess(EntityManager em, long roomId, long accountId) {
        Room room = em.find(Room.class, roomId);
        if (room == null) {
            throw noSuchRoom();
        }
        if (room.isPrivate() && membership(em, roomId, accountId).isEmpty()) {
            throw membersOnly();
        }
        return room;
    }

    /** The ids of the rooms the account may read: every public room and its private ones. */
    public static List<Long> readableRoomIds(EntityManager em, long accountId) {
        Set<Long> mine = new HashSet<>(em.createQuery("SELECT m.room.id FROM Membership m WHERE m.account.id = :me",
                Long.class).setParameter("me", accountId).getResultList());
        // filtered here, as visibleTo does: EclipseLink writes a boolean literal as 0, which H2 will not compare
        return em.createQuery("SELECT r FROM Room r", Room.class).getResultList().stream()
                .filter(r -> !r.isPrivate() || mine.contains(r.getId()))
                .map(Room::getId)
                .toList();
    }

    /** What {@link #requireAccess} says about a room that does not exist. */
    public static ChatException noSuchRoom() {
        return ChatException.notFound("No such room");
    }

    /** What {@link #requireAccess} says to someone outside a private room. */
    public static ChatException membersOnly() {
        return ChatException.forbidden("This room is open to its members only");
    }

    /** The account's membership of a room it may enter, created for a public room on first use. */
    public static Membership membershipFor(EntityManager em, Room room, long accountId) {
        return membership(em, room.getId(), accountId).orElseGet(() -> {
            Membership joined = new Membership(room, account(em, accountId), Database.now());
            em.persist(joined);
            return joined;
        });
    }

    private static Room requirePrivateRoomOf(EntityManager em, long roomId, long actorId) {
        Room room = requireAccess(em, roomId, actorId);
        if (!room.isPrivate()) {
            throw ChatException.invalid("Public rooms are open to everyone: they have no member list to manage");
        }
        if (room.isDirect()) {
            throw ChatException.invalid("A direct conversation is between its two people: no one joins or leaves it");
        }
        return room;
    }

    private static boolean isCreator(Room room, long accountId) {
        return room.getCreatedBy() != null && room.getCreatedBy().getId() == accountId;
    }

    /**
     * As {@link #membershipFor}, with the row locked until the transaction ends, for a change that depends on
     * its current value: two read marks at once would otherwise both start from the old one, and the later
     * commit could move the mark back.
     */
    public static Membership membershipToUpdate(EntityManager em, Room room, long accountId) {
        return membership(em, room.getId(), accountId, LockModeType.PESSIMISTIC_WRITE)
                .orElseGet(() -> membershipFor(em, room, accountId));
    }

    private static Optional<Membership> membership(EntityManager em, long roomId, long accountId) {
        return membership(em, roomId, accountId, LockModeType.NONE);
    }

    private static Optional<Membership> membership(EntityManager em, long roomId, long accountId, LockModeType lock) {
        return em.createQuery("SELECT m FROM Membership m WHERE m.room.id = :room AND m.account.id = :account",
                        Membership.class)
                .setParameter("room", roomId)
                .setParameter("account", accountId)
                .setLockMode(lock)
                .getResultList().stream().findFirst();
    }

    private static Optional<Room> findDirect(EntityManager em, long low, long high) {
        return em.createQuery("SELECT r FROM Room r WHERE r.directLow.id = :low AND r.directHigh.id = :high", Room.class)
                .setParameter("low", low)
                .setParameter("high", high)
                .getResultList().stream().findFirst();
    }

    private static Optional<Room> findByName(EntityManager em, String name) {
        return em.createQuery("SELECT r FROM Room r WHERE r.name = :name", Room.class)
                .setParameter("name", name)
                .getResultList().stream().findFirst();
    }

    private static Account account(EntityManager em, long accountId) {
        Account account = em.find(Account.class, accountId);
        if (account == null) {
            throw ChatException.notFound("No such account");
        }
        return account;
    }
}
