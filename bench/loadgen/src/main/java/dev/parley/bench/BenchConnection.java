package dev.parley.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One Socket.IO client speaking just enough Engine.IO v4 / Socket.IO v5 over a raw WebSocket: open, CONNECT
 * with auth, join a room, answer pings, count arriving {@code message} events. Probes also read the send
 * timestamp out of each message; senders emit messages with an ack id and time the ack.
 */
final class BenchConnection {
    enum State { CONNECTING, UPGRADING, OPENING, CONNECTING_NAMESPACE, JOINING_ROOM, READY, CLOSED }

    private static final byte[] MESSAGE_EVENT = WsCodec.ascii("42[\"message\",");
    private static final byte[] TEXT_FIELD = WsCodec.ascii("\"text\":\"t");
    private static final byte[] OK_TRUE = WsCodec.ascii("\"ok\":true");
    private static final byte[] HEADER_END = WsCodec.ascii("\r\n\r\n");
    private static final byte[] PONG = WsCodec.ascii("3");
    private static final byte[] DUPLICATE = WsCodec.ascii("\"duplicate\":true");
    private static final int ACK_RING = 8192;
    /**
     * Unique to this generator process: Parley stores messages across phases and runs, and answers a
     * clientMsgId it has seen with the first copy's ack and no broadcast.
     */
    private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

    final int index;
    final int room;
    final String roomId;
    final boolean probe;
    final boolean sender;
    State state = State.CONNECTING;
    String failure;
    long startedAt;

    private final EventLoop loop;
    private SocketChannel channel;
    private SelectionKey key;
    private byte[] pending = new byte[0];
    private int pendingLength;
    private ByteArrayOutputStream fragments;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private int nextAckId = 1;
    private int joinAckId;
    private final long[] sentAt;

    BenchConnection(EventLoop loop, int index, int room, String roomId, boolean probe, boolean sender) {
        this.loop = loop;
        this.index = index;
        this.room = room;
        this.roomId = roomId;
        this.probe = probe;
        this.sender = sender;
        this.sentAt = sender ? new long[ACK_RING] : null;
    }

    void connect(Selector selector, long now) throws IOException {
        startedAt = now;
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        key = channel.register(selector, SelectionKey.OP_CONNECT, this);
        if (channel.connect(loop.target.address)) {
            onConnectable();
        }
    }

    /** Moves a ready connection to another selector (sinks go to the one read in batches). */
    void moveTo(Selector other) throws IOException {
        int interest = key.interestOps();
        key.cancel();
        key = channel.register(other, interest, this);
    }

    void onConnectable() throws IOException {
        channel.finishConnect();
        key.interestOps(SelectionKey.OP_READ);
        state = State.UPGRADING;
        write(loop.target.upgradeRequest(index));
    }

    /** Emits one chat message stamped with its intended send time (nanos since the loop's epoch). */
    void sendMessage(long intendedSinceEpoch, String filler) {
        int ackId = nextAckId++;
        sentAt[ackId & (ACK_RING - 1)] = intendedSinceEpoch;
        write(WsCodec.clientText("42" + ackId + "[\"message\",{\"roomId\":" + Target.roomJson(roomId)
                + ",\"text\":\"t" + intendedSinceEpoch + " " + filler + "\",\"clientMsgId\":\"c" + RUN_ID + "-" + index + "-" + ackId + "\"}]"));
    }

    void onReadable(ByteBuffer shared, long now) throws IOException {
        shared.clear();
        shared.put(pending, 0, pendingLength);
        int n = channel.read(shared);
        if (n < 0) {
            close(state == State.READY ? "server closed the connection" : "closed during handshake");
            return;
        }
        byte[] b = shared.array();
        int end = shared.position();
        int off = state == State.UPGRADING ? readUpgradeResponse(b, end) : 0;
        if (off >= 0 && state != State.CLOSED && state != State.UPGRADING) {
            off = readFrames(b, off, end, now);
        }
        if (state == State.CLOSED) {
            return;
        }
        pendingLength = end - Math.max(off, 0);
        if (pendingLength == shared.capacity()) {
            close("a frame larger than the bench client's " + shared.capacity() + "-byte buffer");
            return;
        }
        if (pending.length < pendingLength) {
            pending = new byte[Math.max(pendingLength, 2 * pending.length)];
        }
        System.arraycopy(b, end - pendingLength, pending, 0, pendingLength);
    }

    void onWritable() throws IOException {
        while (!out.isEmpty()) {
            ByteBuffer frame = out.peek();
            channel.write(frame);
            if (frame.hasRemaining()) {
                return;
            }
            out.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    /** Returns where frames start, or -1 while the response headers are incomplete. */
    private int readUpgradeResponse(byte[] b, int end) {
        int headerEnd = WsCodec.indexOf(b, 0, end, HEADER_END);
        if (headerEnd < 0) {
            return -1;
        }
        String head = new String(b, 0, headerEnd, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 101")) {
            close("upgrade refused: " + head.lines().findFirst().orElse(""));
            return -1;
        }
        state = State.OPENING;
        return headerEnd + HEADER_END.length;
    }

    private int readFrames(byte[] b, int off, int end, long now) throws IOException {
        while (end - off >= 2 && state != State.CLOSED) {
            int b0 = b[off] & 0xff;
            int b1 = b[off + 1] & 0xff;
            long length = b1 & 0x7f;
            int header = 2;
            if (length == 126) {
                if (end - off < 4) {
                    break;
                }
                length = ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
                header = 4;
            } else if (length == 127) {
                if (end - off < 10) {
                    break;
                }
                length = ByteBuffer.wrap(b, off + 2, 8).getLong();
                header = 10;
            }
            if ((b1 & 0x80) != 0 || length > Integer.MAX_VALUE) {
                close("server sent a masked or oversized frame");
                break;
            }
            if (end - off < header + length) {
                break;
            }
            onFrame(b0, b, off + header, (int) length, now);
            off += header + (int) length;
        }
        return off;
    }

    private void onFrame(int b0, byte[] b, int p, int len, long now) throws IOException {
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        if (opcode == WsCodec.OP_PING) {
            byte[] payload = new byte[len];
            System.arraycopy(b, p, payload, 0, len);
            write(WsCodec.clientFrame(WsCodec.OP_PONG, payload));
        } else if (opcode == WsCodec.OP_CLOSE) {
            close("server sent a WebSocket close");
        } else if (opcode == WsCodec.OP_TEXT && fin) {
            onPacket(b, p, len, now);
        } else if (opcode == WsCodec.OP_TEXT || opcode == WsCodec.OP_CONTINUATION) {
            // Servers rarely fragment; when one does, reassemble before reading the packet.
            if (fragments == null) {
                fragments = new ByteArrayOutputStream();
            }
            fragments.write(b, p, len);
            if (fin) {
                byte[] whole = fragments.toByteArray();
                fragments = null;
                onPacket(whole, 0, whole.length, now);
            }
        }
    }

    private void onPacket(byte[] b, int p, int len, long now) throws IOException {
        if (state == State.READY) {
            if (WsCodec.startsWith(b, p, len, MESSAGE_EVENT)) {
                onMessageEvent(b, p, len, now);
            } else if (len == 1 && b[p] == '2') {
                write(WsCodec.clientFrame(WsCodec.OP_TEXT, PONG));
            } else if (len > 2 && b[p] == '4' && b[p + 1] == '3') {
                onAck(b, p, len, now);
            } else if (len >= 1 && b[p] == '1') {
                close("server sent an Engine.IO close");
            }
            return;
        }
        if (len >= 1 && b[p] == '2') {
            write(WsCodec.clientFrame(WsCodec.OP_TEXT, PONG));
        } else if (state == State.OPENING && len > 1 && b[p] == '0') {
            String auth = loop.target.auth.connectPayload(index);
            write(WsCodec.clientText(auth == null ? "40" : "40" + auth));
            state = State.CONNECTING_NAMESPACE;
        } else if (state == State.CONNECTING_NAMESPACE && len >= 2 && b[p] == '4' && b[p + 1] == '0') {
            if (roomId == null) {
                ready();
            } else {
                joinAckId = nextAckId++;
                write(WsCodec.clientText("42" + joinAckId + "[\"join-room\"," + Target.roomJson(roomId) + "]"));
                state = State.JOINING_ROOM;
            }
        } else if (len >= 2 && b[p] == '4' && b[p + 1] == '4') {
            close("connect_error " + new String(b, p + 2, len - 2, StandardCharsets.UTF_8));
        } else if (state == State.JOINING_ROOM && len > 2 && b[p] == '4' && b[p + 1] == '3'
                && WsCodec.parseDigits(b, p + 2, p + len) == joinAckId) {
            if (WsCodec.indexOf(b, p, Math.min(len, 64), OK_TRUE) < 0) {
                close("join-room refused: " + new String(b, p, Math.min(len, 200), StandardCharsets.UTF_8));
            } else {
                ready();
            }
        }
    }

    private void onMessageEvent(byte[] b, int p, int len, long now) {
        Metrics m = loop.metrics;
        m.delivered++;
        m.lastDeliveryNanos = now;
        if (probe) {
            int t = WsCodec.indexOf(b, p, len, TEXT_FIELD);
            long intended = t < 0 ? -1 : WsCodec.parseDigits(b, t + TEXT_FIELD.length, p + len);
            if (intended >= 0) {
                m.recordLatency(m.endToEnd, m.endToEndMaxBySecond, intended, now - loop.epoch - intended);
            }
        }
    }

    private void onAck(byte[] b, int p, int len, long now) {
        long ackId = WsCodec.parseDigits(b, p + 2, p + len);
        if (!sender || ackId <= 0) {
            return;
        }
        Metrics m = loop.metrics;
        m.acked++;
        if (WsCodec.indexOf(b, p, Math.min(len, 64), OK_TRUE) < 0 || WsCodec.indexOf(b, p, Math.min(len, 120), DUPLICATE) >= 0) {
            m.ackFailures++; // refused, or taken for a retry of an earlier message and not broadcast
            loop.noteAckFailure(new String(b, p, Math.min(len, 200), StandardCharsets.UTF_8));
        } else {
            long intended = sentAt[(int) ackId & (ACK_RING - 1)];
            m.recordLatency(m.ack, m.ackMaxBySecond, intended, now - loop.epoch - intended);
        }
    }

    boolean sink() {
        return !probe && !sender;
    }

    private void ready() {
        state = State.READY;
        loop.connectionReady(this);
    }

    private void write(ByteBuffer frame) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            if (out.isEmpty()) {
                channel.write(frame);
                if (!frame.hasRemaining()) {
                    return;
                }
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
            out.add(frame);
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        }
    }

    void close(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        failure = reason;
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing is best effort; the connection is gone either way
        }
        loop.connectionClosed(this, was, reason);
    }
}
