package dev.parley.chat.demo;

import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.Accounts;
import dev.parley.chat.message.MessageStore;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.room.RoomView;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The demo run's rooms ({@code general}, {@code support}, {@code announcements}) and people
 * ({@code alice}, {@code bob}, {@code admin}). Passwords are generated and printed once, when the accounts
 * are created; start with {@code parley.demo.reset-passwords=true} to print new ones.
 * {@code parley.demo.password} gives them all one known password instead (tests, presentations).
 * Switched by {@code parley.demo.enabled}: on in the default run, off in production.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
    private static final List<String> ROOMS = List.of("general", "support", "announcements");
    private static final List<DemoUser> USERS = List.of(
            new DemoUser("alice", "Alice", false),
            new DemoUser("bob", "Bob", false),
            new DemoUser("admin", "Administrator", true));
    /** No look-alike characters: people type these from a log. */
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private record DemoUser(String username, String displayName, boolean admin) {
    }

    @Inject
    @ConfigProperty(name = "parley.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "parley.demo.password")
    Optional<String> fixedPassword;

    @Inject
    @ConfigProperty(name = "parley.demo.reset-passwords", defaultValue = "false")
    boolean resetPasswords;

    @Inject
    Accounts accounts;

    @Inject
    RoomDirectory rooms;

    @Inject
    MessageStore messages;

    private final SecureRandom random = new SecureRandom();

    void seed(@Observes @Priority(Interceptor.Priority.APPLICATION + 500) @Initialized(ApplicationScoped.class)
              Object started) {
        if (!enabled) {
            return;
        }
        List<RoomView> seeded = ROOMS.stream().map(name -> rooms.ensure(name, false)).toList();
        List<String> printed = new ArrayList<>();
        for (DemoUser user : USERS) {
            String password = fixedPassword.orElseGet(this::newPassword);
            Optional<AccountView> existing = accounts.findByUsername(user.username());
            if (existing.isEmpty()) {
                AccountView created = accounts.create(user.username(), user.displayName(), password, user.admin());
                if (user.admin()) {
                    messages.append(seeded.get(0).id(), created.id(), "Welcome to Parley! Say hello.", "demo-welcome");
                }
            } else if (resetPasswords) {
                accounts.setPassword(existing.get().id(), password);
            } else {
                continue;
            }
            printed.add(String.format("  %-6s / %s%s", user.username(),
                    fixedPassword.isPresent() ? "(the value of parley.demo.password)" : password,
                    user.admin() ? "   (administrator)" : ""));
        }
        if (!printed.isEmpty()) {
            LOG.info(banner(printed));
        }
    }

    private String newPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private static String banner(List<String> lines) {
        String rule = "=".repeat(72);
        return "\n" + rule + "\n  Parley demo accounts (printed only when their passwords are set)\n\n"
                + String.join("\n", lines)
                + "\n\n  Lost them? Restart with -Dparley.demo.reset-passwords=true (or env\n"
                + "  PARLEY_DEMO_RESET_PASSWORDS=true) to print new ones, or delete ./data/ to start afresh.\n"
                + rule;
    }
}
