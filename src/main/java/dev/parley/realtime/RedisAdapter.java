package dev.parley.realtime;

import dev.parley.protocol.Frame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rooms shared by several instances through Redis, the way Node's {@code @socket.io/redis-adapter} shares them:
 * each instance keeps the rooms of its own sockets ({@link InMemoryAdapter}) and delivers a broadcast to them,
 * and the same broadcast (its frames, encoded once, with its rooms and exceptions) goes to the namespace's
 * channel, where every other instance delivers it to its own sockets. Membership, socket lists and
 * {@link #version()} stay this instance's, as in Node's adapter.
 */
final class RedisAdapter implements Adapter {

    private final InMemoryAdapter local;
    private final RedisBus bus;
    private final String namespace;

    RedisAdapter(Namespace namespace, RedisBus bus) {
        this.local = new InMemoryAdapter(namespace);
        this.bus = bus;
        this.namespace = namespace.name();
        bus.register(this.namespace, this);
    }

    @Override
    public void join(String socketId, Collection<String> rooms) {
        local.join(socketId, rooms);
    }

    @Override
    public void leave(String socketId, String room) {
        local.leave(socketId, room);
    }

    @Override
    public void leaveAll(String socketId) {
        local.leaveAll(socketId);
    }

    @Override
    public Set<String> rooms(String socketId) {
        return local.rooms(socketId);
    }

    @Override
    public boolean isIn(String socketId, String room) {
        return local.isIn(socketId, room);
    }

    @Override
    public long version() {
        return local.version();
    }

    @Override
    public Set<String> socketsIn(String room) {
        return local.socketsIn(room);
    }

    @Override
    public void broadcast(List<Frame> packet, Set<String> rooms, Set<String> except) {
        local.broadcast(packet, rooms, except);
        bus.publish(namespace, new Remote(bus.instance(), packet, rooms, except).encode());
    }

    @Override
    public void broadcastLocal(List<Frame> packet, Set<String> rooms, Set<String> except) {
        local.broadcast(packet, rooms, except);
    }

    /** A broadcast another instance published on this namespace's channel: for this instance's sockets. */
    void receive(byte[] message) {
        Remote remote = Remote.decode(message);
        if (!remote.instance().equals(bus.instance())) {
            local.broadcast(Frame.broadcast(remote.frames()), remote.rooms(), remote.except());
        }
    }

    /** A broadcast as it travels between instances: who sent it, its frames, its rooms and exceptions. */
    record Remote(String instance, List<Frame> frames, Set<String> rooms, Set<String> except) {

        private static final int FORMAT = 1;

        byte[] encode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                writeString(out, instance);
                writeStrings(out, rooms);
                writeStrings(out, except);
                out.writeInt(frames.size());
                for (Frame frame : frames) {
                    out.writeBoolean(frame.isBinary());
                    out.writeBoolean(frame.settle());
                    byte[] data = frame.isBinary() ? frame.binary() : frame.text().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(data.length);
                    out.write(data);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // in memory: cannot happen
            }
            return bytes.toByteArray();
        }

        /** Throws IllegalArgumentException for anything this format cannot have made. */
        static Remote decode(byte[] message) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
                if (in.readByte() != FORMAT) {
                    throw new IllegalArgumentException("not a Parley broadcast of format " + FORMAT);
                }
                String instance = readString(in);
                Set<String> rooms = readStrings(in);
                Set<String> except = readStrings(in);
                int count = in.readInt();
                List<Frame> frames = new ArrayList<>(Math.min(count, 64));
                for (int i = 0; i < count; i++) {
                    boolean binary = in.readBoolean();
                    boolean settle = in.readBoolean();
                    byte[] data = readBytes(in);
                    frames.add(binary ? new Frame(null, data, settle)
                            : new Frame(new String(data, StandardCharsets.UTF_8), null, settle));
                }
                return new Remote(instance, frames, rooms, except);
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated broadcast", e);
            }
        }

        private static void writeStrings(DataOutputStream out, Set<String> values) throws IOException {
            out.writeInt(values.size());
            for (String value : values) {
                writeString(out, value);
            }
        }

        private static void writeString(DataOutputStream out, String value) throws IOException {
            byte[] data = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(data.length);
            out.write(data);
        }

        private static Set<String> readStrings(DataInputStream in) throws IOException {
            int count = in.readInt();
            Set<String> values = new HashSet<>();
            for (int i = 0; i < count; i++) {
                values.add(readString(in));
            }
            return Set.copyOf(values);
        }

        private static String readString(DataInputStream in) throws IOException {
            return new String(readBytes(in), StandardCharsets.UTF_8);
        }

        private static byte[] readBytes(DataInputStream in) throws IOException {
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("length " + length + " past the end of the message");
            }
            return in.readNBytes(length);
        }
    }
}
