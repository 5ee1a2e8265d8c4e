package dev.parley.transport;

import jakarta.websocket.Session;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tyrus (the WebSocket implementation of Payara and GlassFish) re-arms a session's idle timer on every frame
 * sent and received, even when the idle timeout is 0, by scheduling a task on the container's managed
 * scheduled executor. Creating a managed task captures context, which looks up context providers with a
 * ServiceLoader through the thread's context class loader: on a received frame, the web application's loader,
 * whose lookup walks every jar of the server's modules. Profiled, that was 95% of the CPU of receiving a
 * message. With the idle timeout at 0 the task does nothing when it runs, so this gives the session a
 * scheduler that skips one-shot tasks and passes everything else to the container's.
 *
 * <p>It touches only a session whose class is Tyrus's with the private field it expects; on any other
 * container (WildFly's Undertow) or another Tyrus it does nothing, and Tyrus's own behaviour stays.
 */
final class IdleTimerBypass {

    private static final Logger LOG = Logger.getLogger(IdleTimerBypass.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    /** The field once found, or a marker that this container's sessions are not Tyrus's. */
    private static volatile Object service;
    private static final Object ABSENT = new Object();

    private IdleTimerBypass() {
    }

    /** Call once the session's idle timeout is 0 (liveness is Engine.IO's ping/pong). */
    static void apply(Session session) {
        if (session.getMaxIdleTimeout() > 0) {
            return;
        }
        Field field = field(session.getClass());
        if (field == null) {
            return;
        }
        try {
            ScheduledExecutorService container = (ScheduledExecutorService) field.get(session);
            if (container != null && !(container instanceof OneShotsSkipped)) {
                field.set(session, new OneShotsSkipped(container));
            }
        } catch (IllegalAccessException | RuntimeException e) {
            service = ABSENT;
            LOG.log(Level.INFO, "Tyrus's per-frame idle timer stays as it is", e);
        }
    }

    private static Field field(Class<?> sessionClass) {
        Object known = service;
        if (known == ABSENT) {
            return null;
        }
        if (known instanceof Field field && field.getDeclaringClass().isAssignableFrom(sessionClass)) {
            return field;
        }
        for (Class<?> c = sessionClass; c != null; c = c.getSuperclass()) {
            if (TYRUS_SESSION.equals(c.getName())) {
                try {
                    Field field = c.getDeclaredField("service");
                    if (field.getType() == ScheduledExecutorService.class) {
                        field.setAccessible(true);
                        service = field;
                        LOG.fine("Tyrus sessions skip their per-frame idle timer (idle timeout 0)");
                        return field;
                    }
                } catch (NoSuchFieldException | RuntimeException e) {
                    LOG.log(Level.FINE, "not the Tyrus session this bypass knows", e);
                }
                break;
            }
        }
        service = ABSENT;
        return null;
    }

    /**
     * The container's scheduler, except that one-shot tasks are not run: in a Tyrus session the only
     * one-shot task is the idle timeout command, a no-op with the timeout at 0.
     */
    static final class OneShotsSkipped implements ScheduledExecutorService {
        private final ScheduledExecutorService container;

        OneShotsSkipped(ScheduledExecutorService container) {
            this.container = container;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return Skipped.INSTANCE;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return (ScheduledFuture<V>) Skipped.INSTANCE;
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return container.scheduleAtFixedRate(command, initialDelay, period, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return container.scheduleWithFixedDelay(command, initialDelay, delay, unit);
        }

        @Override
        public void shutdown() {
            container.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return container.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return container.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return container.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return container.awaitTermination(timeout, unit);
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            return container.submit(task);
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            return container.submit(task, result);
        }

        @Override
        public Future<?> submit(Runnable task) {
            return container.submit(task);
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
            return container.invokeAll(tasks);
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException {
            return container.invokeAll(tasks, timeout, unit);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
            return container.invokeAny(tasks);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return container.invokeAny(tasks, timeout, unit);
        }

        @Override
        public void execute(Runnable command) {
            container.execute(command);
        }
    }

    /** The future of a task that was never going to do anything: done, nothing to cancel. */
    private static final class Skipped implements ScheduledFuture<Object> {
        static final Skipped INSTANCE = new Skipped();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
