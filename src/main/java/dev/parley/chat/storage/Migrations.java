package dev.parley.chat.storage;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.logging.Logger;

/** Brings the schema up to date with Flyway before anything else touches the database. */
final class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    static void migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // A database someone already filled by hand is a mistake to report, not to adopt.
                .baselineOnMigrate(false)
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Parley schema at version " + currentVersion(result)
                + " (" + result.migrationsExecuted + " migration(s) applied now)");
    }

    private static String currentVersion(MigrateResult result) {
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }
}
