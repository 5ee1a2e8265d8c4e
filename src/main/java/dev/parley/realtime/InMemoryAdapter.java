package dev.parley.realtime;

import dev.parley.protocol.Frame;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Rooms of one namespace on this instance only. */
public final class InMemoryAdapter implements Adapter {

    private final Namespace namespace;
    private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> socketRooms = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    public InMemoryAdapter(Namespace namespace) {
        this.namespace = namespace;
    }

    @Override
    public void join(String socketId, Collection<String> names) {
        Set<String> joined = socketRooms.computeIfAbsent(socketId, id -> ConcurrentHashMap.newKeySet());
        for (String room : names) {
            joined.add(room);
            rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(socketId);
        }
        version.incrementAndGet(); // after the change: a reader that saw the old number works it out again
    }

    @Override
    public void leave(String socketId, String room) {
        Set<String> joined = socketRooms.get(socketId);
        if (joined != null) {
            joined.remove(room);
        }
        removeMember(room, socketId);
        version.incrementAndGet();
    }

    @Override
    public void leaveAll(String socketId) {
        Set<String> joined = socketRooms.remove(socketId);
        if (joined != null) {
            for (String room : joined) {
                removeMember(room, socketId);
            }
        }
        version.incrementAndGet();
    }

    /** Drops the room once empty, atomically with respect to a concurrent join. */
    private void removeMember(String room, String socketId) {
        rooms.computeIfPresent(room, (name, members) -> {
            members.remove(socketId);
            return members.isEmpty() ? null : members;
        });
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public Set<String> rooms(String socketId) {
        Set<String> joined = socketRooms.get(socketId);
        return joined == null ? Set.of() : Set.copyOf(joined);
    }

    @Override
    public boolean isIn(String socketId, String room) {
        Set<String> joined = socketRooms.get(socketId);
        return joined != null && joined.contains(room);
    }

    @Override
    public Set<String> socketsIn(String room) {
        Set<String> members = rooms.get(room);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    @Override
    public void broadcast(List<Frame> packet, Set<String> targetRooms, Set<String> except) {
        Set<String> excluded = except.isEmpty() ? Set.of() : members(except);
        if (targetRooms.isEmpty()) {
            for (Socket socket : namespace.sockets()) {
                if (!excluded.contains(socket.id())) {
                    socket.sendEncoded(packet);
                }
            }
            return;
        }
        Iterable<String> targets = targetRooms.size() == 1
                ? rooms.getOrDefault(targetRooms.iterator().next(), Set.of())
                : members(targetRooms); // a socket in two of the rooms gets the packet once
        for (String id : targets) {
            if (!excluded.contains(id)) {
                Socket socket = namespace.socket(id);
                if (socket != null) {
                    socket.sendEncoded(packet);
                }
            }
        }
    }

    private Set<String> members(Set<String> roomNames) {
        Set<String> ids = new HashSet<>();
        for (String room : roomNames) {
            ids.addAll(rooms.getOrDefault(room, Set.of()));
        }
        return ids;
    }
}
