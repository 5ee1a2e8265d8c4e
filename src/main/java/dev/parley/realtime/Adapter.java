package dev.parley.realtime;

import dev.parley.protocol.Frame;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Room membership and broadcasting for one namespace: the one seam through which rooms are used, so a
 * clustered adapter (Redis, for several instances) replaces the in-memory one without touching anything else.
 */
public interface Adapter {

    void join(String socketId, Collection<String> rooms);

    void leave(String socketId, String room);

    void leaveAll(String socketId);

    Set<String> rooms(String socketId);

    /** Whether the socket is in the room (without copying its room set, for hot paths). */
    default boolean isIn(String socketId, String room) {
        return rooms(socketId).contains(room);
    }

    /**
     * A number that changes whenever a local socket joins or leaves a room, so that what a caller worked out
     * from the rooms can be kept until it does; negative when this adapter cannot tell (nothing is kept).
     */
    default long version() {
        return -1;
    }

    /** Ids of the local sockets in {@code room}. */
    Set<String> socketsIn(String room);

    /**
     * Delivers an already-encoded packet to the sockets in any of {@code rooms} (all sockets when empty),
     * except those in any of {@code except}.
     */
    void broadcast(List<Frame> packet, Set<String> rooms, Set<String> except);

    /** As {@link #broadcast}, to this instance's sockets only (Node's {@code local} flag). */
    default void broadcastLocal(List<Frame> packet, Set<String> rooms, Set<String> except) {
        broadcast(packet, rooms, except);
    }
}
