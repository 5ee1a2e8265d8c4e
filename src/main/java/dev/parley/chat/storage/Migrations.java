package dev.parley.chat.storage;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Brings the schema up to date with Flyway before anything else touches the database: the migrations both
 * databases share ({@code db/migration}), then those of this one ({@code db/h2} or {@code db/postgresql}),
 * numbered in one sequence.
 */
final class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    static void migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/" + vendor(dataSource))
                // A database someone already filled by hand is a mistake to report, not to adopt.
                .baselineOnMigrate(false)
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Parley schema at version " + currentVersion(result)
                + " (" + result.migrationsExecuted + " migration(s) applied now)");
    }

    private static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? "postgresql" : "h2";
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database " + dataSource + " is", e);
        }
    }

    private static String currentVersion(MigrateResult result) {
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }
}
