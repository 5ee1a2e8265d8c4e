package dev.parley.chat.ops;

import dev.parley.chat.message.MessageStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the one thread that writes every message is there. Were it gone, the instance would take
 * messages and never acknowledge them; only a restart brings it back. A slow or absent database is not a
 * reason to restart (readiness says so): the backlog is reported, not judged.
 */
@Liveness
@ApplicationScoped
public class MessageWriterCheck implements HealthCheck {

    @Inject
    MessageStore messages;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("message-writer")
                .status(messages.writing())
                .withData("waiting", messages.waiting())
                .build();
    }
}
