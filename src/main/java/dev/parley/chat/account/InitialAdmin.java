package dev.parley.chat.account;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The first administrator of a production install, where there is no demo data and no open sign-up:
 * when {@code parley.admin.password} (env {@code PARLEY_ADMIN_PASSWORD}) is set and no account named
 * {@code parley.admin.username} (default {@code admin}) exists, it is created at start-up. An existing
 * account is never touched, so the variable can stay set.
 */
@ApplicationScoped
public class InitialAdmin {

    private static final Logger LOG = Logger.getLogger(InitialAdmin.class.getName());

    @Inject
    @ConfigProperty(name = "parley.admin.username", defaultValue = "admin")
    String username;

    @Inject
    @ConfigProperty(name = "parley.admin.password")
    Optional<String> password;

    @Inject
    Accounts accounts;

    void create(@Observes @Priority(Interceptor.Priority.APPLICATION + 400) @Initialized(ApplicationScoped.class)
                Object started) {
        if (password.isEmpty() || accounts.findByUsername(username).isPresent()) {
            return;
        }
        AccountView admin = accounts.create(username, "Administrator", password.get(), true);
        LOG.info(() -> "Created the administrator account '" + admin.username() + "' from parley.admin.password");
    }
}
