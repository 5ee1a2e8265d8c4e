package dev.parley.transport;

import jakarta.servlet.http.HttpSession;

import java.util.Map;

/**
 * Lets the application attach what it knows of the HTTP session (typically the signed-in user) to a new
 * connection, at the WebSocket handshake or the first polling request. Implement it as a CDI bean; the
 * attributes appear in the Socket.IO handshake of every socket on that connection.
 */
public interface HandshakeAttributes {

    /** {@code session} is the request's existing HTTP session, or null when it carried none. */
    void contribute(HttpSession session, Map<String, Object> attributes);
}
