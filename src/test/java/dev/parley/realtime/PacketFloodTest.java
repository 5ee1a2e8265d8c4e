package dev.parley.realtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client over its packet budget: its events dropped and answered, then cut off; others carry on. The budget's
 * clock stands still, so nothing refills while the packets arrive, however slow the machine.
 */
class PacketFloodTest {

    private final RealtimeFixture fixture = RealtimeFixture.withPacketRate(20);
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();

    @BeforeEach
    void stopTheClock() {
        fixture.io.nanoClock(() -> 0L);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private FakeClient connected() throws InterruptedException {
        fixture.io.of("/")
                .onEventError((socket, event, kind, cause, ack) -> {
                    refused.add(event + ":" + kind + ":" + ack.requested());
                    ack.send("refused");
                })
                .onConnection(socket -> socket.on("e", (args, ack) -> {
                    handled.incrementAndGet();
                    ack.send("done");
                }));
        FakeClient client = fixture.client();
        client.connect("/");
        return client;
    }

    @Test
    void overTheBudgetEventsAreDroppedAndOnlyThoseAskingForAnAckAnsweredBesidesTheFirst() throws Exception {
        FakeClient client = connected(); // the CONNECT took one packet of the 20
        for (int i = 0; i < 19; i++) {
            client.send("2" + i + "[\"e\"]");
        }
        client.send("2[\"e\",\"no ack, the first dropped\"]");
        client.send("2[\"e\",\"no ack, dropped\"]");
        client.send("299[\"e\",\"ack, dropped\"]");

        assertEquals(19, handled.get());
        assertEquals(List.of("e:RATE_LIMITED:false", "e:RATE_LIMITED:true"), refused);
        assertEquals(19, client.events().stream().filter(m -> m.endsWith("[\"done\"]")).count());
        assertTrue(client.events().contains("399[\"refused\"]"));
        assertTrue(fixture.io.engine().find(client.session().id()) != null, "still connected");
    }

    @Test
    void withoutAnErrorHandlerADroppedEventThatAskedForAnAckIsStillAnswered() throws Exception {
        fixture.io.of("/").onConnection(socket -> socket.on("e", (args, ack) -> ack.send("done")));
        FakeClient client = fixture.client();
        client.connect("/");
        for (int i = 0; i < 19; i++) {
            client.send("2[\"e\"]");
        }
        for (int id = 50; id < 55; id++) {
            client.send("2" + id + "[\"e\"]");
        }

        List<String> answers = client.events().stream().filter(m -> m.startsWith("35")).toList();
        assertEquals(5, answers.size(), "every event that asked for an ack is answered: " + answers);
        List<String> refusals = answers.stream().filter(m -> m.contains("\"error\":\"RateLimited\"")).toList();
        assertEquals(5, refusals.size(), "dropped ones answered as such: " + answers);
        refusals.forEach(m -> assertTrue(m.contains("\"ok\":false") && m.contains("'e' was dropped"), m));
    }

    @Test
    void aClientFarOverItsBudgetIsDisconnectedFromItsNamespacesAndClosedWhileOthersCarryOn() throws Exception {
        FakeClient flooder = connected();
        FakeClient other = fixture.client();
        other.connect("/");
        for (int i = 0; i < 20 + 10 * 20 + 5; i++) {
            flooder.send("2[\"e\"]");
        }
        assertTrue(flooder.events().contains("1"), "a DISCONNECT: the client does not reconnect by itself");
        int before = handled.get();
        flooder.send("2[\"e\"]");
        assertEquals(before, handled.get(), "nothing more is handled once cut off");
        RealtimeFixture.await("the flooder's connection closed", flooder::closed);

        other.send("27[\"e\"]");
        assertTrue(other.events().contains("37[\"done\"]"));
        assertFalse(other.closed());
    }
}
