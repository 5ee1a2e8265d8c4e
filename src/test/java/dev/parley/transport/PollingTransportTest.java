package dev.parley.transport;

import dev.parley.engine.EngineConfig;
import dev.parley.engine.EngineServer;
import dev.parley.engine.EngineSession;
import dev.parley.engine.HandshakeData;
import dev.parley.protocol.Frame;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A parked GET is answered at most once and never after the container ended it: Payara's async context
 * dispatches whatever request object it holds, recycled or not, so a late answer would land in another
 * client's request. The container's side is played by {@link Exchange}: a request and response whose
 * async context counts dispatches and lets the test fire the container's events.
 */
class PollingTransportTest {

    private ScheduledExecutorService timers;
    private EngineServer server;
    private PollingTransport transport;
    private EngineSession session;

    @BeforeEach
    void open() {
        timers = Executors.newSingleThreadScheduledExecutor();
        server = new EngineServer(EngineConfig.defaults(), timers, session -> null);
        transport = new PollingTransport(server);
        session = server.open(transport, new HandshakeData(Map.of(), Map.of(), "127.0.0.1", Map.of()));
        transport.attach(session);
        Exchange handshake = new Exchange();
        assertTrue(transport.poll(handshake.request, handshake.response));
        assertTrue(handshake.body().startsWith("0{"), handshake.body());
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void aParkedPollIsAnsweredOnceWithWhatWasQueued() throws InterruptedException {
        Exchange parked = park();
        Thread.sleep(30); // past the settling wait
        session.send(Frame.message("hello"));
        assertEquals(1, parked.dispatches.get());
        assertEquals("4hello", parked.request.getAttribute("parley.poll.body"));
        session.send(Frame.message("again"));
        transport.close(true);
        assertEquals(1, parked.dispatches.get(), "a GET is answered once");
    }

    @Test
    void aPollTheContainerCompletedUnansweredEndsTheSessionAndIsNeverDispatched() throws InterruptedException {
        Exchange parked = park();
        Thread.sleep(30); // past the settling wait: an answer now would be dispatched at once
        parked.fire(AsyncListener::onComplete);
        session.send(Frame.message("after"));
        assertEquals(0, parked.dispatches.get(), "a completed request's context belongs to no one now");
        assertFalse(session.isOpen(), "a cancelled poll ends the session, as on the reference server");
        Exchange next = new Exchange();
        assertFalse(transport.poll(next.request, next.response));
    }

    @Test
    void theCompletionOfAnAnsweredPollChangesNothing() throws InterruptedException {
        Exchange parked = park();
        Thread.sleep(30);
        session.send(Frame.message("hello"));
        parked.fire(AsyncListener::onComplete);
        assertTrue(session.isOpen());
        Exchange next = new Exchange();
        assertTrue(transport.poll(next.request, next.response));
        assertEquals(1, parked.dispatches.get());
    }

    @Test
    void anAnswerWaitingToSettleIsDroppedWhenTheClientGoesAwayMeanwhile() throws InterruptedException {
        Exchange parked;
        for (int attempt = 1; ; attempt++) {
            long before = System.nanoTime();
            parked = park();
            session.send(Frame.message("too late")); // parked just now: the answer waits for the first dispatch
            boolean settling = System.nanoTime() - before < TimeUnit.MILLISECONDS.toNanos(15);
            if (settling || attempt == 5) { // a machine that stalled past the settling wait gets another try
                break;
            }
            stop();
            open();
        }
        parked.fire(AsyncListener::onError); // the client reset its connection meanwhile
        Thread.sleep(100);
        assertEquals(0, parked.dispatches.get());
        assertFalse(session.isOpen(), "a poll the client abandoned ends the session");
    }

    @Test
    void aTimedOutPollIsAnsweredWithANoopAndNothingElse() throws InterruptedException {
        Exchange parked = park();
        Thread.sleep(30);
        parked.fire(AsyncListener::onTimeout);
        assertEquals(1, parked.dispatches.get());
        assertEquals("6", parked.request.getAttribute("parley.poll.body"));
        parked.fire(AsyncListener::onComplete);
        transport.close(true);
        assertEquals(1, parked.dispatches.get());
    }

    private Exchange park() {
        Exchange parked = new Exchange();
        assertTrue(transport.poll(parked.request, parked.response));
        assertTrue(parked.async != null && parked.body().isEmpty(), "parked");
        return parked;
    }

    /** One HTTP exchange as the container shows it to a servlet. */
    private static final class Exchange {
        final Map<String, Object> attributes = new ConcurrentHashMap<>();
        final List<AsyncListener> listeners = new CopyOnWriteArrayList<>();
        final AtomicInteger dispatches = new AtomicInteger();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final HttpServletRequest request;
        final HttpServletResponse response;
        AsyncContext async;

        Exchange() {
            request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "startAsync" -> async = new Async();
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "getDispatcherType" -> DispatcherType.REQUEST;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    written.write(b);
                }
            };
            response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getOutputStream" -> out;
                        case "setStatus", "setContentType", "setContentLength" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        String body() {
            return written.toString(StandardCharsets.UTF_8);
        }

        void fire(ListenerCall call) {
            AsyncEvent event = new AsyncEvent(async, request, response);
            for (AsyncListener listener : listeners) {
                try {
                    call.on(listener, event);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }

        interface ListenerCall {
            void on(AsyncListener listener, AsyncEvent event) throws IOException;
        }

        private final class Async implements AsyncContext {
            @Override
            public ServletRequest getRequest() {
                return request;
            }

            @Override
            public ServletResponse getResponse() {
                return response;
            }

            @Override
            public boolean hasOriginalRequestAndResponse() {
                return true;
            }

            @Override
            public void dispatch() {
                dispatches.incrementAndGet();
            }

            @Override
            public void dispatch(String path) {
                dispatch();
            }

            @Override
            public void dispatch(ServletContext context, String path) {
                dispatch();
            }

            @Override
            public void complete() {
                throw new UnsupportedOperationException("parked polls are answered by dispatch");
            }

            @Override
            public void start(Runnable run) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void addListener(AsyncListener listener) {
                listeners.add(listener);
            }

            @Override
            public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
                listeners.add(listener);
            }

            @Override
            public <T extends AsyncListener> T createListener(Class<T> type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void setTimeout(long timeout) {
            }

            @Override
            public long getTimeout() {
                return 0;
            }
        }
    }
}
