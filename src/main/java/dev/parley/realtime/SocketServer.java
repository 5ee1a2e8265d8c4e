package dev.parley.realtime;

import dev.parley.engine.EngineMount;
import dev.parley.engine.EngineServer;
import dev.parley.protocol.Frame;
import dev.parley.protocol.JsonWriter;
import dev.parley.protocol.Packet;
import dev.parley.protocol.PacketEncoder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The Socket.IO server, the entry point for application code: {@code of("/")} gives a namespace to
 * register middleware and connection handlers on. It owns the Engine.IO server it runs on and produces
 * its {@link EngineMount}, which the transports serve.
 */
@ApplicationScoped
public class SocketServer {

    private static final Logger LOG = Logger.getLogger(SocketServer.class.getName());
    private RealtimeSettings settings;
    private SocketRegistry registry;
    private ScheduledExecutorService timers;
    private EngineServer engine;
    private Jsonb jsonb;
    private PacketEncoder encoder;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final List<ParentNamespace> parents = new CopyOnWriteArrayList<>();
    private volatile Function<Namespace, Adapter> adapters = InMemoryAdapter::new;
    private RedisBus redis;
    /** What packet budgets measure time by; a test freezes it to count packets without racing the refill. */
    private volatile LongSupplier nanoClock = System::nanoTime;

    protected SocketServer() {
        // for the CDI proxy
    }

    @Inject
    public SocketServer(RealtimeSettings settings, SocketRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "parley-timers");
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true); // pings are re-armed on every pong: don't keep cancelled ones
        this.timers = pool;
        this.jsonb = JsonbBuilder.create();
        this.encoder = new PacketEncoder(new JsonWriter(jsonb::toJson));
        this.engine = new EngineServer(settings.engine(), timers, session -> new Client(this, session));
        if (settings.redis() != null) {
            if (!settings.recoveryWindow().isZero()) {
                LOG.warning("parley.connection-state-recovery with parley.redis.url: a socket that comes back gets"
                        + " only what its own instance broadcast while it was away");
            }
            RedisBus bus = new RedisBus(settings.redis());
            this.redis = bus;
            this.adapters = namespace -> new RedisAdapter(namespace, bus);
        }
        of("/");
    }

    @Produces
    EngineMount mount() {
        return new EngineMount(settings.path(), engine);
    }

    /** The namespace of that name, created on first use. */
    public Namespace of(String name) {
        String normalized = name.startsWith("/") ? name : "/" + name;
        return namespaces.computeIfAbsent(normalized, n -> new Namespace(n, this, null));
    }

    /** Dynamic namespaces: any name matching {@code pattern} is created when a client connects to it. */
    public ParentNamespace of(Pattern pattern) {
        ParentNamespace parent = new ParentNamespace(pattern);
        parents.add(parent);
        return parent;
    }

    /** Sets how namespaces keep rooms (the clustering seam); affects namespaces created afterwards. */
    public void useAdapter(Function<Namespace, Adapter> factory) {
        this.adapters = factory;
    }

    public EngineServer engine() {
        return engine;
    }

    public SocketRegistry registry() {
        return registry;
    }

    public List<Namespace> namespaces() {
        return new ArrayList<>(namespaces.values());
    }

    /** The namespace a client asked for: an existing one, or a new child of a matching dynamic pattern. */
    Namespace namespace(String name) {
        Namespace existing = namespaces.get(name);
        if (existing != null) {
            return existing;
        }
        for (ParentNamespace parent : parents) {
            if (parent.matches(name)) {
                return namespaces.computeIfAbsent(name, n -> new Namespace(n, this, parent));
            }
        }
        return null;
    }

    Adapter adapterFor(Namespace namespace) {
        return adapters.apply(namespace);
    }

    List<Frame> encode(Packet packet) {
        return encoder.encode(packet);
    }

    <T> T bind(Object value, Class<T> type) {
        if (value == null) {
            throw new IllegalArgumentException("missing payload");
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (type == String.class && value instanceof Number) {
            return type.cast(value.toString());
        }
        StringBuilder json = new StringBuilder();
        new JsonWriter(jsonb::toJson).write(value, json, new ArrayList<>());
        return jsonb.fromJson(json.toString(), type);
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    void nanoClock(LongSupplier clock) {
        this.nanoClock = clock;
    }

    int outboundLimit() {
        return settings.engine().outboundLimit();
    }

    int packetRate() {
        return settings.packetRate();
    }

    Duration connectTimeout() {
        return settings.connectTimeout();
    }

    /**
     * Sends an application event, as JSON, to the {@link #onServerSideEmit} handlers of the other instances
     * sharing rooms with this one (Node's {@code serverSideEmit}); not to this instance's own. Nothing, and
     * {@code json} is not even asked for, when this instance is alone.
     */
    public void serverSideEmit(String event, Supplier<String> json) {
        if (redis != null) {
            redis.publishServerEvent(event, json.get());
        }
    }

    /** Whether other instances share rooms with this one (through Redis). */
    public boolean clustered() {
        return redis != null;
    }

    /** This instance's id among those sharing rooms, or null when it is alone. */
    public String instanceId() {
        return redis == null ? null : redis.instance();
    }

    /** Handles an event another instance sent with {@link #serverSideEmit}, on a thread that may block. */
    public void onServerSideEmit(String event, Consumer<String> handler) {
        if (redis != null) {
            redis.onServerEvent(event, handler);
        }
    }

    /** The link to the other instances, or null when this one is alone. */
    RedisBus redis() {
        return redis;
    }

    Duration recoveryWindow() {
        return settings.recoveryWindow();
    }

    @PreDestroy
    void shutdown() {
        engine.closeAll();
        if (redis != null) {
            redis.close();
        }
        timers.shutdownNow();
        try {
            jsonb.close();
        } catch (Exception ignored) {
            // nothing left to release
        }
    }
}
