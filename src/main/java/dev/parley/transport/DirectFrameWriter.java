package dev.parley.transport;

import dev.parley.protocol.Frame;
import jakarta.websocket.Session;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes frames' ready-made bytes ({@link Frame#webSocketFrame()}) past JSR-356, several in one system call.
 * Through JSR-356 every recipient of a broadcast costs the container a new frame and a UTF-8 encoding of the
 * same text, and every frame its own write; a server frame is the same bytes for every recipient, and the
 * frames waiting for one connection can leave together. Payara's way is Grizzly's write queue
 * ({@link GrizzlyFrameWriter}), WildFly's is Undertow's frame queue ({@link UndertowFrameWriter}); the
 * container's own frames (close, pong) take the same queue, in order with these.
 *
 * <p>The way down is the container's internals, found by name when the first session opens. Where they are
 * not there (another container or version), or the connection has negotiated an extension such as
 * compression (its frames are not these bytes), {@link #of} gives null and the session keeps JSR-356.
 */
abstract class DirectFrameWriter {

    /** What becomes of one write: exactly one of the two is called, on the writing thread or the container's. */
    interface Done {
        void completed();

        void failed(Throwable error);
    }

    /** Larger frames take the JSR-356 path: they are rare, and Grizzly bounds the bytes queued per connection. */
    static final int MAX_FRAME = 64 * 1024;
    /** Frames written this way since start-up: the tests' evidence that the container takes this path. */
    private static final LongAdder FRAMES = new LongAdder();
    private static final LongAdder WRITES = new LongAdder();

    private volatile Done pending;

    /** The direct way for this session, or null when it must keep JSR-356's. */
    static DirectFrameWriter of(Session session) {
        if (!session.getNegotiatedExtensions().isEmpty()) {
            return null;
        }
        DirectFrameWriter writer = GrizzlyFrameWriter.of(session);
        return writer != null ? writer : UndertowFrameWriter.of(session);
    }

    /**
     * Queues the frame for writing, or returns false without doing anything when it is too large for this
     * path. One write at a time: the next may start once {@code done} has been called.
     */
    final boolean write(Frame frame, Done done) {
        byte[] bytes = bytesOf(frame);
        if (bytes == null) {
            return false;
        }
        write(List.of(bytes), bytes.length, done);
        return true;
    }

    /** The frame's bytes on the wire, or null when it is too large for this path. */
    static byte[] bytesOf(Frame frame) {
        // a UTF-8 text is at least as many bytes as chars: large frames are told apart before any encoding
        if ((frame.isBinary() ? frame.binary().length : frame.text().length()) > MAX_FRAME - 10) {
            return null;
        }
        byte[] bytes = frame.webSocketFrame();
        return bytes.length > MAX_FRAME ? null : bytes;
    }

    /** Writes whole {@code frames} ({@link #bytesOf}, {@code bytes} in all, at most {@link #MAX_FRAME}) as one write. */
    final void write(List<byte[]> frames, int bytes, Done done) {
        pending = done;
        FRAMES.add(frames.size());
        WRITES.increment();
        try {
            send(frames, bytes);
        } catch (Throwable e) { // closed underneath us; the containers report most failures later, to finish
            finish(e);
        }
    }

    /** Hands the frames to the container; {@link #finish} is called once they are written or have failed. */
    abstract void send(List<byte[]> frames, int bytes) throws Throwable;

    /** Whether {@link #writeClose} can close: false by default, where the container closes its own way. */
    boolean writesClose() {
        return false;
    }

    /**
     * Sends a close frame behind what is queued already, outside the one-write-at-a-time chain, and lets the
     * container close when the client answers. Only where {@link #writesClose}.
     */
    void writeClose(int code, String reason) {
        throw new UnsupportedOperationException("this container closes its own way");
    }

    /** Before the container's close of a socket whose close frame went this way, unanswered: nothing by default. */
    void beforeContainerClose() {
    }

    /** Writes made this way since start-up; fewer than {@link #framesWritten()} when frames shared a write. */
    static long writes() {
        return WRITES.sum();
    }

    static long framesWritten() {
        return FRAMES.sum();
    }

    /** How the write ended: null when it completed, else why it failed. */
    final Object finish(Throwable error) {
        Done done = pending;
        pending = null;
        if (done != null) {
            if (error == null) {
                done.completed();
            } else {
                done.failed(error);
            }
        }
        return null;
    }
}
