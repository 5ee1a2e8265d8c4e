package dev.parley.chat.storage;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The chat database: a pool, a migrated schema, and units of work that commit before they return.
 *
 * <p>Open it once per application ({@code dev.parley.chat.ChatStorage} does in the container, tests do directly).
 * Every {@link #inTransaction} call gets its own {@link EntityManager}, so the class is thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    /** How long {@link #check} lets the driver take to confirm a connection it got from the pool. */
    private static final int CHECK_VALIDITY_SECONDS = 2;

    /** Providers tried in this order when none is configured: Payara's, then WildFly's. */
    private static final List<String> KNOWN_PROVIDERS = List.of(
            "org.eclipse.persistence.jpa.PersistenceProvider",
            "org.hibernate.jpa.HibernatePersistenceProvider");

    private final DatabaseSettings settings;
    private final DataSource dataSource;
    private final EntityManagerFactory factory;
    /** Runs {@link #check}'s connection attempts, one at a time. */
    private final ExecutorService checks = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "parley-database-check");
        thread.setDaemon(true);
        return thread;
    });
    /** The connection attempt under way or last made; guarded by this. */
    private CompletableFuture<Void> lastCheck;

    private Database(DatabaseSettings settings, DataSource dataSource, EntityManagerFactory factory) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.factory = factory;
    }

    /**
     * Opens the pool, migrates the schema, then starts JPA on it.
     *
     * @param providerClassName a JPA provider class, or empty to use the container's
     */
    public static Database open(DatabaseSettings settings, Optional<String> providerClassName,
                                List<Class<?>> entities) {
        DataSource dataSource = ConnectionPool.open(settings);
        try {
            Migrations.migrate(dataSource);
            PersistenceProvider provider = provider(providerClassName);
            var unit = new ChatPersistenceUnit(provider.getClass().getName(), dataSource, entities);
            EntityManagerFactory factory = provider.createContainerEntityManagerFactory(unit, Map.of(
                    // No build-time or load-time weaving: lazy to-one fetching is not worth an agent.
                    "eclipselink.weaving", "false",
                    // Our own transactions, never the server's JTA.
                    "eclipselink.target-server", "None",
                    "eclipselink.logging.logger", "JavaLogger",
                    // Without weaving EclipseLink warns at each start that lazy to-one fields load eagerly.
                    "eclipselink.logging.level.metadata", "SEVERE",
                    // A group commit's inserts go to the database as one JDBC batch, not a round trip each.
                    "eclipselink.jdbc.batch-writing", "JDBC",
                    "hibernate.jdbc.batch_size", "64",
                    "jakarta.persistence.schema-generation.database.action", "none"));
            LOG.info(() -> "Parley database " + settings.describe() + " open with "
                    + provider.getClass().getName());
            return new Database(settings, dataSource, factory);
        } catch (RuntimeException e) {
            ConnectionPool.close(dataSource);
            throw e;
        }
    }

    /** Runs {@code work} in one transaction and commits it before returning its result. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /**
     * As {@link #inTransaction}, run once more if the database refused it: for work that finds or creates a
     * row, which two tabs may create at once; the unique key lets one through, and the other then finds it.
     */
    public <T> T inTransactionOrOnceMore(Function<EntityManager, T> work) {
        try {
            return inTransaction(work);
        } catch (PersistenceException raced) {
            return inTransaction(work);
        }
    }

    /**
     * Returns once a connection from the pool has passed the driver's validity check, or throws: the database's
     * refusal, or a {@link TimeoutException} after {@code timeout}. One attempt runs at a time and a caller
     * that comes while it runs waits for it: health probes every few seconds against a database that does not
     * answer would otherwise pile up threads, each waiting the pool's 30 s for a connection.
     */
    public void check(Duration timeout) throws SQLException, TimeoutException {
        CompletableFuture<Void> attempt;
        synchronized (this) {
            if (lastCheck == null || lastCheck.isDone()) {
                lastCheck = CompletableFuture.runAsync(this::connect, checks);
            }
            attempt = lastCheck;
        }
        try {
            attempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException refused ? refused : new SQLException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the database");
        }
    }

    private void connect() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(CHECK_VALIDITY_SECONDS)) {
                throw new SQLException("the driver found the connection not valid");
            }
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    /** Now, at the precision both databases keep, so a value reads back exactly as it was written. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        checks.shutdownNow();
        try {
            factory.close();
        } finally {
            ConnectionPool.close(dataSource);
        }
    }

    private static PersistenceProvider provider(Optional<String> configured) {
        if (configured.isPresent()) {
            return instantiate(configured.get());
        }
        List<PersistenceProvider> found = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                .getPersistenceProviders();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        for (String name : KNOWN_PROVIDERS) {
            try {
                return instantiate(name);
            } catch (IllegalStateException notHere) {
                // try the next one
            }
        }
        throw new IllegalStateException("No JPA provider found; set parley.jpa.provider");
    }

    private static PersistenceProvider instantiate(String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(className, true, loader != null ? loader : Database.class.getClassLoader());
            return (PersistenceProvider) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("JPA provider " + className + " not available", e);
        }
    }
}
