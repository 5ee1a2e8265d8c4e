package dev.parley.realtime;

import dev.parley.protocol.Frame;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable broadcast target: rooms to reach and rooms to skip, in one namespace. {@code to} and
 * {@code except} return new instances, so one may be kept and shared. {@code emit} encodes the packet once
 * and hands the same frames to every recipient.
 */
public final class Broadcast {

    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    private final boolean local;

    Broadcast(Namespace namespace, Set<String> rooms, Set<String> except) {
        this(namespace, rooms, except, false);
    }

    private Broadcast(Namespace namespace, Set<String> rooms, Set<String> except, boolean local) {
        this.namespace = namespace;
        this.rooms = Set.copyOf(rooms);
        this.except = Set.copyOf(except);
        this.local = local;
    }

    public Broadcast to(String... more) {
        return new Broadcast(namespace, union(rooms, more), except, local);
    }

    public Broadcast except(String... more) {
        return new Broadcast(namespace, rooms, union(except, more), local);
    }

    /** To this instance's sockets only, when several share rooms (Node's {@code local} flag). */
    public Broadcast local() {
        return new Broadcast(namespace, rooms, except, true);
    }

    public void emit(String event, Object... args) {
        Socket.requireEmittable(event);
        namespace.emitEvent(Socket.eventAndArgs(event, args), rooms, except, frames -> {
            if (local) {
                namespace.adapter().broadcastLocal(Frame.broadcast(frames), rooms, except);
            } else {
                namespace.adapter().broadcast(Frame.broadcast(frames), rooms, except);
            }
            return true;
        });
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
