package dev.parley.chat.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

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

    private ConnectionPool() {
    }

    static HikariDataSource open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        // The WAR's class loader, not the container's: that is where the drivers are.
        config.setDriverClassName(driverFor(settings));
        return new HikariDataSource(config);
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
