package dev.parley.chat.ops;

import dev.parley.chat.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ready only while the database answers: without it no message can be stored, so a load balancer should
 * send new users elsewhere (connected ones stay). The answer says
 * no more than up or down and why in a word, since {@code /health} needs no sign-in; the log line, written
 * when the state changes rather than at every probe, has the details.
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseCheck.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    Database database;

    private volatile boolean down;

    @Override
    public HealthCheckResponse call() {
        String problem;
        try {
            database.check(TIMEOUT);
            if (down) {
                down = false;
                LOG.info(() -> "The database " + database.settings().describe() + " answers again");
            }
            return HealthCheckResponse.up("database");
        } catch (TimeoutException e) {
            problem = "no answer within " + TIMEOUT.toSeconds() + " s";
            changedToDown(problem, null);
        } catch (SQLException | RuntimeException e) {
            problem = "refused";
            changedToDown(problem, e);
        }
        return HealthCheckResponse.named("database").down().withData("error", problem).build();
    }

    private void changedToDown(String problem, Exception cause) {
        if (!down) {
            down = true;
            LOG.log(Level.WARNING, "The database " + database.settings().describe() + " is not ready: " + problem, cause);
        }
    }
}
