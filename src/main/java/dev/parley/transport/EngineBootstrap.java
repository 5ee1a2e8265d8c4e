package dev.parley.transport;

import dev.parley.engine.EngineMount;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At deployment, serves every {@link EngineMount} the application produces (CDI) on both transports: the
 * JSR-356 endpoint and the polling servlet at the mount's path.
 */
@WebListener
public class EngineBootstrap implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(EngineBootstrap.class.getName());
    /** How long a busy connection's next WebSocket write may wait for more frames to share it (0: never). */
    static final String WRITE_LINGER = "parley.write-linger";
    static final long DEFAULT_LINGER_MILLIS = 30;
    /** Whether the socket.io-client browser builds are served at each mount's path, as Node's serveClient. */
    static final String SERVE_CLIENT = "parley.serve-client";

    @Inject
    @Any
    Instance<EngineMount> mounts;

    @Inject
    @Any
    Instance<HandshakeAttributes> handshakeAttributes;

    private List<EngineMount> served = List.of();
    private final List<WriteLinger> lingers = new ArrayList<>();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw new IllegalStateException("no JSR-356 WebSocket container in this server");
        }
        // Liveness is Engine.IO's ping/pong: no session of this application has a container idle timeout,
        // so none is armed in a session's constructor either, and on Tyrus the no-op timers are skipped.
        container.setDefaultMaxSessionIdleTimeout(0);
        IdleTimerBypass.apply(container);
        List<HandshakeAttributes> sources = handshakeAttributes.stream().toList();
        long lingerMillis = ConfigProvider.getConfig().getOptionalValue(WRITE_LINGER, Long.class).orElse(DEFAULT_LINGER_MILLIS);
        boolean serveClient = ConfigProvider.getConfig().getOptionalValue(SERVE_CLIENT, Boolean.class).orElse(true);
        TrustedProxies proxies = TrustedProxies.configured();
        served = mounts.stream().toList();
        for (EngineMount mount : served) {
            OriginPolicy origins = new OriginPolicy(mount.server().config().allowedOrigins());
            WriteLinger linger = WriteLinger.of(mount.server(), lingerMillis);
            if (linger != null) {
                lingers.add(linger);
            }
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(WebSocketEndpoint.class, mount.path())
                        .configurator(new HandshakeConfigurator(mount.server(), origins, sources, linger))
                        .build());
            } catch (DeploymentException e) {
                throw new IllegalStateException("cannot register the WebSocket endpoint at " + mount.path(), e);
            }
            addWithoutTrailingSlash(container, mount, origins, sources, linger);
            // ahead of the container's WebSocket filter (Tyrus maps its own after the declared ones)
            FilterRegistration.Dynamic gate = context.addFilter("engine.io upgrades " + mount.path(),
                    new UpgradeGate(mount.server(), origins, proxies));
            gate.setAsyncSupported(true);
            gate.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, mount.path() + "*");
            ServletRegistration.Dynamic polling = context.addServlet("engine.io " + mount.path(),
                    new PollingServlet(mount.server(), origins, proxies, sources));
            polling.addMapping(mount.path() + "*");
            polling.setAsyncSupported(true);
            ClientBundleServlet bundle = serveClient ? ClientBundleServlet.of(context) : null;
            if (bundle != null) {
                // exact paths, which the servlet specification matches ahead of the polling servlet's prefix
                ServletRegistration.Dynamic files = context.addServlet("socket.io-client " + mount.path(), bundle);
                ClientBundleServlet.FILES.forEach(file -> files.addMapping(mount.path() + file));
            }
            LOG.info(() -> "Engine.IO server at " + context.getContextPath() + mount.path()
                    + " (WebSocket and HTTP long-polling)");
        }
    }

    /**
     * The same endpoint at the path without its trailing slash ({@code /socket.io}), where socket.io-client with
     * {@code addTrailingSlash: false} connects. The polling servlet's mapping covers that path already; without
     * this its WebSocket would be refused and such a client would stay on polling. A container that takes the
     * two paths for one keeps the first, and says so.
     */
    private static void addWithoutTrailingSlash(ServerContainer container, EngineMount mount, OriginPolicy origins,
            List<HandshakeAttributes> sources, WriteLinger linger) {
        String bare = mount.path().replaceAll("/+$", "");
        if (bare.isEmpty() || bare.equals(mount.path())) {
            return;
        }
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(WebSocketEndpoint.class, bare)
                    .configurator(new HandshakeConfigurator(mount.server(), origins, sources, linger))
                    .build());
        } catch (DeploymentException | RuntimeException e) {
            LOG.log(Level.INFO, "no WebSocket endpoint at " + bare + " beside " + mount.path(), e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        for (EngineMount mount : served) {
            mount.server().closeAll();
        }
        lingers.forEach(WriteLinger::close);
    }
}
