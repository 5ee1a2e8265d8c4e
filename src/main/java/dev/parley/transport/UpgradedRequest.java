package dev.parley.transport;

import jakarta.websocket.Session;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives back what the container keeps of a WebSocket's HTTP upgrade request and the WebSocket never uses
 * again. On Payara, Grizzly keeps the whole request for the life of the connection (the WebSocket's streams
 * are the request's), and with it the two scratch buffers its query-string parser makes for every request,
 * 1 024 chars each: 4 KiB of each connection's 40 KiB of heap, in a class histogram of 10 000 idle
 * connections. Here they become empty arrays once the handshake is over; the parser grows them again if
 * this request object ever parses a query again (Grizzly's {@code CharChunk} grows any array it is given).
 *
 * <p>Found by name like {@link GrizzlyFrameWriter}'s path; elsewhere (WildFly's Undertow) nothing is done.
 */
final class UpgradedRequest {

    private static final Logger LOG = Logger.getLogger(UpgradedRequest.class.getName());
    /** From a session's async remote to the Grizzly request's parameters. */
    private static final String[][] PATH = FieldPath.join(GrizzlyFrameWriter.TO_WEB_CONNECTION, new String[][] {
            {"org.apache.catalina.connector.WebConnectionImpl", "inputStream"},
            {"org.apache.catalina.connector.CoyoteInputStream", "ib"},
            {"org.apache.catalina.connector.InputBuffer", "grizzlyRequest"},
            {"org.glassfish.grizzly.http.server.Request", "parameters"},
    });
    private static final String PARAMETERS = "org.glassfish.grizzly.http.util.Parameters";
    private static final String[] SCRATCH = {"tmpNameC", "tmpValueC"};
    private static final char[] EMPTY = new char[0];
    private static final Object ABSENT = new Object();
    /** The {@link Scratch} found with the first session, or {@link #ABSENT}; null until then. */
    private static volatile Object scratch;
    private static final LongAdder RELEASED = new LongAdder();

    private UpgradedRequest() {
    }

    /** Releases the session's upgrade request buffers where this container has them; call once it is open. */
    static void release(Session session) {
        if (scratch == ABSENT) {
            return;
        }
        Object remote = session.getAsyncRemote();
        try {
            if (scratch == null) {
                scratch = Scratch.find(remote);
            }
            if (scratch instanceof Scratch found && found.release(remote)) {
                RELEASED.increment();
            }
        } catch (ReflectiveOperationException | RuntimeException e) { // the buffers just stay
            LOG.log(Level.FINE, "the upgrade request's buffers stay", e);
        }
    }

    /** Requests whose buffers were released since start-up: the tests' evidence that Payara takes this path. */
    static long released() {
        return RELEASED.sum();
    }

    /** The path to the parameters and their two buffers' fields, with the method that swaps a buffer. */
    private record Scratch(FieldPath path, Field[] chunks, Method setChars) {

        static Object find(Object remote) {
            try {
                FieldPath path = FieldPath.find(remote, PATH);
                if (path == null) {
                    return null;
                }
                Class<?> parameters = path.follow(remote).getClass();
                if (!parameters.getName().equals(PARAMETERS)) {
                    return ABSENT;
                }
                Field[] chunks = new Field[SCRATCH.length];
                for (int i = 0; i < chunks.length; i++) {
                    chunks[i] = parameters.getDeclaredField(SCRATCH[i]);
                    chunks[i].setAccessible(true);
                }
                return new Scratch(path, chunks,
                        chunks[0].getType().getMethod("setChars", char[].class, int.class, int.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.FINE, "upgrade request buffers are not reachable on this container", e);
                return ABSENT;
            }
        }

        boolean release(Object remote) throws ReflectiveOperationException {
            Object parameters = path.follow(remote);
            if (parameters == null) {
                return false;
            }
            for (Field chunk : chunks) {
                setChars.invoke(chunk.get(parameters), EMPTY, 0, 0);
            }
            return true;
        }
    }
}
