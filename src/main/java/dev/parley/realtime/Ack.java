package dev.parley.realtime;

/** Answers a client's event that asked for an acknowledgement. Sends at most once; later calls are ignored. */
public interface Ack {

    /** For events sent without an ack callback: sending is a no-op. */
    Ack NONE = new Ack() {
        @Override
        public void send(Object... args) {
        }

        @Override
        public boolean requested() {
            return false;
        }
    };

    void send(Object... args);

    /** Whether the client is waiting for an answer. */
    boolean requested();
}
