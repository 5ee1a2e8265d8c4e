package dev.parley.realtime;

import dev.parley.it.RedisServer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many events a second cross from one instance to another through Redis: two SocketServers in this JVM
 * on a private redis-server, one sending 50 000 server-side events of a chat message's size per round, the
 * other counting them as its handler runs (the same publisher, pipeline, subscriber and hand-off a room
 * broadcast takes). A figure, never an assertion (bench/README.md):
 * {@code mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.parley.realtime.RedisHopBench}
 */
public final class RedisHopBench {

    private static final int ROUNDS = 5;
    /** Within RedisBus's outbox, so that none is dropped while the publisher catches up. */
    private static final int PER_ROUND = 50_000;

    private RedisHopBench() {
    }

    public static void main(String[] args) throws Exception {
        String payload = "{\"id\":1,\"roomId\":1,\"userId\":1,\"userName\":\"Alice\","
                + "\"text\":\"a chat message of a typical length, about sixty characters\"}";
        try (RedisServer redis = RedisServer.start();
             RealtimeFixture one = RealtimeFixture.withRedis(redis.uri());
             RealtimeFixture two = RealtimeFixture.withRedis(redis.uri())) {
            RealtimeFixture.await("both subscribed", () -> one.io.redis().subscribed() && two.io.redis().subscribed());
            AtomicInteger handled = new AtomicInteger();
            two.io.onServerSideEmit("bench", json -> handled.incrementAndGet());
            for (int round = 1; round <= ROUNDS; round++) {
                handled.set(0);
                long start = System.nanoTime();
                for (int i = 0; i < PER_ROUND; i++) {
                    one.io.serverSideEmit("bench", () -> payload);
                }
                long queued = System.nanoTime();
                while (handled.get() < PER_ROUND) {
                    Thread.sleep(1);
                }
                long end = System.nanoTime();
                System.out.printf("round %d: %d events queued in %.0f ms, all handled on the other instance after"
                        + " %.0f ms: %.0f events/s%n", round, PER_ROUND, (queued - start) / 1e6, (end - start) / 1e6,
                        PER_ROUND / ((end - start) / 1e9));
            }
        }
        System.exit(0); // the servers' daemon threads would end anyway; exec:java waits for non-daemon ones
    }
}
