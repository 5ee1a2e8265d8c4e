package dev.parley.realtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Dynamic namespaces: every name matching the pattern becomes a namespace when a client first connects to
 * it, and runs the middleware and connection handlers registered here.
 */
public final class ParentNamespace {

    private final Pattern pattern;
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();
    private volatile EventErrorHandler errorHandler;

    ParentNamespace(Pattern pattern) {
        this.pattern = pattern;
    }

    public ParentNamespace use(Middleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    public ParentNamespace onConnection(Consumer<Socket> handler) {
        connectionHandlers.add(handler);
        return this;
    }

    public ParentNamespace onEventError(EventErrorHandler handler) {
        this.errorHandler = handler;
        return this;
    }

    boolean matches(String name) {
        return pattern.matcher(name).matches();
    }

    List<Middleware> middlewares() {
        return middlewares;
    }

    List<Consumer<Socket>> connectionHandlers() {
        return connectionHandlers;
    }

    EventErrorHandler errorHandler() {
        return errorHandler;
    }
}
