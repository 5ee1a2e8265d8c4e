package dev.parley.transport;

import jakarta.websocket.Session;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives back what the container keeps of a WebSocket's HTTP upgrade request and the WebSocket never uses
 * again. On Payara, Grizzly keeps the whole request for the life of the connection (the WebSocket's streams
 * are the request's), and with it:
 * <ul>
 * <li>the two scratch buffers its query-string parser makes for every request, 1 024 chars each: 4 KiB of
 * each connection's 40 KiB of heap, in a class histogram of 10 000 idle connections. They become empty
 * arrays; the parser grows them again if this request object ever parses a query again (Grizzly's
 * {@code CharChunk} grows any array it is given).</li>
 * <li>the request's and the 101 response's header fields, each a name and a value with three chunk objects
 * apiece: about 4 KiB of each connection's heap. By the time the socket is open Tyrus and Parley have their
 * own copies of what they need and the 101 has been written, so the fields are recycled and dropped (the
 * header list starts again from one slot, should this request object ever parse another request). This is
 * done on the connection's first message, on its read path ({@link #releaseHeaders}), not as it opens.</li>
 * <li>Tyrus's own copy of the handshake (its upgrade handler's {@code upgradeInfo}: the request with its
 * headers and a configuration builder, the response), about 2 KiB. The handler reads it only to create the
 * connection, in the call that opens this socket; its session has copied what it serves.</li>
 * </ul>
 *
 * <p>Found by name like {@link GrizzlyFrameWriter}'s path; elsewhere (WildFly's Undertow) nothing is done.
 * Only a request that still carries this socket's {@code Sec-WebSocket-Key} is touched: should the client have
 * gone already, Grizzly recycles the request object and may be parsing another connection's request with it,
 * whose headers must not be emptied under its parser.
 */
final class UpgradedRequest {

    private static final Logger LOG = Logger.getLogger(UpgradedRequest.class.getName());
    private static final String REQUEST = "org.glassfish.grizzly.http.server.Request";
    private static final String HEADER = "org.glassfish.grizzly.http.HttpHeader";
    /** From a session's async remote to the Grizzly request of its upgrade. */
    private static final String[][] PATH = FieldPath.join(GrizzlyFrameWriter.TO_WEB_CONNECTION, new String[][] {
            {"org.apache.catalina.connector.WebConnectionImpl", "inputStream"},
            {"org.apache.catalina.connector.CoyoteInputStream", "ib"},
            {"org.apache.catalina.connector.InputBuffer", "grizzlyRequest"},
    });
    /**
     * From a session's async remote to Catalina's flag that the upgrade request's service has returned: until
     * then its thread still reads the 101 response's headers ({@code CoyoteAdapter.removeTraceMethod} reads
     * {@code Allow}) after the upgrade handler's {@code init} opened the socket and let its reads begin.
     */
    private static final String[][] TO_SERVICE_ENDED = FieldPath.join(GrizzlyFrameWriter.TO_WEB_CONNECTION,
            new String[][] {{"org.apache.catalina.connector.WebConnectionImpl", "request"},
                    {"org.apache.catalina.connector.Request", "afterService"}});
    /** From there to the query parser, and to the request's and the response's headers. */
    private static final String[][] TO_PARAMETERS = {{REQUEST, "parameters"}};
    private static final String[][] TO_REQUEST_HEADERS = {{REQUEST, "request"}, {HEADER, "headers"}};
    private static final String[][] TO_RESPONSE_HEADERS = {
            {REQUEST, "response"}, {"org.glassfish.grizzly.http.server.Response", "response"}, {HEADER, "headers"}};
    /** From a session's async remote to Tyrus's upgrade handler (through Payara's proxy) and its handshake. */
    private static final String[][] TO_HANDSHAKE = FieldPath.join(
            Arrays.copyOf(GrizzlyFrameWriter.TO_WEB_CONNECTION, GrizzlyFrameWriter.TO_WEB_CONNECTION.length - 1),
            new String[][] {{"org.glassfish.tyrus.servlet.TyrusServletUpgrade$TyrusHttpUpgradeHandlerProxy", "handler"},
                    {"org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler", "upgradeInfo"}});
    private static final String PARAMETERS = "org.glassfish.grizzly.http.util.Parameters";
    private static final String MIME_HEADERS = "org.glassfish.grizzly.http.util.MimeHeaders";
    private static final String[] SCRATCH = {"tmpNameC", "tmpValueC"};
    /** What Grizzly's I/O worker threads are: one runs a connection's read at a time. */
    private static final String READ_THREAD = "org.glassfish.grizzly.threadpool.WorkerThread";
    private static final char[] EMPTY = new char[0];
    private static final Object ABSENT = new Object();
    /** The {@link Grizzly} paths found with the first session, or {@link #ABSENT}; null until then. */
    private static volatile Object grizzly;
    private static final LongAdder RELEASED = new LongAdder();
    private static final LongAdder HEADERS_DROPPED = new LongAdder();
    private static final LongAdder HANDSHAKES_DROPPED = new LongAdder();

    private UpgradedRequest() {
    }

    /**
     * Releases the parser buffers and Tyrus's handshake copy where this container keeps them; call once the
     * session is open, with the key of its handshake.
     */
    static void release(Session session, String key) {
        Grizzly found = grizzly(session);
        try {
            if (found != null && found.release(session.getAsyncRemote(), key)) {
                RELEASED.increment();
            }
        } catch (ReflectiveOperationException | RuntimeException e) { // what it holds just stays
            LOG.log(Level.FINE, "the upgrade request keeps its buffers", e);
        }
    }

    /**
     * Releases the upgrade request's and 101 response's header fields; call from one of the session's
     * message handlers, until it returns true. Grizzly's h2c check ({@code
     * Http2BaseFilter.checkRequestHeadersOnUpgrade}) reads the upgrade's headers on every read of the
     * connection; emptied from the thread that opened the socket, they met such a read of the client's first
     * frames about once in 6 000 server-started closes ({@code bench/server-closes.mjs}: a
     * {@code NullPointerException} there, and that connection ended with 1006). A message handler called by
     * Grizzly's worker thread runs inside the connection's read, after that read's check and before the next
     * read can begin. One called by Catalina's async thread (the frames that came with the handshake) may run
     * beside a read: then this waits for the next message. So does one that comes while the thread that
     * served the upgrade request is still on its way out of Catalina, which reads the 101's headers there.
     *
     * @return false when this is not the thread or the moment to do it
     */
    static boolean releaseHeaders(Session session, String key) {
        Grizzly found = grizzly(session);
        if (found == null) {
            return true;
        }
        if (!onReadThread()) {
            return false;
        }
        try {
            return found.releaseHeaders(session.getAsyncRemote(), key);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "the upgrade request keeps its headers", e);
            return true;
        }
    }

    private static boolean onReadThread() {
        for (Class<?> type = Thread.currentThread().getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> implemented : type.getInterfaces()) {
                if (implemented.getName().equals(READ_THREAD)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The paths, found with the first session they lead from; null where this container has none. */
    private static Grizzly grizzly(Session session) {
        if (grizzly == null) {
            grizzly = Grizzly.find(session.getAsyncRemote());
        }
        return grizzly instanceof Grizzly found ? found : null;
    }

    /** Requests that gave back their parser's buffers since start-up: the tests' evidence for Payara's path. */
    static long released() {
        return RELEASED.sum();
    }

    /** Header fields (request's and response's) those requests dropped. */
    static long headersDropped() {
        return HEADERS_DROPPED.sum();
    }

    /** Tyrus handshake copies dropped. */
    static long handshakesDropped() {
        return HANDSHAKES_DROPPED.sum();
    }

    /**
     * The paths to the upgrade's request, its parser's two buffers with the member that empties them, its two
     * header lists (the request's first, with the getter that reads its key) with the members that empty them,
     * Catalina's flag that the upgrade's service has ended (null where Catalina has another shape: the headers
     * are then kept) and Tyrus's handshake (null where Tyrus has another shape: the rest still holds).
     */
    private record Grizzly(FieldPath request, FieldPath parameters, Field[] chunks, Method setChars,
            FieldPath[] headers, Method header, Method size, Method recycle, Field fields, FieldPath serviceEnded,
            FieldPath handshake) {

        static Object find(Object remote) {
            try {
                FieldPath path = FieldPath.find(remote, PATH);
                if (path == null) {
                    return null;
                }
                Object request = path.follow(remote);
                FieldPath parameters = FieldPath.find(request, TO_PARAMETERS);
                FieldPath[] headers = {FieldPath.find(request, TO_REQUEST_HEADERS),
                        FieldPath.find(request, TO_RESPONSE_HEADERS)};
                if (parameters == null || headers[0] == null || headers[1] == null) {
                    return null;
                }
                Class<?> parameterType = parameters.follow(request).getClass();
                Class<?> headerType = headers[0].follow(request).getClass();
                if (!parameterType.getName().equals(PARAMETERS) || !headerType.getName().equals(MIME_HEADERS)) {
                    return ABSENT;
                }
                Field[] chunks = new Field[SCRATCH.length];
                for (int i = 0; i < chunks.length; i++) {
                    chunks[i] = parameterType.getDeclaredField(SCRATCH[i]);
                    chunks[i].setAccessible(true);
                }
                Field fields = headerType.getDeclaredField("headers");
                fields.setAccessible(true);
                return new Grizzly(path, parameters, chunks,
                        chunks[0].getType().getMethod("setChars", char[].class, int.class, int.class), headers,
                        headerType.getMethod("getHeader", String.class), headerType.getMethod("size"),
                        headerType.getMethod("recycle"), fields, optional(remote, TO_SERVICE_ENDED),
                        optional(remote, TO_HANDSHAKE));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.FINE, "the upgrade request is not reachable on this container", e);
                return ABSENT;
            }
        }

        private static FieldPath optional(Object remote, String[][] steps) {
            try {
                return FieldPath.find(remote, steps);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.FINE, "not reachable on this container: " + steps[steps.length - 1][1], e);
                return null;
            }
        }

        boolean release(Object remote, String key) throws ReflectiveOperationException {
            Object upgrade = upgrade(remote, key);
            Object parser = upgrade == null ? null : parameters.follow(upgrade);
            if (parser == null) {
                return false;
            }
            for (Field chunk : chunks) {
                setChars.invoke(chunk.get(parser), EMPTY, 0, 0);
            }
            if (handshake != null && handshake.clear(remote)) {
                HANDSHAKES_DROPPED.increment();
            }
            return true;
        }

        /** Whether this is done with: false while the upgrade's service has not ended yet. */
        boolean releaseHeaders(Object remote, String key) throws ReflectiveOperationException {
            if (serviceEnded == null) {
                return true;
            }
            if (!Boolean.TRUE.equals(serviceEnded.follow(remote))) {
                return false;
            }
            Object upgrade = upgrade(remote, key);
            if (upgrade == null) {
                return true;
            }
            for (FieldPath path : headers) {
                Object list = path.follow(upgrade);
                if (list != null) {
                    HEADERS_DROPPED.add((Integer) size.invoke(list));
                    recycle.invoke(list);
                    fields.set(list, Array.newInstance(fields.getType().getComponentType(), 1));
                }
            }
            return true;
        }

        /** The session's upgrade request, or null when it no longer carries this socket's key. */
        private Object upgrade(Object remote, String key) throws ReflectiveOperationException {
            Object upgrade = request.follow(remote);
            Object requestHeaders = upgrade == null ? null : headers[0].follow(upgrade);
            return requestHeaders != null && key != null && key.equals(header.invoke(requestHeaders, "Sec-WebSocket-Key"))
                    ? upgrade : null;
        }
    }
}
