package dev.parley.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The server under test: where to connect, how to authenticate, and which process to measure. */
final class Target {
    final URI base;
    final InetSocketAddress address;
    final String socketPath;
    final ConnectionAuth auth;
    final long serverPid;
    /** The cores server and generator are pinned to, so time other processes take on them can be shown. */
    final int serverCore;
    final int generatorCore;

    Target(URI base, String socketPath, ConnectionAuth auth, long serverPid, int serverCore, int generatorCore) {
        if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
            throw new IllegalArgumentException("the bench only talks to this machine (127.0.0.1), not " + base);
        }
        this.base = base;
        this.address = new InetSocketAddress("127.0.0.1", base.getPort() > 0 ? base.getPort() : 80);
        this.socketPath = socketPath;
        this.auth = auth;
        this.serverPid = serverPid;
        this.serverCore = serverCore;
        this.generatorCore = generatorCore;
    }

    /** The HTTP request that opens an Engine.IO v4 WebSocket directly (no polling first), as socket.io-client does with transports: ['websocket']. */
    ByteBuffer upgradeRequest(int connection) {
        String hostPort = address.getHostString() + ":" + address.getPort();
        StringBuilder req = new StringBuilder(256)
                .append("GET ").append(socketPath).append("?EIO=4&transport=websocket HTTP/1.1\r\n")
                .append("Host: ").append(hostPort).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n")
                // Same origin as the page would be, so an Origin allow-list with defaults admits the bench.
                .append("Origin: http://").append(hostPort).append("\r\n");
        for (String header : auth.upgradeHeaders(connection)) {
            req.append(header).append("\r\n");
        }
        return ByteBuffer.wrap(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** A room id as JSON: digits stay a number (a database id), anything else is a string. */
    static String roomJson(String roomId) {
        return roomId.matches("[0-9]+") ? roomId : "\"" + roomId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
