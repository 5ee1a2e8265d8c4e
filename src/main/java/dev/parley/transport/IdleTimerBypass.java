package dev.parley.transport;

import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;

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
 * sent and received, even when the idle timeout is 0, and arms it once more in the session's constructor, by
 * scheduling a task on the container's managed scheduled executor. Creating a managed task captures context,
 * which looks up context providers with a ServiceLoader through the thread's context class loader: on a
 * received frame, the web application's loader, whose lookup walks every jar of the server's modules.
 * Profiled, that was 95% of the CPU of receiving a message, and 5% of opening a connection. An idle timeout
 * of 0 schedules that task with a delay of 0, and it does nothing when it runs, so this gives Tyrus a
 * scheduler that skips exactly those tasks and passes everything else to the container's.
 *
 * <p>It goes in once for the whole container ({@link #apply(ServerContainer)}, before any session exists, so
 * that not even the constructor's timer pays), and per session as a fallback ({@link #apply(Session)}). It
 * touches only Tyrus's classes with the private fields it expects; on any other container (WildFly's
 * Undertow) or another Tyrus it does nothing, and Tyrus's own behaviour stays.
 */
final class IdleTimerBypass {

    private static final Logger LOG = Logger.getLogger(IdleTimerBypass.class.getName());
    private static final String TYRUS_CONTAINER = "org.glassfish.tyrus.core.BaseContainer";
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static final String IDLE_COMMAND = "$IdleTimeoutCommand";
    /** Tyrus's session field once found, or a marker that this container's sessions are not Tyrus's. */
    private static volatile Object service;
    private static final Object ABSENT = new Object();

    private IdleTimerBypass() {
    }

    /** At start-up: every session of this container gets the scheduler that skips the no-op timers. */
    static void apply(ServerContainer container) {
        Field field = field(container.getClass(), TYRUS_CONTAINER, "managedScheduledExecutorService");
        if (field != null && swap(container, field)) {
            LOG.fine("Tyrus's idle timers of 0 are skipped for the whole container");
        }
    }

    /** Call once the session's idle timeout is 0 (liveness is Engine.IO's ping/pong). */
    static void apply(Session session) {
        if (service == ABSENT || session.getMaxIdleTimeout() > 0) {
            return;
        }
        Field field = service instanceof Field known && known.getDeclaringClass().isInstance(session)
                ? known : field(session.getClass(), TYRUS_SESSION, "service");
        service = field == null ? ABSENT : field;
        if (field != null && !swap(session, field)) {
            service = ABSENT;
        }
    }

    private static boolean swap(Object owner, Field field) {
        try {
            ScheduledExecutorService scheduler = (ScheduledExecutorService) field.get(owner);
            if (scheduler != null && !(scheduler instanceof IdleTimersSkipped)) {
                field.set(owner, new IdleTimersSkipped(scheduler));
            }
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.INFO, "Tyrus's per-frame idle timer stays as it is", e);
            return false;
        }
    }

    /** {@code owner}'s scheduler field, if {@code type} is the class of Tyrus this bypass knows. */
    private static Field field(Class<?> type, String owner, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (owner.equals(c.getName())) {
                try {
                    Field field = c.getDeclaredField(name);
                    if (field.getType() == ScheduledExecutorService.class) {
                        field.setAccessible(true);
                        return field;
                    }
                } catch (NoSuchFieldException | RuntimeException e) {
                    LOG.log(Level.FINE, "not the Tyrus this bypass knows", e);
                }
                return null;
            }
        }
        return null;
    }

    /**
     * The container's scheduler, except that Tyrus's idle timeout command is not run when it is due at once:
     * its delay is the session's idle timeout, and with a timeout of 0 the command does nothing.
     */
    static final class IdleTimersSkipped implements ScheduledExecutorService {
        private final ScheduledExecutorService container;

        IdleTimersSkipped(ScheduledExecutorService container) {
            this.container = container;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (delay <= 0 && command.getClass().getName().endsWith(IDLE_COMMAND)) {
                return Skipped.INSTANCE;
            }
            return container.schedule(command, delay, unit);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return container.schedule(callable, delay, unit);
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
