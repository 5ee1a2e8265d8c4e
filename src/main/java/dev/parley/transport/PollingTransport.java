package dev.parley.transport;

import dev.parley.engine.EngineError;
import dev.parley.engine.EngineServer;
import dev.parley.engine.EngineSession;
import dev.parley.engine.Transport;
import dev.parley.protocol.EngineCodec;
import dev.parley.protocol.Frame;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP long-polling transport of one session. A GET is parked (servlet async) until packets are
 * queued, then answered with all of them; at most one GET is parked at a time, a second one is a protocol
 * error that closes the session.
 */
final class PollingTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(PollingTransport.class.getName());
    private static final String RESUME_STATUS = "parley.poll.status";
    private static final String RESUME_BODY = "parley.poll.body";
    private static final String PARKED_AT = "parley.poll.parked-at";
    private static final long SETTLE_MILLIS = 20;

    private final long pollTimeoutMillis;
    private EngineSession session;
    private AsyncContext pending;
    private boolean closed;

    PollingTransport(EngineServer server) {
        // a parked GET is normally answered by the next ping; this bound only frees a forgotten request
        this.pollTimeoutMillis = server.config().pingInterval().toMillis() + server.config().pingTimeout().toMillis()
                + 5_000;
    }

    void attach(EngineSession session) {
        this.session = session;
    }

    @Override
    public String name() {
        return EngineServer.TRANSPORT_POLLING;
    }

    /**
     * Answers a GET with what is queued, or parks it until something is. Returns false when another GET is
     * already parked (the caller answers 400). A GET that can be answered at once is answered without going
     * async: completing an async request before its dispatch returned races inside Payara's connector.
     */
    boolean poll(HttpServletRequest request, HttpServletResponse response) {
        List<Frame> ready;
        synchronized (this) {
            if (closed || pending != null) {
                return false;
            }
            ready = session.isUpgrading() ? List.of() : drain();
            if (ready.isEmpty()) {
                AsyncContext context = request.startAsync();
                request.setAttribute(PARKED_AT, System.nanoTime());
                context.setTimeout(pollTimeoutMillis);
                context.addListener(new PollListener());
                pending = context;
                return true;
            }
        }
        write(response, EngineCodec.encodePayload(ready));
        return true;
    }

    @Override
    public void flush() {
        AsyncContext context;
        List<Frame> frames;
        synchronized (this) {
            if (pending == null || session.isUpgrading()) {
                return; // while upgrading, queued packets wait for the WebSocket
            }
            frames = drain();
            if (frames.isEmpty()) {
                return;
            }
            context = pending;
            pending = null;
        }
        respond(context, EngineCodec.encodePayload(frames));
    }

    @Override
    public synchronized boolean idle() {
        return pending == null;
    }

    @Override
    public void upgrading() {
        AsyncContext context = takePending();
        if (context != null) {
            respond(context, Frame.NOOP.text());
        }
    }

    /** Upgraded to WebSocket: a poll still parked here raced the upgrade and is refused, as any later one. */
    @Override
    public void discard() {
        AsyncContext context = end();
        if (context != null) {
            resume(context, EngineError.BAD_REQUEST.httpStatus(), EngineError.BAD_REQUEST.json());
        }
    }

    private List<Frame> drain() {
        List<Frame> frames = new ArrayList<>();
        List<Frame> packet;
        while ((packet = session.pollOutbound()) != null) {
            frames.addAll(packet);
        }
        return frames;
    }

    /** No more polls here; returns the one still parked, if any. */
    private synchronized AsyncContext end() {
        closed = true;
        return takePending();
    }

    private synchronized AsyncContext takePending() {
        AsyncContext context = pending;
        pending = null;
        return context;
    }

    @Override
    public void sendDirect(Frame frame) {
        throw new UnsupportedOperationException("polling is never a probe");
    }

    @Override
    public void close(boolean notifyClient) {
        AsyncContext context = end();
        if (context != null) {
            respond(context, notifyClient ? Frame.CLOSE.text() : Frame.NOOP.text());
        }
    }

    private void respond(AsyncContext context, String body) {
        resume(context, 200, body);
    }

    /**
     * Answers a parked GET through an async dispatch rather than by completing it from this thread: the
     * container runs the dispatch only after the request's first dispatch has returned, while completing a
     * request whose dispatch is still running races inside Payara's connector (recycled responses).
     */
    private void resume(AsyncContext context, int status, String body) {
        Object parkedAt;
        try {
            parkedAt = context.getRequest().getAttribute(PARKED_AT);
        } catch (IllegalStateException alreadyDone) {
            LOG.log(Level.FINE, "parked poll already ended", alreadyDone);
            return;
        }
        long age = parkedAt == null ? Long.MAX_VALUE : System.nanoTime() - (Long) parkedAt;
        if (age < TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS)) {
            // Parked a moment ago: its first dispatch may still be on its way out of the container. A poll once
            // hung in CI until its async timeout, most likely a dispatch made in that moment; wait it out.
            session.later(() -> dispatch(context, status, body), SETTLE_MILLIS);
            return;
        }
        dispatch(context, status, body);
    }

    private static void dispatch(AsyncContext context, int status, String body) {
        try {
            context.getRequest().setAttribute(RESUME_STATUS, status);
            context.getRequest().setAttribute(RESUME_BODY, body);
            context.dispatch();
        } catch (IllegalStateException alreadyDone) {
            LOG.log(Level.FINE, "parked poll already ended", alreadyDone);
        }
    }

    /** The resumed dispatch of a parked GET: writes what {@link #resume} left for it. */
    static void writeResumed(HttpServletRequest request, HttpServletResponse response) {
        int status = (Integer) request.getAttribute(RESUME_STATUS);
        String body = (String) request.getAttribute(RESUME_BODY);
        if (status == 200) {
            write(response, body);
        } else {
            try {
                PollingServlet.error(response, EngineError.BAD_REQUEST);
            } catch (IOException e) {
                LOG.log(Level.FINE, "polling response not delivered", e);
            }
        }
    }

    private static void write(HttpServletResponse response, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType("text/plain; charset=UTF-8");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "polling response not delivered", e);
        }
    }

    /** A parked GET that times out is answered with a no-op; one the client abandoned ends the session. */
    private final class PollListener implements AsyncListener {
        @Override
        public void onTimeout(AsyncEvent event) {
            AsyncContext context;
            synchronized (PollingTransport.this) {
                context = pending == event.getAsyncContext() ? pending : null;
                if (context != null) {
                    pending = null;
                }
            }
            if (context != null) {
                respond(context, Frame.NOOP.text());
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            synchronized (PollingTransport.this) {
                if (pending == event.getAsyncContext()) {
                    pending = null;
                }
            }
            session.onTransportClosed(PollingTransport.this, "transport error");
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
