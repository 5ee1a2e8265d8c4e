package dev.parley.transport;

import dev.parley.protocol.Frame;
import jakarta.websocket.Session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes a frame's ready-made bytes ({@link Frame#webSocketFrame()}) straight into the write queue of the
 * Grizzly connection under a Tyrus WebSocket, on Payara. Through JSR-356 every recipient of a broadcast costs
 * Tyrus a new frame and a UTF-8 encoding of the same text, then Catalina's and Grizzly's HTTP output buffers
 * a copy into a fresh 8 KiB buffer and a pass down the filter chain; a server frame is the same bytes for
 * every recipient, so here a recipient costs a buffer wrapper around the shared array and the queue's write.
 * Tyrus's own writes (close, pong) end in the same queue, in order with these.
 *
 * <p>The way down is private fields of Tyrus, Catalina and Grizzly, found by name when the first session
 * opens. Where they are not there (WildFly's Undertow, a Tyrus not on Payara's servlet bridge, another
 * version), or the connection is TLS or has negotiated an extension such as compression (its frames are not
 * these bytes), {@link #of} gives null and the session keeps the JSR-356 path.
 */
final class DirectFrameWriter {

    /** What becomes of one write: exactly one of the two is called, on the writing thread or Grizzly's. */
    interface Done {
        void completed();

        void failed(Throwable error);
    }

    private static final Logger LOG = Logger.getLogger(DirectFrameWriter.class.getName());
    /** Larger frames take the JSR-356 path: they are rare, and Grizzly bounds the bytes queued per connection. */
    static final int MAX_FRAME = 64 * 1024;
    /** From a session's async remote to Catalina's WebConnection of its upgrade: declaring class, field or getter(). */
    static final String[][] TO_WEB_CONNECTION = {
            {"org.glassfish.tyrus.core.TyrusRemoteEndpoint", "webSocket"},
            {"org.glassfish.tyrus.core.TyrusWebSocket", "protocolHandler"},
            {"org.glassfish.tyrus.core.ProtocolHandler", "writer"},
            {"org.glassfish.tyrus.servlet.TyrusServletWriter", "tyrusHttpUpgradeHandler"},
            {"org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler", "getWebConnection()"}, // Payara's is a proxy
    };
    /** From there down to the Grizzly connection. */
    private static final String[][] PATH = FieldPath.join(TO_WEB_CONNECTION, new String[][] {
            {"org.apache.catalina.connector.WebConnectionImpl", "outputStream"},
            {"org.apache.catalina.connector.CoyoteOutputStream", "ob"},
            {"org.apache.catalina.connector.OutputBuffer", "grizzlyOutputBuffer"},
            {"org.glassfish.grizzly.http.io.OutputBuffer", "connection"},
    });
    private static final Object ABSENT = new Object();
    /** The {@link Grizzly} found with the first session, or {@link #ABSENT}; null until then. */
    private static volatile Object grizzly;
    /** Frames written this way since start-up: the tests' evidence that Payara takes this path. */
    private static final LongAdder FRAMES = new LongAdder();
    private static final LongAdder WRITES = new LongAdder();

    private final Object connection;
    private final Object queueWriter;
    private final Object handler;
    private volatile Done pending;

    private DirectFrameWriter(Grizzly api, Object connection) throws Throwable {
        this.connection = connection;
        Object transport = api.transport.invoke(connection);
        this.queueWriter = api.queueWriter.invoke(api.queueIO.invoke(transport));
        this.handler = api.completionHandler("DirectFrameWriter.handler", this::finish);
    }

    /** The direct way for this session, or null when it must keep JSR-356's. */
    static DirectFrameWriter of(Session session) {
        if (grizzly == ABSENT || session.isSecure() || !session.getNegotiatedExtensions().isEmpty()) {
            return null;
        }
        try {
            Object node = session.getAsyncRemote();
            if (grizzly == null) {
                grizzly = Grizzly.find(node);
            }
            if (!(grizzly instanceof Grizzly api)) {
                return null;
            }
            Object connection = api.path.follow(node);
            return connection == null ? null : new DirectFrameWriter(api, connection);
        } catch (Throwable e) { // an unexpected container: keep the portable path
            LOG.log(Level.FINE, "WebSocket frames keep the JSR-356 path", e);
            return null;
        }
    }

    /**
     * Queues the frame for writing, or returns false without doing anything when it is too large for this
     * path. One write at a time: the next may start once {@code done} has been called.
     */
    boolean write(Frame frame, Done done) {
        byte[] bytes = bytesOf(frame);
        if (bytes == null) {
            return false;
        }
        write(bytes, 1, done);
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

    /** Queues {@code frames} whole frames, back to back in {@code bytes} (at most {@link #MAX_FRAME}), as one write. */
    void write(byte[] bytes, int frames, Done done) {
        pending = done;
        FRAMES.add(frames);
        WRITES.increment();
        try {
            Object buffer = (Object) Calls.WRAP.invokeExact(ByteBuffer.wrap(bytes));
            Calls.WRITE.invokeExact(queueWriter, connection, buffer, handler);
        } catch (Throwable e) { // closed underneath us; Grizzly reports most failures through the handler
            finish(e);
        }
    }

    /**
     * Queues a close frame behind what is queued already, outside the one-write-at-a-time chain (Grizzly's
     * queue takes writes from any thread); no one waits on it.
     */
    void writeClose(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = 2 + Math.min(text.length, 123); // a control frame's payload is at most 125 bytes
        byte[] frame = new byte[2 + length];
        frame[0] = (byte) 0x88; // FIN, opcode 8: close
        frame[1] = (byte) length;
        frame[2] = (byte) (code >> 8);
        frame[3] = (byte) code;
        System.arraycopy(text, 0, frame, 4, length - 2);
        try {
            Object buffer = (Object) Calls.WRAP.invokeExact(ByteBuffer.wrap(frame));
            Calls.WRITE.invokeExact(queueWriter, connection, buffer, ((Grizzly) grizzly).ignored);
        } catch (Throwable e) { // closed underneath us: nothing to tell the client any more
            LOG.log(Level.FINE, "close frame not written", e);
        }
    }

    /** Writes made this way since start-up; fewer than {@link #framesWritten()} when frames shared a write. */
    static long writes() {
        return WRITES.sum();
    }

    static long framesWritten() {
        return FRAMES.sum();
    }

    private Object finish(Throwable error) {
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

    /**
     * The two calls of every write as constants, so the JIT compiles them as direct calls (held per connection,
     * a method handle is an opaque call: 5% of the CPU under a broadcast load). Initialised on the first
     * write, which only a writer made from the {@link Grizzly} found with the first session can make.
     */
    private static final class Calls {
        static final MethodHandle WRAP;
        /** (queue writer, connection, buffer, completion handler). */
        static final MethodHandle WRITE;

        static {
            Grizzly api = (Grizzly) grizzly;
            WRAP = api.wrap;
            WRITE = api.write.asType(MethodType.methodType(void.class, Object.class, Object.class, Object.class,
                    Object.class));
        }

        private Calls() {
        }
    }

    /** Grizzly's classes and methods, looked up once through the connection's own class loader. */
    private static final class Grizzly {
        final FieldPath path;
        final ClassLoader loader;
        final Class<?> completionHandler;
        final MethodHandle transport;
        final MethodHandle queueIO;
        final MethodHandle queueWriter;
        final MethodHandle write;
        /** ByteBuffer -> a Grizzly Buffer over it that Grizzly never disposes (so never pools the array). */
        final MethodHandle wrap;
        /** A completion handler that ignores the outcome, for writes no one waits on. */
        final Object ignored;

        private Grizzly(FieldPath path, Object connection) throws Throwable {
            this.path = path;
            this.loader = connection.getClass().getClassLoader();
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> connectionType = type("org.glassfish.grizzly.Connection");
            Class<?> writerType = type("org.glassfish.grizzly.Writer");
            Class<?> asyncIOType = type("org.glassfish.grizzly.asyncqueue.AsyncQueueIO");
            Class<?> enabledType = type("org.glassfish.grizzly.asyncqueue.AsyncQueueEnabledTransport");
            this.completionHandler = type("org.glassfish.grizzly.CompletionHandler");
            this.transport = unreflect(lookup, connectionType.getMethod("getTransport"));
            this.queueIO = unreflect(lookup, enabledType.getMethod("getAsyncQueueIO"));
            this.queueWriter = unreflect(lookup, asyncIOType.getMethod("getWriter"));
            this.write = lookup.unreflect(writerType.getMethod("write", connectionType,
                    type("org.glassfish.grizzly.asyncqueue.WritableMessage"), completionHandler));
            Class<?> wrapper = type("org.glassfish.grizzly.memory.ByteBufferWrapper");
            this.wrap = lookup.findConstructor(wrapper, MethodType.methodType(void.class, ByteBuffer.class))
                    .asType(MethodType.methodType(Object.class, ByteBuffer.class));
            this.ignored = completionHandler("DirectFrameWriter.ignored", outcome -> null);
            if (!enabledType.isInstance(transport.invoke(connection))) {
                throw new ClassCastException("Grizzly transport without an async write queue");
            }
        }

        /**
         * A Grizzly {@code CompletionHandler} that hands how a write ended to {@code outcome}: null when it
         * completed, else why it failed or was cancelled.
         */
        Object completionHandler(String name, Function<Throwable, Object> outcome) {
            return Proxy.newProxyInstance(loader, new Class<?>[] {completionHandler}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "completed" -> outcome.apply(null);
                        case "failed" -> outcome.apply((Throwable) args[0]);
                        case "cancelled" -> outcome.apply(new CancellationException("write cancelled"));
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> name;
                        default -> null; // updated: progress of a partial write
                    });
        }

        private Class<?> type(String name) throws ClassNotFoundException {
            return Class.forName(name, false, loader);
        }

        private static MethodHandle unreflect(MethodHandles.Lookup lookup, Method method)
                throws IllegalAccessException {
            return lookup.unreflect(method).asType(MethodType.methodType(Object.class, Object.class));
        }

        /** Walks {@link #PATH} on the first session; {@link #ABSENT} when any step is missing. */
        static Object find(Object remote) {
            try {
                FieldPath path = FieldPath.find(remote, PATH);
                if (path == null) {
                    return null; // not there yet on this session: try again with the next
                }
                Grizzly api = new Grizzly(path, path.follow(remote));
                LOG.fine("WebSocket frames are written straight to Grizzly's connections");
                return api;
            } catch (NoSuchFieldException e) {
                LOG.info(() -> "WebSocket frames go through JSR-356: this container is not Tyrus on Grizzly");
                return ABSENT;
            } catch (Throwable e) {
                LOG.log(Level.INFO, "WebSocket frames go through JSR-356: Grizzly's write queue is not reachable", e);
                return ABSENT;
            }
        }
    }
}
