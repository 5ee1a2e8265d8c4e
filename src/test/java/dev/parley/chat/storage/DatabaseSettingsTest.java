package dev.parley.chat.storage;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseSettingsTest {

    @Test
    void thePasswordNeverShowsInTextForm() {
        var settings = new DatabaseSettings("jdbc:postgresql://db:5432/parley?password=hunter2", "parley", "hunter2", 5);
        assertFalse(settings.toString().contains("hunter2"), settings.toString());
        assertEquals("jdbc:postgresql://db:5432/parley", settings.describe());
    }

    @Test
    void theDatabaseKindComesFromTheUrl() {
        assertTrue(new DatabaseSettings(DatabaseSettings.DEFAULT_URL, null, null, 1).isH2());
        assertTrue(new DatabaseSettings("jdbc:postgresql://localhost/p", "", "", 1).isPostgres());
        assertEquals("jdbc:h2:file:./data/parley", new DatabaseSettings("jdbc:h2:file:./data/parley;MODE=X", "", "", 1).describe());
    }

    @Test
    void anH2FileWritesEachCommitThroughAndStaysOpenUntilTheAppClosesItUnlessTheUrlSaysOtherwise() {
        assertEquals("jdbc:h2:file:./data/parley;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                new DatabaseSettings(DatabaseSettings.DEFAULT_URL, "", "", 1).jdbcUrl());
        assertEquals("jdbc:h2:file:/srv/p;MODE=PostgreSQL;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                new DatabaseSettings("jdbc:h2:file:/srv/p;MODE=PostgreSQL", "", "", 1).jdbcUrl());
        assertEquals("jdbc:h2:./p;write_delay=200;DB_CLOSE_ON_EXIT=FALSE",
                new DatabaseSettings("jdbc:h2:./p;write_delay=200", "", "", 1).jdbcUrl());
        assertEquals("jdbc:h2:./p;db_close_on_exit=true;WRITE_DELAY=0",
                new DatabaseSettings("jdbc:h2:./p;db_close_on_exit=true", "", "", 1).jdbcUrl());
        assertEquals("jdbc:h2:tcp://db/p;WRITE_DELAY=0", new DatabaseSettings("jdbc:h2:tcp://db/p", "", "", 1).jdbcUrl());
        assertEquals("jdbc:h2:mem:t", new DatabaseSettings("jdbc:h2:mem:t", "", "", 1).jdbcUrl());
        assertEquals("jdbc:postgresql://db/p", new DatabaseSettings("jdbc:postgresql://db/p", "", "", 1).jdbcUrl());
    }

    @Test
    void onlyAnEmbeddedH2FileCommitsInThisProcess() {
        assertTrue(new DatabaseSettings(DatabaseSettings.DEFAULT_URL, "", "", 1).commitsInProcess());
        assertTrue(new DatabaseSettings("jdbc:h2:./p;MODE=PostgreSQL", "", "", 1).commitsInProcess());
        assertFalse(new DatabaseSettings("jdbc:h2:mem:t", "", "", 1).commitsInProcess());
        assertFalse(new DatabaseSettings("jdbc:h2:tcp://db/p", "", "", 1).commitsInProcess());
        assertFalse(new DatabaseSettings("jdbc:postgresql://db/p", "", "", 1).commitsInProcess());
    }

    @Test
    void onlyADatabaseAnotherProcessServesIsWaitedFor() {
        assertTrue(new DatabaseSettings("jdbc:postgresql://db/p", "", "", 1).isServer());
        assertTrue(new DatabaseSettings("jdbc:h2:tcp://db/p", "", "", 1).isServer());
        assertFalse(new DatabaseSettings(DatabaseSettings.DEFAULT_URL, "", "", 1).isServer());
        assertFalse(new DatabaseSettings("jdbc:h2:mem:t", "", "", 1).isServer());
    }

    @Test
    void nonsenseIsRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings("postgres://x", "", "", 1));
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings(DatabaseSettings.DEFAULT_URL, "", "", 0));
        assertThrows(IllegalArgumentException.class,
                () -> new DatabaseSettings(DatabaseSettings.DEFAULT_URL, "", "", 1, Duration.ofSeconds(-1)));
    }

    @Test
    void onlyH2AndPostgresqlHaveADriver() {
        var settings = new DatabaseSettings("jdbc:mysql://localhost/p", "", "", 1);
        assertThrows(IllegalArgumentException.class, () -> ConnectionPool.open(settings));
    }
}
