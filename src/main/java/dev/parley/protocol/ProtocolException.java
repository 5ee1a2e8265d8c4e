package dev.parley.protocol;

/** A peer sent something the Engine.IO or Socket.IO protocol does not allow; the connection is closed. */
public class ProtocolException extends Exception {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
