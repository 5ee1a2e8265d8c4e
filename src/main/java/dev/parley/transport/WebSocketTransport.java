package dev.parley.transport;

import dev.parley.engine.EngineServer;
import dev.parley.engine.EngineSession;
import dev.parley.engine.Transport;
import dev.parley.protocol.Frame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket transport over a JSR-356 session. A single writer sends one frame at a time with async
 * sends, taking the next when the previous completes, so the session never sees two concurrent sends
 * and no thread blocks on a slow client: the backlog waits in the engine session's bounded queue.
 */
final class WebSocketTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());
    private static final long SETTLE_MILLIS = 5;
    /** Bytes of frames that may share one direct write. */
    private static final int GATHER_LIMIT = 32 * 1024;
    /** How long a close the server started waits for the client's answer before the container closes anyway. */
    private static final long CLOSE_ANSWER_MILLIS = 2_000;
    /** How often a close waiting for the first frame's write looks again. */
    private static final long PRIME_POLL_MILLIS = 5;

    private final Session socket;
    private final EngineServer server;
    /**
     * The server sent its close frame straight to the connection: the writer takes no more frames (one it was
     * handing over at that moment may still follow the close frame, which clients discard).
     */
    private final AtomicBoolean closing = new AtomicBoolean();
    private final RemoteEndpoint.Async remote;
    private final Queue<Frame> direct = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** Frames of the packet being written; touched only by the thread that holds {@code writing}. */
    private final ArrayDeque<Frame> current = new ArrayDeque<>();
    private volatile EngineSession engine;
    /** The container's direct way to the connection, or null (see DirectFrameWriter). */
    private final DirectFrameWriter fast;
    /** A frame has gone out through the container: the HTTP upgrade's reply is on the wire before ours. */
    private volatile boolean primed;
    /** A close made a frame to prime the direct path with (see {@link #close(CloseReason.CloseCode, String, long)}). */
    private volatile boolean primerSent;
    private volatile boolean sendFailed;
    /** Null: no write waits. Else this connection's side of the linger: when its next direct write waits. */
    private final WriteLinger.Pace pace;
    /** The writer's role is taken by a wait for the linger: whoever turns this off first writes. */
    private final AtomicBoolean holding = new AtomicBoolean();
    /** The client asked for binary as base64 text ({@code b64}); set before the session is attached. */
    private boolean base64;

    WebSocketTransport(Session socket, EngineServer server, WriteLinger linger) {
        this.socket = socket;
        this.server = server;
        this.remote = socket.getAsyncRemote();
        this.fast = DirectFrameWriter.of(socket);
        this.pace = fast == null || linger == null ? null : linger.pace();
    }

    /** The container's session this transport writes to. */
    Session socket() {
        return socket;
    }

    /** Binary messages go out as {@code b} and base64 text frames, as Node sends them to such a client. */
    void sendBinaryAsBase64() {
        base64 = true;
    }

    void attach(EngineSession engine) {
        this.engine = engine;
    }

    EngineSession engine() {
        return engine;
    }

    @Override
    public String name() {
        return EngineServer.TRANSPORT_WEBSOCKET;
    }

    @Override
    public void sendDirect(Frame frame) {
        direct.add(frame);
        flush();
    }

    @Override
    public void flush() {
        if (writing.compareAndSet(false, true)) {
            writeNext();
        }
    }

    @Override
    public void flushNow() {
        if (writing.compareAndSet(false, true) || holding.compareAndSet(true, false)) {
            writeNext();
        }
    }

    /** The linger's tick: the wait is over, unless a reply ended it earlier (see flushNow). */
    private void resumeHeld() {
        if (holding.compareAndSet(true, false)) {
            writeNext();
        }
    }

    /**
     * Writes frames until none is left or one completes later. The thread that loses the race between
     * "send returned" and "send completed" stops; the other goes on, so the chain never recurses deeply.
     */
    private void writeNext() {
        while (true) {
            if (holdBack()) {
                return; // the writer's role stays taken: flushes meanwhile just leave their frames queued
            }
            Frame frame = nextFrame();
            if (frame == null) {
                if (pace != null) {
                    pace.drained();
                }
                writing.set(false);
                if (!hasPending() || !writing.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            Send send = new Send(frame.settle());
            // The first frame goes through the container, so the direct path starts after the upgrade's reply
            boolean direct = primed && fast != null && socket.isOpen() && writeDirect(frame, send);
            if (!direct && !sendThroughContainer(frame, send)) {
                return;
            }
            if (send.settle || send.handedOff.compareAndSet(false, true)) {
                return; // completes later; its handler continues the chain
            }
        }
    }

    /**
     * A direct write started less than the linger ago, the next packet is a broadcast's, and the writer has
     * not waited since the queue was last empty: it waits for the linger's tick, so frames arriving meanwhile
     * share the write. Replies to this client alone (acks) go at once, and end a wait (flushNow).
     */
    private boolean holdBack() {
        if (pace == null || !primed || !current.isEmpty() || !direct.isEmpty() || !pace.mayWait(System.nanoTime())) {
            return false;
        }
        EngineSession session = engine;
        List<Frame> next = session == null || session.transport() != this ? null : session.peekOutbound();
        if (next == null || !next.get(0).isBroadcast()) {
            return false;
        }
        holding.set(true);
        pace.hold(session.outboundSize(), this::resumeHeld);
        return true;
    }

    /**
     * Writes {@code first} and the frames queued behind it, up to {@link #GATHER_LIMIT} bytes, in one system
     * call. False, with nothing taken, when {@code first} is too large for the direct path. A frame that must
     * go alone or through the container is put back in front, for the next round; frames sent direct by the
     * engine (probes, noops) are never gathered, so they keep their place.
     */
    private boolean writeDirect(Frame first, Send send) {
        if (first.settle()) {
            return fast.write(first, send);
        }
        byte[] bytes = DirectFrameWriter.bytesOf(first);
        if (bytes == null) {
            return false;
        }
        List<byte[]> frames = null;
        int total = bytes.length;
        while (direct.isEmpty()) {
            Frame next = nextFrame();
            if (next == null) {
                break;
            }
            byte[] nextBytes = next.settle() ? null : DirectFrameWriter.bytesOf(next);
            if (nextBytes == null || total + nextBytes.length > GATHER_LIMIT) {
                current.addFirst(next);
                break;
            }
            if (frames == null) {
                frames = new ArrayList<>();
                frames.add(bytes);
            }
            frames.add(nextBytes);
            total += nextBytes.length;
        }
        if (pace != null) {
            pace.wrote(frames == null ? 1 : frames.size());
        }
        fast.write(frames == null ? List.of(bytes) : frames, total, send);
        return true;
    }

    /** Sends through JSR-356; false when the session closed underneath us (the failure is handled). */
    private boolean sendThroughContainer(Frame frame, Send send) {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        // Where IdleTimerBypass could not apply, Tyrus creates a managed task per send, whose context
        // capture looks up providers with a ServiceLoader scan of the context class loader's jars: most
        // of a broadcast's CPU. Nothing here needs EE context, so the scan is given an empty class path.
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            if (frame.isBinary()) {
                remote.sendBinary(ByteBuffer.wrap(frame.binary()), send);
            } else {
                remote.sendText(frame.text(), send);
            }
            return true;
        } catch (RuntimeException e) { // closed underneath us
            send.failed(e);
            return false;
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /** One frame's completion, by either path: continues the chain, or ends the transport on a failure. */
    private final class Send implements SendHandler, DirectFrameWriter.Done {
        final AtomicBoolean handedOff = new AtomicBoolean();
        final boolean settle;

        Send(boolean settle) {
            this.settle = settle;
        }

        @Override
        public void onResult(SendResult result) {
            if (result.isOK()) {
                completed();
            } else {
                failed(result.getException());
            }
        }

        @Override
        public void completed() {
            primed = true;
            if (settle) {
                resumeLater();
            } else if (!handedOff.compareAndSet(false, true)) {
                writeNext();
            }
        }

        @Override
        public void failed(Throwable error) {
            handedOff.set(true); // a failure reported inline ends the chain too
            writing.set(false);
            WebSocketTransport.this.failed(error);
        }
    }

    /** After a frame that must reach the client alone, the chain goes on a moment later (see Frame#settled). */
    private void resumeLater() {
        EngineSession session = engine;
        if (session == null) {
            writing.set(false);
            flush();
        } else {
            session.later(this::writeNext, SETTLE_MILLIS);
        }
    }

    private Frame nextFrame() {
        Frame frame = pollFrame();
        return frame != null && base64 ? frame.asBase64() : frame;
    }

    private Frame pollFrame() {
        if (closing.get()) {
            return null;
        }
        Frame frame = direct.poll();
        if (frame != null) {
            return frame;
        }
        frame = current.poll();
        if (frame != null) {
            return frame;
        }
        EngineSession session = engine;
        if (session == null || session.transport() != this) {
            return null;
        }
        List<Frame> packet = session.pollOutbound();
        if (packet == null) {
            return null;
        }
        if (packet.size() == 1) {
            return packet.get(0);
        }
        current.addAll(packet);
        return current.poll();
    }

    private boolean hasPending() {
        if (closing.get()) {
            return false;
        }
        EngineSession session = engine;
        return !direct.isEmpty() || session != null && session.transport() == this && session.hasOutbound();
    }

    private void failed(Throwable error) {
        sendFailed = true; // the connection is gone: a close must not wait for, or make, a write
        LOG.log(Level.FINE, "WebSocket send failed", error);
        EngineSession session = engine;
        if (session != null) {
            session.onTransportClosed(this, "transport error");
        }
        close(false);
    }

    @Override
    public void close(boolean notifyClient) {
        close(CloseReason.CloseCodes.NORMAL_CLOSURE, "");
    }

    /**
     * A close the server starts. On Payara's direct path the close frame goes straight to the connection and
     * the container closes when the client answers it, on the connection's own thread, as it does for a close
     * the client starts: Tyrus's own close ends the upgrade request as soon as its frame is queued, and the
     * client's answer, or its end of the connection, then meets a request Payara's connector has recycled,
     * at times another client's by then (README, Production). A client that does not answer within
     * {@link #CLOSE_ANSWER_MILLIS} is closed the container's way.
     */
    void close(CloseReason.CloseCode code, String reason) {
        close(code, reason, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_ANSWER_MILLIS));
    }

    /**
     * Before the first frame has gone out through the container, the direct close frame could overtake the
     * upgrade's reply, and Tyrus's close right after the upgrade meets the race above (a bad packet that came
     * with the handshake, a refused probe): the close waits, until {@code primeBy}, for that frame's write, and
     * for a socket that has sent nothing yet makes one, a no-op packet, which clients ignore.
     */
    private void close(CloseReason.CloseCode code, String reason, long primeBy) {
        if (!socket.isOpen()) {
            return;
        }
        boolean closesDirect = fast != null && fast.writesClose(); // Undertow closes its own way
        if (closesDirect && !primed && !sendFailed && System.nanoTime() - primeBy < 0) {
            if (!primerSent && !writing.get() && direct.isEmpty() && !hasPending()) {
                primerSent = true;
                sendDirect(Frame.NOOP);
            }
            server.later(() -> close(code, reason, primeBy), PRIME_POLL_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (fast != null && primed) {
            if (!closing.compareAndSet(false, true)) {
                return; // closing already
            }
            if (closesDirect) {
                fast.writeClose(code.getCode(), reason);
                server.later(() -> {
                    if (socket.isOpen()) {
                        fast.beforeContainerClose();
                        closeThroughContainer(code, reason);
                    }
                }, CLOSE_ANSWER_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
        }
        closeThroughContainer(code, reason);
    }

    /** Callers have checked that the socket is open. */
    private void closeThroughContainer(CloseReason.CloseCode code, String reason) {
        try {
            socket.close(new CloseReason(code, reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "WebSocket close failed", e);
        }
    }
}
