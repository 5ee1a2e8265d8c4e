package dev.parley.engine;

import dev.parley.protocol.Frame;

/**
 * One way frames reach a client (WebSocket or HTTP long-polling). The session owns the outbound queue;
 * a transport pulls from it whenever it can write, so it never has two writes in flight.
 */
public interface Transport {

    String name();

    /** Called after frames were queued: write what the session has queued, if the transport can now. */
    void flush();

    /**
     * Called after a packet that should not wait was queued (a reply to this client: an ack, an error): as
     * {@link #flush}, and a writer holding back for more frames to share its write goes now.
     */
    default void flushNow() {
        flush();
    }

    /** Writes one frame outside the session queue (upgrade probe answers). */
    void sendDirect(Frame frame);

    /**
     * Ends the transport. {@code notifyClient}: tell the client the session closed (a polling client gets a
     * close packet on its pending request) rather than silently ending the exchange.
     */
    void close(boolean notifyClient);

    /** True when nothing can reach the client right now (a polling client with no request parked). */
    default boolean idle() {
        return false;
    }

    /** Called every 100 ms while an upgrade probe succeeded but is not complete: end any parked request. */
    default void upgrading() {
    }

    /** The session moved to another transport: a request still parked here is refused. */
    default void discard() {
        close(false);
    }
}
