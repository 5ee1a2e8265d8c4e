package dev.parley.chat.storage;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the chat database is, how many connections to keep to it, and how long to wait at start-up for a
 * database server that does not answer yet.
 *
 * <p>The default URL is an H2 file relative to the working directory, so a plain
 * {@code java -jar payara-micro.jar --deploy parley.war} keeps its data across restarts.
 * Production points {@code parley.db.url} (env {@code PARLEY_DB_URL}) at PostgreSQL.
 */
public record DatabaseSettings(String url, String user, String password, int poolSize, Duration startWait) {

    public static final String DEFAULT_URL = "jdbc:h2:file:./data/parley";

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("parley.db.url must be a JDBC URL, got: " + url);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 1) {
            throw new IllegalArgumentException("parley.db.pool-size must be at least 1, got: " + poolSize);
        }
        if (startWait == null || startWait.isNegative()) {
            throw new IllegalArgumentException("parley.db.start-wait must be zero or more, got: " + startWait);
        }
    }

    /** Settings that give up at once if the database does not answer. */
    public DatabaseSettings(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, Duration.ZERO);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /**
     * Whether a commit is written by this process itself: an embedded H2 file, where each commit costs the
     * server a few hundred microseconds of CPU (H2 writes a new chunk of every changed page), unlike a
     * database server's commit, which is that server's work while this one waits.
     */
    public boolean commitsInProcess() {
        return isH2() && !isH2InMemory() && !isServer();
    }

    /**
     * Whether another process serves the database, one that may not be up yet when Parley starts (a compose
     * file or an orchestrator starts both at once). An embedded H2 file is there or never will be.
     */
    public boolean isServer() {
        return isPostgres() || url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:");
    }

    private boolean isH2InMemory() {
        return url.startsWith("jdbc:h2:mem:");
    }

    /**
     * The URL the pool connects with. An H2 database kept in a file gets two options (one if a server process keeps it) unless the URL sets its own:
     * <ul>
     * <li>{@code WRITE_DELAY=0}: H2's default keeps committed changes in memory for up to a second before they
     * reach the file, so a process killed in that second (a crash, {@code kill -9}, the OOM killer) lost
     * messages whose senders had their ack. With it, a commit is in the file (the OS's cache) when it returns;
     * only a power loss can still take the last ones, as H2 does not sync the disk per commit (PostgreSQL does).
     * <li>{@code DB_CLOSE_ON_EXIT=FALSE}, embedded: H2's own shutdown hook closed the database while the container was
     * still undeploying Parley, so the last commits of a stopping server (messages in a commit group, last-seen
     * times) failed with "database is already closed". Closing the pool at undeploy closes the database.
     * </ul>
     */
    public String jdbcUrl() {
        if (!isH2() || isH2InMemory()) {
            return url;
        }
        String writeThrough = withH2Option(url, "WRITE_DELAY", "0");
        return commitsInProcess() ? withH2Option(writeThrough, "DB_CLOSE_ON_EXIT", "FALSE") : writeThrough;
    }

    private static String withH2Option(String url, String name, String value) {
        return url.toUpperCase(Locale.ROOT).contains(";" + name + "=") ? url : url + ";" + name + "=" + value;
    }

    /** The URL without credentials or options, safe for a log line. */
    public String describe() {
        int options = url.indexOf(url.startsWith("jdbc:h2:") ? ';' : '?');
        return options < 0 ? url : url.substring(0, options);
    }

    @Override
    public String toString() {
        // Never let the password reach a log line through toString().
        return "DatabaseSettings[" + describe() + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
