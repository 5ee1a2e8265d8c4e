package dev.parley.chat.ops;

import dev.parley.chat.message.MessageStore;
import dev.parley.realtime.SocketServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * This instance's figures in the application registry of MicroProfile Metrics ({@code /metrics}, Prometheus
 * text): what is connected, why connections closed, and what is stored and still waiting to be. Gauges are
 * read when scraped, from counts the engine and the store keep anyway, so the message path pays one counter
 * increment per commit, and a close one per connection.
 */
@ApplicationScoped
public class ChatMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    SocketServer io;

    @Inject
    MessageStore messages;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge("parley.connections", "Engine.IO connections open on this instance, WebSocket and long-polling",
                () -> io.engine().sessions().size());
        gauge("parley.sockets", "Socket.IO sockets connected on this instance, in every namespace",
                () -> io.registry().sockets().size());
        gauge("parley.users.online", "Users with at least one socket on this instance",
                () -> io.registry().onlineCount());
        gauge("parley.messages.waiting", "Messages received and not yet taken into a commit (a backlog: the database is slow)",
                messages::waiting);
        Counter stored = registry.counter(Metadata.builder().withName("parley.messages.stored")
                .withDescription("Messages committed by this instance since it started (retries of a stored one not counted)")
                .build());
        messages.onStored(stored::inc);
        Map<String, Counter> closed = new ConcurrentHashMap<>();
        io.engine().onClose(reason -> closed.computeIfAbsent(reason, why -> registry.counter(Metadata.builder()
                .withName("parley.connections.closed")
                .withDescription("Engine.IO connections closed on this instance, by reason: transport close, ping timeout,"
                        + " slow client, packet flood, parse error, ...")
                .build(), new Tag("reason", why))).inc());
    }

    private void gauge(String name, String description, Supplier<Integer> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), value);
    }
}
