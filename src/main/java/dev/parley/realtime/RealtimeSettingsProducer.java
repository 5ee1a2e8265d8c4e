package dev.parley.realtime;

import dev.parley.engine.EngineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@link RealtimeSettings} from MicroProfile Config: system properties, environment variables
 * ({@code PARLEY_PING_INTERVAL} for {@code parley.ping-interval}) and microprofile-config.properties.
 * Durations are in milliseconds.
 */
@ApplicationScoped
public class RealtimeSettingsProducer {

    @Produces
    @Singleton // a record cannot be proxied, so no normal scope; it is immutable anyway
    RealtimeSettings settings() {
        Config config = ConfigProvider.getConfig();
        EngineConfig defaults = EngineConfig.defaults();
        EngineConfig engine = new EngineConfig(
                millis(config, "parley.ping-interval", defaults.pingInterval()),
                millis(config, "parley.ping-timeout", defaults.pingTimeout()),
                config.getOptionalValue("parley.max-payload", Integer.class).orElse(defaults.maxPayload()),
                config.getOptionalValue("parley.outbound-limit", Integer.class).orElse(defaults.outboundLimit()),
                millis(config, "parley.upgrade-timeout", defaults.upgradeTimeout()),
                origins(config.getOptionalValue("parley.allowed-origins", String.class).orElse("")));
        String path = config.getOptionalValue("parley.path", String.class).orElse("/socket.io/");
        return new RealtimeSettings(path, engine, millis(config, "parley.connect-timeout", Duration.ofSeconds(45)),
                millis(config, "parley.connection-state-recovery", Duration.ZERO),
                config.getOptionalValue("parley.packet-rate-limit", Integer.class)
                        .orElse(RealtimeSettings.DEFAULT_PACKET_RATE),
                config.getOptionalValue("parley.redis.url", String.class).filter(url -> !url.isBlank())
                        .map(URI::create).orElse(null));
    }

    private static Duration millis(Config config, String key, Duration fallback) {
        return config.getOptionalValue(key, Long.class).map(Duration::ofMillis).orElse(fallback);
    }

    private static List<String> origins(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
