package dev.parley.realtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry of connected sockets, and presence: a user is online while any of their tabs is. */
class SocketRegistryTest {

    private final RealtimeFixture fixture = new RealtimeFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aUserIsOnlineFromTheirFirstSocketUntilTheirLastOneLeaves() throws Exception {
        fixture.io.of("/").onConnection(socket ->
                fixture.registry.bindUser(socket, (String) socket.handshake().auth().get("user")));
        FakeClient firstTab = fixture.client();
        FakeClient secondTab = fixture.client();
        firstTab.send("0{\"user\":\"ann\"}");
        secondTab.send("0{\"user\":\"ann\"}");

        assertEquals(List.of(new PresenceChanged("ann", true)), fixture.presence);
        assertTrue(fixture.registry.isOnline("ann"));
        assertEquals(Set.of("ann"), fixture.registry.onlineUsers());
        assertEquals(2, fixture.registry.socketsOf("ann").size());

        long version = fixture.registry.version();
        firstTab.send("1");
        assertTrue(fixture.registry.version() > version, "a socket leaving moves the version on");
        assertEquals(1, fixture.presence.size(), "one tab left: still online");
        assertTrue(fixture.registry.isOnline("ann"));

        secondTab.session().close("test");
        assertEquals(List.of(new PresenceChanged("ann", true), new PresenceChanged("ann", false)), fixture.presence);
        assertFalse(fixture.registry.isOnline("ann"));
        assertEquals(Set.of(), fixture.registry.socketsOf("ann"));
    }

    @Test
    void socketsAreFoundByIdWhileConnected() throws Exception {
        FakeClient client = fixture.client();
        String id = client.connect("/");

        Socket socket = fixture.registry.socket(id);
        assertEquals(id, socket.id());
        assertNull(SocketRegistry.userOf(socket));
        assertTrue(fixture.registry.sockets().contains(socket));

        client.send("1");
        assertNull(fixture.registry.socket(id));
    }
}
