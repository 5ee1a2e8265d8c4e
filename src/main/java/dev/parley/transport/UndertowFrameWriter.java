package dev.parley.transport;

import jakarta.websocket.Session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The direct way on WildFly: frames into the queue of Undertow's WebSocket channel under the session, with
 * the channel's explicit flush (what JSR-356's batching turns on) for as long as they are queued, so that one
 * flush writes them all with one gathering write. Through JSR-356 each frame is a UTF-8 encoding per
 * recipient, a flush and a system call of its own; here it is a buffer over the shared bytes of the
 * broadcast's frame, less its header, which Undertow writes itself. Only the last frame of a write has a
 * callback: the frames leave in order, so when it is written, all are. Closes are Undertow's own: it answers
 * the client's close frame and closes the channel itself.
 *
 * <p>The way down is public classes of Undertow's core, reached from {@code UndertowSession}; their methods
 * are looked up through the session's own class loader, since the WAR does not see Undertow's modules.
 */
final class UndertowFrameWriter extends DirectFrameWriter {

    private static final Logger LOG = Logger.getLogger(UndertowFrameWriter.class.getName());
    private static final String SESSION = "io.undertow.websockets.jsr.UndertowSession";
    private static final Object ABSENT = new Object();
    /** The {@link Undertow} found with the first session, or {@link #ABSENT}; null until then. */
    private static volatile Object undertow;

    private final Object channel;
    private final Object callback;

    private UndertowFrameWriter(Undertow api, Object channel) {
        this.channel = channel;
        this.callback = api.callback(this);
    }

    /** The direct way for this session, or null when it is not Undertow's. */
    static UndertowFrameWriter of(Session session) {
        if (undertow == ABSENT) {
            return null;
        }
        try {
            if (undertow == null) {
                undertow = Undertow.find(session);
            }
            if (!(undertow instanceof Undertow api) || !api.session.isInstance(session)) {
                return null;
            }
            Object channel = api.channelOf.invoke(session);
            return channel == null ? null : new UndertowFrameWriter(api, channel);
        } catch (Throwable e) { // an unexpected container: keep the portable path
            LOG.log(Level.FINE, "WebSocket frames keep the JSR-356 path", e);
            return null;
        }
    }

    @Override
    void send(List<byte[]> frames, int bytes) throws Throwable {
        Calls.EXPLICIT_FLUSH.invokeExact(channel, true);
        try {
            int last = frames.size() - 1;
            for (int i = 0; i < last; i++) {
                byte[] frame = frames.get(i);
                Object sink = (Object) Calls.SEND.invokeExact(channel, text(frame) ? Calls.TEXT : Calls.BINARY);
                if (!(boolean) Calls.BODY.invokeExact(sink, (Object) Calls.POOLED.invokeExact(payload(frame)))) {
                    throw new IllegalStateException("Undertow refused a frame on a new channel");
                }
                Calls.SHUTDOWN.invokeExact(sink); // queues the frame; the explicit flush keeps it waiting
            }
            byte[] frame = frames.get(last);
            // the last through WebSockets, which calls back once it is written, or when the channel fails
            if (text(frame)) {
                Calls.SEND_TEXT.invokeExact(payload(frame), channel, callback);
            } else {
                Calls.SEND_BINARY.invokeExact(payload(frame), channel, callback);
            }
        } finally {
            Calls.EXPLICIT_FLUSH.invokeExact(channel, false);
            Calls.FLUSH.invokeExact(channel); // all of them, in one gathering write on the channel's I/O thread
        }
    }

    /** Undertow writes its own header: the payload is what follows the server's (unmasked) frame header. */
    private static ByteBuffer payload(byte[] frame) {
        int length = frame[1] & 0x7f;
        int header = length < 126 ? 2 : length == 126 ? 4 : 10;
        return ByteBuffer.wrap(frame, header, frame.length - header);
    }

    private static boolean text(byte[] frame) {
        return (frame[0] & 0x0f) == 1;
    }

    /**
     * The calls of every write as constants, so the JIT compiles them as direct calls. Initialised on the
     * first write, which only a writer made from the {@link Undertow} found with the first session can make.
     */
    private static final class Calls {
        /** (channel, frame type) -> a frame sink. */
        static final MethodHandle SEND;
        /** ByteBuffer -> a pooled buffer over it that is never given back to a pool. */
        static final MethodHandle POOLED;
        /** (sink, pooled buffer) -> whether the sink took it. */
        static final MethodHandle BODY;
        static final MethodHandle SHUTDOWN;
        /** (payload, channel, callback). */
        static final MethodHandle SEND_TEXT;
        static final MethodHandle SEND_BINARY;
        /** (channel, boolean). */
        static final MethodHandle EXPLICIT_FLUSH;
        static final MethodHandle FLUSH;
        static final Object TEXT;
        static final Object BINARY;

        static {
            Undertow api = (Undertow) undertow;
            SEND = api.send.asType(MethodType.methodType(Object.class, Object.class, Object.class));
            POOLED = api.pooled.asType(MethodType.methodType(Object.class, ByteBuffer.class));
            BODY = api.body.asType(MethodType.methodType(boolean.class, Object.class, Object.class));
            SHUTDOWN = api.shutdown.asType(MethodType.methodType(void.class, Object.class));
            MethodType sendType = MethodType.methodType(void.class, ByteBuffer.class, Object.class, Object.class);
            SEND_TEXT = api.sendText.asType(sendType);
            SEND_BINARY = api.sendBinary.asType(sendType);
            EXPLICIT_FLUSH = api.explicitFlush.asType(MethodType.methodType(void.class, Object.class, boolean.class));
            FLUSH = api.flush.asType(MethodType.methodType(void.class, Object.class));
            TEXT = api.text;
            BINARY = api.binary;
        }

        private Calls() {
        }
    }

    /** Undertow's classes and methods, looked up once through the session's class loader. */
    private static final class Undertow {
        final Class<?> session;
        final ClassLoader loader;
        final MethodHandle channelOf;
        final MethodHandle send;
        final MethodHandle pooled;
        final MethodHandle body;
        final MethodHandle shutdown;
        final MethodHandle sendText;
        final MethodHandle sendBinary;
        final MethodHandle explicitFlush;
        final MethodHandle flush;
        final Object text;
        final Object binary;
        private final Class<?> callbackType;

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Undertow(Class<?> session) throws ReflectiveOperationException {
            this.session = session;
            this.loader = session.getClassLoader();
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> channel = type("io.undertow.websockets.core.WebSocketChannel");
            Class<?> frameType = type("io.undertow.websockets.core.WebSocketFrameType");
            Class<?> sink = type("io.undertow.server.protocol.framed.AbstractFramedStreamSinkChannel");
            Class<?> pooledType = type("io.undertow.connector.PooledByteBuffer");
            Class<?> framed = type("io.undertow.server.protocol.framed.AbstractFramedChannel");
            Class<?> sockets = type("io.undertow.websockets.core.WebSockets");
            this.callbackType = type("io.undertow.websockets.core.WebSocketCallback");
            this.channelOf = lookup.unreflect(session.getMethod("getWebSocketChannel"))
                    .asType(MethodType.methodType(Object.class, Session.class));
            this.send = lookup.unreflect(channel.getMethod("send", frameType));
            this.pooled = lookup.findConstructor(type("io.undertow.util.ImmediatePooledByteBuffer"),
                    MethodType.methodType(void.class, ByteBuffer.class));
            this.body = lookup.unreflect(sink.getMethod("send", pooledType));
            this.shutdown = lookup.unreflect(sink.getMethod("shutdownWrites"));
            this.sendText = lookup.unreflect(sockets.getMethod("sendText", ByteBuffer.class, channel, callbackType));
            this.sendBinary = lookup.unreflect(sockets.getMethod("sendBinary", ByteBuffer.class, channel, callbackType));
            this.explicitFlush = lookup.unreflect(framed.getMethod("setRequireExplicitFlush", boolean.class));
            this.flush = lookup.unreflect(framed.getMethod("flush"));
            this.text = Enum.valueOf((Class) frameType, "TEXT");
            this.binary = Enum.valueOf((Class) frameType, "BINARY");
        }

        /** A {@code WebSocketCallback} that ends the writer's current write. */
        Object callback(UndertowFrameWriter writer) {
            return Proxy.newProxyInstance(loader, new Class<?>[] {callbackType}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "complete" -> writer.finish(null);
                        case "onError" -> writer.finish((Throwable) args[2]);
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "UndertowFrameWriter.callback";
                        default -> null;
                    });
        }

        private Class<?> type(String name) throws ClassNotFoundException {
            return Class.forName(name, false, loader);
        }

        /** {@link #ABSENT} when the session is not Undertow's or its core is not as expected. */
        static Object find(Session session) {
            for (Class<?> c = session.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getName().equals(SESSION)) {
                    try {
                        Undertow api = new Undertow(c);
                        LOG.fine("WebSocket frames are written straight to Undertow's channels");
                        return api;
                    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                        LOG.log(Level.INFO, "WebSocket frames go through JSR-356: Undertow's channel is not reachable", e);
                        return ABSENT;
                    }
                }
            }
            if (!session.getClass().getName().startsWith("org.glassfish.tyrus.")) {
                LOG.info(() -> "WebSocket frames go through JSR-356: this container is neither Tyrus on Grizzly"
                        + " nor Undertow");
            }
            return ABSENT;
        }
    }
}
