package dev.parley.chat.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * The application's own JDBC pool, built from MicroProfile Config values at start-up.
 *
 * <p>Why not a container datasource: {@code @DataSourceDefinition} and {@code <data-source>} take
 * literal values, and the way to put config into them differs (Payara {@code ${MPCONFIG=..}},
 * WildFly {@code ${env.X}} behind a subsystem switch); server-side pools need the driver installed
 * in the server and a different script per server; Payara's {@code jdbc/__default} lives in a
 * temporary folder. A pool owned by the WAR, with both drivers inside it, reads one config on
 * every server.
 */
final class ConnectionPool {

    private static final Logger LOG = Logger.getLogger(ConnectionPool.class.getName());

    private ConnectionPool() {
    }

    /**
     * Opens the pool with one connection made, or throws the database's refusal. A database server that
     * refuses at first gets {@link DatabaseSettings#startWait()} to come up: started together with Parley
     * (a compose file, an orchestrator), it may still be initialising, and a deployment that failed on that
     * would leave the server running without the chat.
     */
    static HikariDataSource open(DatabaseSettings settings) {
        try {
            return new HikariDataSource(config(settings, 1));
        } catch (PoolInitializationException refused) {
            if (!settings.isServer() || settings.startWait().isZero()) {
                throw refused;
            }
            // A wrong password is waited for too: the log line says so at once, and it may be a role not made yet.
            LOG.warning(() -> "The database at " + settings.describe() + " refused the first connection ("
                    + refused.getMessage() + "); trying again for up to " + settings.startWait().toSeconds() + " s");
            // Hikari tries again every second until the time is up, then throws with the last refusal.
            return new HikariDataSource(config(settings, settings.startWait().toMillis()));
        }
    }

    /** @param initializationTimeout ms to go on trying for the first connection (Hikari's 1 = one try) */
    private static HikariConfig config(DatabaseSettings settings, long initializationTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        // The WAR's class loader, not the container's: that is where the drivers are.
        config.setDriverClassName(driverFor(settings));
        config.setInitializationFailTimeout(initializationTimeout);
        return config;
    }

    static void close(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.close();
        }
    }

    private static String driverFor(DatabaseSettings settings) {
        if (settings.isPostgres()) {
            return "org.postgresql.Driver";
        }
        if (settings.isH2()) {
            return "org.h2.Driver";
        }
        throw new IllegalArgumentException("Parley supports H2 and PostgreSQL, not " + settings.describe());
    }
}
