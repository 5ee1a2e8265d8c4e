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
 * error that closes the session. A parked GET is answered at most once, and never after the container
 * has ended it (see {@link ParkedPoll}).
 */
final class PollingTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(PollingTransport.class.getName());
    private static final String RESUME_STATUS = "parley.poll.status";
    private static final String RESUME_BODY = "parley.poll.body";
    private static final long SETTLE_MILLIS = 20;

    private final long pollTimeoutMillis;
    private EngineSession session;
    private ParkedPoll pending;
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
            ready = drain();
            if (ready.isEmpty()) {
                AsyncContext context = request.startAsync();
                context.setTimeout(pollTimeoutMillis);
                ParkedPoll parked = new ParkedPoll(context);
                context.addListener(new PollListener(parked));
                pending = parked;
                return true;
            }
        }
        write(request, response, EngineCodec.encodePayload(ready));
        return true;
    }

    @Override
    public void flush() {
        ParkedPoll parked;
        List<Frame> frames;
        synchronized (this) {
            // while upgrading too, as on Node: the client reads its last poll before it sends the upgrade packet
            if (pending == null) {
                return;
            }
            frames = drain();
            if (frames.isEmpty()) {
                return;
            }
            parked = pending;
            pending = null;
        }
        respond(parked, EngineCodec.encodePayload(frames));
    }

    @Override
    public synchronized boolean idle() {
        return pending == null;
    }

    @Override
    public void upgrading() {
        ParkedPoll parked = takePending();
        if (parked != null) {
            respond(parked, Frame.NOOP.text());
        }
    }

    /** Upgraded to WebSocket: a poll still parked here raced the upgrade and is refused, as any later one. */
    @Override
    public void discard() {
        ParkedPoll parked = end();
        if (parked != null) {
            resume(parked, EngineError.BAD_REQUEST.httpStatus(), EngineError.BAD_REQUEST.json());
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
    private synchronized ParkedPoll end() {
        closed = true;
        return takePending();
    }

    private synchronized ParkedPoll takePending() {
        ParkedPoll parked = pending;
        pending = null;
        return parked;
    }

    /** Takes the parked GET if it is still this one: the container's events may come after another answer. */
    private synchronized boolean takePending(ParkedPoll parked) {
        if (pending != parked) {
            return false;
        }
        pending = null;
        return true;
    }

    @Override
    public void sendDirect(Frame frame) {
        throw new UnsupportedOperationException("polling is never a probe");
    }

    @Override
    public void close(boolean notifyClient) {
        ParkedPoll parked = end();
        if (parked != null) {
            respond(parked, notifyClient ? Frame.CLOSE.text() : Frame.NOOP.text());
        }
    }

    private void respond(ParkedPoll parked, String body) {
        resume(parked, 200, body);
    }

    /**
     * Answers a parked GET through an async dispatch rather than by completing it from this thread: the
     * container runs the dispatch only after the request's first dispatch has returned, while completing a
     * request whose dispatch is still running races inside Payara's connector (recycled responses).
     */
    private void resume(ParkedPoll parked, int status, String body) {
        if (System.nanoTime() - parked.parkedAt < TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS)) {
            // Parked a moment ago: its first dispatch may still be on its way out of the container. A poll once
            // hung in CI until its async timeout, most likely a dispatch made in that moment; wait it out.
            session.later(() -> parked.answer(status, body), SETTLE_MILLIS);
            return;
        }
        parked.answer(status, body);
    }

    /** The resumed dispatch of a parked GET: writes what {@link #resume} left for it. */
    static void writeResumed(HttpServletRequest request, HttpServletResponse response) {
        int status = (Integer) request.getAttribute(RESUME_STATUS);
        String body = (String) request.getAttribute(RESUME_BODY);
        if (status == 200) {
            write(request, response, body);
        } else {
            PollingServlet.error(response, EngineError.BAD_REQUEST);
        }
    }

    /** A payload of {@link Gzip#THRESHOLD} bytes or more is gzipped for a client that takes it, as by Node. */
    private static void write(HttpServletRequest request, HttpServletResponse response, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType("text/plain; charset=UTF-8");
            if (bytes.length >= Gzip.THRESHOLD) {
                response.addHeader("Vary", "Accept-Encoding");
                if (Gzip.accepted(request.getHeader("Accept-Encoding"))) {
                    bytes = Gzip.compress(bytes);
                    response.setHeader("Content-Encoding", "gzip");
                }
            }
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "polling response not delivered", e);
        }
    }

    /**
     * A GET parked with the container. Payara's {@code AsyncContext} does not refuse a dispatch once its
     * request has ended (the client went away, or it timed out unanswered): it dispatches the request object
     * it holds, which by then the connector may have recycled for another client's request, and that request
     * is then answered or ended by this one's dispatch. So the container's end of the request and this
     * server's answer exclude each other here, and whichever comes first wins.
     */
    private static final class ParkedPoll {
        final AsyncContext context;
        final long parkedAt = System.nanoTime();
        private boolean over;

        ParkedPoll(AsyncContext context) {
            this.context = context;
        }

        /** Dispatches the answer, unless this GET was answered or ended already. */
        synchronized void answer(int status, String body) {
            if (over) {
                LOG.fine("parked poll already ended: not answered");
                return;
            }
            over = true;
            try {
                context.getRequest().setAttribute(RESUME_STATUS, status);
                context.getRequest().setAttribute(RESUME_BODY, body);
                context.dispatch();
            } catch (IllegalStateException alreadyDone) {
                LOG.log(Level.FINE, "parked poll already ended", alreadyDone);
            }
        }

        /**
         * The container ended the request: from now on its context is not this GET's any more. Returns true
         * when it had not been answered.
         */
        synchronized boolean ended() {
            boolean unanswered = !over;
            over = true;
            return unanswered;
        }
    }

    /**
     * A parked GET that times out is answered with a no-op. One the container ended otherwise, with an error
     * or completed with no answer, was abandoned by its client: that ends the session, as a cancelled poll
     * does on the reference server.
     */
    private final class PollListener implements AsyncListener {
        private final ParkedPoll parked;

        PollListener(ParkedPoll parked) {
            this.parked = parked;
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (takePending(parked)) {
                parked.answer(200, Frame.NOOP.text()); // long parked: no settling wait
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            parked.ended();
            takePending(parked);
            session.onTransportClosed(PollingTransport.this, "transport error");
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (parked.ended()) {
                takePending(parked);
                session.onTransportClosed(PollingTransport.this, "transport error");
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
