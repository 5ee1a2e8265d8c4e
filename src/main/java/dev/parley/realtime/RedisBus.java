package dev.parley.realtime;

import dev.parley.engine.EngineServer;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This instance's link to the others through Redis pub/sub, one channel per namespace
 * ({@code parley#/chat}). One connection publishes, on a thread of its own, so a broadcast never waits for
 * Redis; another subscribes to every namespace's channel and hands what the other instances published to
 * that namespace's {@link RedisAdapter}. Both reconnect by themselves. Pub/sub keeps nothing: what is
 * published while Redis or an instance is away does not reach the sockets of the other instances, as with
 * Node's Redis adapter (the chat's history has every message).
 */
final class RedisBus implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisBus.class.getName());
    static final String PREFIX = "parley#";
    /** Application events between instances ({@link SocketServer#serverSideEmit}); namespaces all start with "/". */
    private static final String SERVER = "server";
    /** Broadcasts waiting for Redis; past this (Redis away for long), new ones are dropped and counted. */
    private static final int OUTBOX_LIMIT = 100_000;
    private static final long RETRY_MILLIS = 1000;
    private static final int BATCH = 1000;

    private final URI uri;
    private final String instance = EngineServer.newId();
    private final Map<String, RedisAdapter> adapters = new ConcurrentHashMap<>();
    private final BlockingQueue<byte[][]> outbox = new ArrayBlockingQueue<>(OUTBOX_LIMIT);
    private final AtomicLong dropped = new AtomicLong();
    private final Subscription subscription = new Subscription();
    private final Map<String, List<Consumer<String>>> serverHandlers = new ConcurrentHashMap<>();
    /** Runs server-side event handlers, which may block (a database lookup), off the subscriber's thread. */
    private final ExecutorService serverEvents = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-redis-events");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread publisher;
    private volatile boolean closed;

    RedisBus(URI uri) {
        this.uri = uri;
        this.publisher = daemon("parley-redis-publish", this::publishLoop);
        daemon("parley-redis-subscribe", this::subscribeLoop); // ends when close() unsubscribes
        LOG.info(() -> "Rooms shared with other instances through Redis at " + redacted(uri) + " (instance " + instance + ")");
    }

    /** This instance's id: what it publishes carries it, so it skips its own broadcasts. */
    String instance() {
        return instance;
    }

    /** Whether broadcasts of the other instances reach this one right now. */
    boolean subscribed() {
        return subscription.live;
    }

    void register(String namespace, RedisAdapter adapter) {
        adapters.put(namespace, adapter);
    }

    void publish(String namespace, byte[] message) {
        if (!outbox.offer(new byte[][] {channel(namespace), message})) {
            long count = dropped.incrementAndGet();
            if (count == 1 || count % 10_000 == 0) {
                LOG.warning(() -> count + " broadcast(s) not sent to the other instances: Redis at " + redacted(uri)
                        + " is not keeping up or not reachable");
            }
        }
    }

    /** Publishes an application event for the other instances' handlers of it. */
    void publishServerEvent(String event, String json) {
        publish(SERVER, ServerEvent.encode(instance, event, json));
    }

    void onServerEvent(String event, Consumer<String> handler) {
        serverHandlers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(handler);
    }

    private void receiveServerEvent(byte[] message) {
        String[] parts = ServerEvent.decode(message);
        if (parts[0].equals(instance)) {
            return;
        }
        for (Consumer<String> handler : serverHandlers.getOrDefault(parts[1], List.of())) {
            serverEvents.execute(() -> {
                try {
                    handler.accept(parts[2]);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "server-side event " + parts[1] + " from another instance failed", e);
                }
            });
        }
    }

    /** An application event as it travels: who sent it, its name, its JSON. */
    static final class ServerEvent {
        private ServerEvent() {
        }

        static byte[] encode(String instance, String event, String json) {
            return String.join("\n", instance, event, json).getBytes(StandardCharsets.UTF_8);
        }

        /** Instance, event, JSON; throws IllegalArgumentException for anything else. */
        static String[] decode(byte[] message) {
            String[] parts = new String(message, StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a server-side event");
            }
            return parts;
        }
    }

    private static byte[] channel(String namespace) {
        return (PREFIX + namespace).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Publishes what waits, in batches of up to {@link #BATCH} sent as one pipeline: one round trip to Redis
     * per batch instead of per broadcast (one at a time, about 6 000-12 000 broadcasts a second got across).
     */
    private void publishLoop() {
        Jedis jedis = null;
        List<byte[][]> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                batch.add(outbox.take());
            } catch (InterruptedException e) {
                break;
            }
            outbox.drainTo(batch, BATCH - 1);
            // one retry on a fresh connection: one that Redis dropped (a restart) fails when its replies are read
            for (int attempt = 1; attempt <= 2 && !closed; attempt++) {
                try {
                    if (jedis == null) {
                        jedis = new Jedis(uri);
                    }
                    Pipeline pipeline = jedis.pipelined();
                    for (byte[][] message : batch) {
                        pipeline.publish(message[0], message[1]);
                    }
                    pipeline.sync();
                    break;
                } catch (JedisException e) {
                    jedis = closeQuietly(jedis);
                    if (attempt == 2) {
                        LOG.log(Level.WARNING, batch.size() + " broadcast(s) could not be published to Redis at "
                                + redacted(uri), e);
                        pause();
                    }
                }
            }
            batch.clear();
        }
        closeQuietly(jedis);
    }

    private void subscribeLoop() {
        int failures = 0;
        while (!closed) {
            try (Jedis jedis = new Jedis(uri)) {
                jedis.psubscribe(subscription, (PREFIX + "*").getBytes(StandardCharsets.UTF_8)); // until unsubscribed
            } catch (JedisException e) {
                if (!closed) {
                    failures = subscription.live ? 1 : failures + 1; // a new run of failures, or one more
                    if (failures == 1 || failures % 60 == 0) { // once when lost, then once a minute
                        LOG.warning(() -> "no subscription to Redis at " + redacted(uri) + " (" + e.getMessage()
                                + "): broadcasts of the other instances do not reach this one until it is back");
                    }
                    pause();
                }
            } finally {
                subscription.live = false;
            }
        }
    }

    private final class Subscription extends BinaryJedisPubSub {
        /**
         * Subscribed on a connection that has not failed: Jedis's own count of channels stays as it was when
         * the connection breaks.
         */
        private volatile boolean live;

        @Override
        public void onPSubscribe(byte[] pattern, int subscribedChannels) {
            live = true;
            LOG.info(() -> "subscribed to the other instances' broadcasts on Redis at " + redacted(uri));
        }

        @Override
        public void onPMessage(byte[] pattern, byte[] channel, byte[] message) {
            String namespace = new String(channel, StandardCharsets.UTF_8).substring(PREFIX.length());
            if (SERVER.equals(namespace)) {
                try {
                    receiveServerEvent(message);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a server-side event from Redis was not handled", e);
                }
                return;
            }
            RedisAdapter adapter = adapters.get(namespace);
            if (adapter == null) {
                return; // a namespace no client has opened here yet (a dynamic one): nobody to deliver to
            }
            try {
                adapter.receive(message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a broadcast from Redis channel " + PREFIX + namespace + " was not delivered", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        publisher.interrupt();
        serverEvents.shutdownNow();
        if (subscription.isSubscribed()) {
            try {
                subscription.punsubscribe();
            } catch (JedisException e) {
                LOG.log(Level.FINE, "unsubscribing from Redis", e);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Jedis closeQuietly(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (JedisException e) {
                LOG.log(Level.FINE, "closing a Redis connection", e);
            }
        }
        return null;
    }

    private static Thread daemon(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The URI without its password, for logs. */
    static String redacted(URI uri) {
        return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }
}
