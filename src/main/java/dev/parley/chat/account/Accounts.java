package dev.parley.chat.account;

import dev.parley.chat.ChatException;
import dev.parley.chat.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creating accounts and checking their passwords. */
@ApplicationScoped
public class Accounts {

    private Database database;
    private Pbkdf2PasswordHash hash;
    private Event<AccountRenamed> renamed;
    /** Checked against when the username is unknown, so both answers take as long. */
    private String decoyHash;

    protected Accounts() {
        // for CDI proxies
    }

    @Inject
    public Accounts(Database database, Pbkdf2PasswordHash hash, Event<AccountRenamed> renamed,
                    @ConfigProperty(name = "parley.auth.pbkdf2-iterations", defaultValue = "210000") int iterations) {
        this.database = database;
        this.hash = hash;
        this.renamed = renamed;
        // OWASP's figure for PBKDF2-HMAC-SHA512; the hash string records both, so old hashes still verify.
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations)));
        this.decoyHash = hash.generate("not-a-password".toCharArray());
    }

    public AccountView create(String username, String displayName, String password, boolean admin) {
        String name = Credentials.validUsername(username);
        String shown = Credentials.validDisplayName(displayName, name);
        String passwordHash = hash.generate(Credentials.validPassword(password).toCharArray());
        try {
            return database.inTransaction(em -> {
                if (findEntity(em, name).isPresent()) {
                    throw ChatException.conflict("The username " + name + " is taken");
                }
                Account account = new Account(name, shown, passwordHash, admin, Database.now());
                em.persist(account);
                em.flush();
                return account.view();
            });
        } catch (jakarta.persistence.PersistenceException raced) {
            // Two sign-ups for one name at once: the unique constraint let one through.
            if (findByUsername(name).isPresent()) {
                throw ChatException.conflict("The username " + name + " is taken");
            }
            throw raced;
        }
    }

    /** The account, if the username exists and the password is its password. */
    public Optional<AccountView> authenticate(String username, String password) {
        Optional<Account> account = database.inTransaction(em -> findEntity(em, Credentials.normalizeUsername(username)));
        return matches(password, account.map(Account::getPasswordHash).orElse(decoyHash))
                ? account.map(Account::view) : Optional.empty();
    }

    /** Whether the password is the one hashed; an absurdly long one is no password and is not hashed. */
    private boolean matches(String password, String stored) {
        return password != null && password.length() <= Credentials.MAX_PASSWORD_LENGTH
                && hash.verify(password.toCharArray(), stored);
    }

    public Optional<AccountView> find(long id) {
        return database.inTransaction(em -> Optional.ofNullable(em.find(Account.class, id)).map(Account::view));
    }

    public Optional<AccountView> findByUsername(String username) {
        String name = Credentials.normalizeUsername(username);
        return database.inTransaction(em -> findEntity(em, name).map(Account::view));
    }

    /**
     * Sets the password, whatever it was (an administrator's reset, the demo's): every sign-in made with the
     * old one ends, since its tokens name the credentials version this raises.
     */
    public void setPassword(long id, String password) {
        String passwordHash = hash.generate(Credentials.validPassword(password).toCharArray());
        database.inTransaction(em -> {
            Account account = em.find(Account.class, id);
            if (account == null) {
                throw ChatException.notFound("No account " + id);
            }
            account.changePassword(passwordHash);
            return null;
        });
    }

    /**
     * The holder's own change: sets {@code next} only if {@code current} is the password now, and says
     * whether it did. {@code next} is checked first, so a bad one is refused whatever {@code current} is.
     */
    public boolean changePassword(long id, String current, String next) {
        String nextHash = hash.generate(Credentials.validPassword(next).toCharArray());
        String stored = database.inTransaction(em -> Optional.ofNullable(em.find(Account.class, id))
                .map(Account::getPasswordHash).orElse(null));
        if (stored == null) {
            throw ChatException.notFound("No account " + id);
        }
        if (!matches(current, stored)) {
            return false;
        }
        return database.inTransaction(em -> {
            Account account = em.find(Account.class, id);
            // changed by someone else since it was checked: the password given is no longer the current one
            if (account == null || !account.getPasswordHash().equals(stored)) {
                return false;
            }
            account.changePassword(nextHash);
            return true;
        });
    }

    /**
     * Sets the name others see; an empty one is the username again. Once it is committed, {@link AccountRenamed}
     * tells whatever holds a copy of the account. Returns the account as it now is.
     */
    public AccountView rename(long id, String displayName) {
        AccountView now = database.inTransaction(em -> {
            Account account = em.find(Account.class, id);
            if (account == null) {
                throw ChatException.notFound("No account " + id);
            }
            account.rename(Credentials.validDisplayName(displayName, account.getUsername()));
            return account.view();
        });
        // told even when unchanged: an instance's copy of the old name may be stale
        renamed.fire(new AccountRenamed(now));
        return now;
    }

    /** The count of password changes that a token issued now must name. */
    public int credentialsVersion(long id) {
        return database.inTransaction(em -> Optional.ofNullable(em.find(Account.class, id))
                .map(Account::getCredentialsVersion).orElse(0));
    }

    /** The account, if it exists and its password has not changed since {@code version} was current. */
    public Optional<AccountView> findAtVersion(long id, int version) {
        return database.inTransaction(em -> Optional.ofNullable(em.find(Account.class, id))
                .filter(account -> account.getCredentialsVersion() == version).map(Account::view));
    }

    /** Called by the realtime layer when a user's last socket disconnects. */
    public void markSeen(long id, Instant at) {
        database.inTransaction(em -> {
            Account account = em.find(Account.class, id);
            if (account != null) {
                account.setLastSeenAt(at);
            }
            return null;
        });
    }

    public Optional<Instant> lastSeenAt(long id) {
        return database.inTransaction(em -> Optional.ofNullable(em.find(Account.class, id)).map(Account::getLastSeenAt));
    }

    private static Optional<Account> findEntity(jakarta.persistence.EntityManager em, String username) {
        List<Account> found = em.createQuery("SELECT a FROM Account a WHERE a.username = :name", Account.class)
                .setParameter("name", username)
                .getResultList();
        return found.stream().findFirst();
    }
}
