package dev.parley.transport;

import jakarta.websocket.Session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The direct way on Payara: frames straight into the write queue of the Grizzly connection under a Tyrus
 * WebSocket. Through JSR-356 Catalina's and Grizzly's HTTP output buffers would copy each frame into a fresh
 * 8 KiB buffer and pass it down the filter chain; here a write costs a buffer wrapper around the frames'
 * bytes and the queue's write. Tyrus's own writes (close, pong) end in the same queue, in order with these.
 *
 * <p>The way down is private fields of Tyrus, Catalina and Grizzly ({@link #TO_WEB_CONNECTION}). The queue is
 * below the filter chain, so a TLS connection keeps JSR-356.
 */
final class GrizzlyFrameWriter extends DirectFrameWriter {

    private static final Logger LOG = Logger.getLogger(GrizzlyFrameWriter.class.getName());
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

    /** From a session's async remote to its Tyrus socket's state (CONNECTED, CLOSING, CLOSED). */
    private static final String[][] TO_TYRUS_STATE = {
            {"org.glassfish.tyrus.core.TyrusRemoteEndpoint", "webSocket"},
            {"org.glassfish.tyrus.core.TyrusWebSocket", "state"},
    };

    private final Object connection;
    private final Object queueWriter;
    private final Object handler;
    /** Tyrus's state of this socket, or null where it has another shape. */
    private final AtomicReference<Object> tyrusState;

    private GrizzlyFrameWriter(Grizzly api, Object connection, AtomicReference<Object> tyrusState) throws Throwable {
        this.connection = connection;
        Object transport = api.transport.invoke(connection);
        this.queueWriter = api.queueWriter.invoke(api.queueIO.invoke(transport));
        this.handler = api.completionHandler("GrizzlyFrameWriter.handler", this::finish);
        this.tyrusState = tyrusState;
    }

    /** The direct way for this session, or null when this is not Tyrus on Grizzly or the connection is TLS. */
    static GrizzlyFrameWriter of(Session session) {
        if (grizzly == ABSENT || session.isSecure()) {
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
            return connection == null ? null : new GrizzlyFrameWriter(api, connection, tyrusState(node));
        } catch (Throwable e) { // an unexpected container: keep the portable path
            LOG.log(Level.FINE, "WebSocket frames keep the JSR-356 path", e);
            return null;
        }
    }

    /** One Grizzly buffer over the frames' bytes, joined when there are several. */
    @Override
    void send(List<byte[]> frames, int bytes) throws Throwable {
        byte[] joined = frames.get(0);
        if (frames.size() > 1) {
            joined = new byte[bytes];
            int at = 0;
            for (byte[] frame : frames) {
                System.arraycopy(frame, 0, joined, at, frame.length);
                at += frame.length;
            }
        }
        Object buffer = (Object) Calls.WRAP.invokeExact(ByteBuffer.wrap(joined));
        Calls.WRITE.invokeExact(queueWriter, connection, buffer, handler);
    }

    @SuppressWarnings("unchecked")
    private static AtomicReference<Object> tyrusState(Object remote) {
        try {
            FieldPath path = FieldPath.find(remote, TO_TYRUS_STATE);
            Object state = path == null ? null : path.follow(remote);
            return state instanceof AtomicReference<?> ref && ref.get() instanceof Enum<?>
                    ? (AtomicReference<Object>) ref : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Tyrus's socket state is not reachable", e);
            return null;
        }
    }

    /** Moves Tyrus's socket state from one constant to another; false when it was not in the first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean moveTyrusState(String from, String to) {
        Object current = tyrusState.get();
        Class<? extends Enum> states = ((Enum<?>) current).getDeclaringClass();
        return tyrusState.compareAndSet(Enum.valueOf(states, from), Enum.valueOf(states, to));
    }

    /**
     * Queues a close frame behind what is queued already, outside the one-write-at-a-time chain (Grizzly's
     * queue takes writes from any thread); no one waits on it. Tyrus is told the socket is closing, as if it
     * had sent the frame itself: the client's answer then ends the connection without a second close frame
     * from Tyrus (RFC 6455 allows one; browsers fail a connection that gets two). Where Tyrus is closing
     * already, its own frame is the one that goes.
     */
    @Override
    void writeClose(int code, String reason) {
        if (tyrusState != null && !moveTyrusState("CONNECTED", "CLOSING")) {
            return;
        }
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

    @Override
    boolean writesClose() {
        return true;
    }

    /** The client did not answer: Tyrus, told it was closing, is let close its own way (sending its frame). */
    @Override
    void beforeContainerClose() {
        if (tyrusState != null) {
            moveTyrusState("CLOSING", "CONNECTED");
        }
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
            this.ignored = completionHandler("GrizzlyFrameWriter.ignored", outcome -> null);
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
                LOG.fine(() -> "WebSocket frames do not go to Grizzly: this container is not Tyrus on Grizzly");
                return ABSENT;
            } catch (Throwable e) {
                LOG.log(Level.INFO, "WebSocket frames go through JSR-356: Grizzly's write queue is not reachable", e);
                return ABSENT;
            }
        }
    }
}
