package dev.parley.chat.account;

import dev.parley.chat.ChatError;
import dev.parley.chat.ChatException;
import dev.parley.chat.ChatFixture;
import dev.parley.chat.OnEveryBackend;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountsIT extends OnEveryBackend {

    @Test
    void theRightPasswordSignsInAndTheWrongOneDoesNot() {
        String name = ChatFixture.unique("user");
        AccountView created = chat.accounts.create(name, "Someone", "right password", false);

        assertEquals(Optional.of(created), chat.accounts.authenticate(name.toUpperCase(), "right password"));
        assertEquals(Optional.empty(), chat.accounts.authenticate(name, "wrong password"));
        assertEquals(Optional.empty(), chat.accounts.authenticate(ChatFixture.unique("nobody"), "right password"));
        assertEquals(Optional.empty(), chat.accounts.authenticate(name, null));
    }

    @Test
    void aPasswordChangesOnlyWithTheCurrentOneAndEachChangeRaisesTheCredentialsVersion() {
        String name = ChatFixture.unique("changer");
        AccountView created = chat.accounts.create(name, null, "first password", false);
        assertEquals(0, chat.accounts.credentialsVersion(created.id()));

        assertFalse(chat.accounts.changePassword(created.id(), "not the first", "second password"));
        assertThrows(ChatException.class, () -> chat.accounts.changePassword(created.id(), "first password", "short"));
        assertEquals(0, chat.accounts.credentialsVersion(created.id()), "refused changes change nothing");
        assertEquals(Optional.of(created), chat.accounts.authenticate(name, "first password"));

        assertTrue(chat.accounts.changePassword(created.id(), "first password", "second password"));
        assertEquals(1, chat.accounts.credentialsVersion(created.id()));
        assertEquals(Optional.empty(), chat.accounts.authenticate(name, "first password"));
        assertEquals(Optional.of(created), chat.accounts.authenticate(name, "second password"));
        assertEquals(Optional.empty(), chat.accounts.findAtVersion(created.id(), 0), "a token of before names version 0");
        assertEquals(Optional.of(created), chat.accounts.findAtVersion(created.id(), 1));

        chat.accounts.setPassword(created.id(), "set by an admin"); // a reset needs no current password
        assertEquals(2, chat.accounts.credentialsVersion(created.id()));
        assertEquals(Optional.of(created), chat.accounts.authenticate(name, "set by an admin"));
    }

    @Test
    void aRenameIsStoredAndToldOnceCommittedAndARefusedOneIsNeither() {
        AccountView account = chat.someone();
        int before = chat.renamed.size();

        assertThrows(ChatException.class, () -> chat.accounts.rename(account.id(), "x".repeat(65)));
        assertThrows(ChatException.class, () -> chat.accounts.rename(account.id(), "tab\tin it"));
        assertEquals(ChatError.NOT_FOUND, assertThrows(ChatException.class,
                () -> chat.accounts.rename(Long.MAX_VALUE, "Nobody")).error());
        assertEquals(before, chat.renamed.size(), "nothing refused is told");
        assertEquals(account.displayName(), chat.accounts.find(account.id()).orElseThrow().displayName());

        AccountView renamed = chat.accounts.rename(account.id(), "  Someone Else ");
        assertEquals("Someone Else", renamed.displayName());
        assertEquals(renamed, chat.accounts.find(account.id()).orElseThrow(), "stored");
        assertEquals(new AccountRenamed(renamed), chat.renamed.get(chat.renamed.size() - 1));
        assertEquals(account.username(), chat.accounts.rename(account.id(), "").displayName(), "empty: the username");
    }

    @Test
    void onlyAPbkdf2HashIsStored() throws SQLException {
        String name = ChatFixture.unique("hashed");
        chat.accounts.create(name, null, "my secret words", false);
        try (Connection c = chat.database.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT password_hash FROM accounts WHERE username = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                String stored = rs.getString(1);
                assertFalse(stored.contains("my secret words"));
                assertTrue(stored.startsWith("PBKDF2WithHmacSHA512:"), stored);
            }
        }
    }

    @Test
    void usernamesAreUniqueWhateverTheirCase() {
        String name = ChatFixture.unique("taken");
        chat.accounts.create(name, null, "password one", false);
        ChatException e = assertThrows(ChatException.class,
                () -> chat.accounts.create(name.toUpperCase(), null, "password two", false));
        assertEquals(ChatError.CONFLICT, e.error());
    }

    @Test
    void aNewPasswordReplacesTheOld() {
        String name = ChatFixture.unique("reset");
        AccountView account = chat.accounts.create(name, null, "first password", false);
        chat.accounts.setPassword(account.id(), "second password");
        assertTrue(chat.accounts.authenticate(name, "second password").isPresent());
        assertTrue(chat.accounts.authenticate(name, "first password").isEmpty());
    }

    @Test
    void lastSeenAtIsStoredToTheMillisecond() {
        AccountView account = chat.someone();
        assertEquals(Optional.empty(), chat.accounts.lastSeenAt(account.id()));
        Instant seen = Instant.parse("2026-03-04T05:06:07.891Z");
        chat.accounts.markSeen(account.id(), seen);
        assertEquals(Optional.of(seen), chat.accounts.lastSeenAt(account.id()));
    }

    @Test
    void findsByIdAndByName() {
        AccountView account = chat.someone();
        assertEquals(Optional.of(account), chat.accounts.find(account.id()));
        assertEquals(Optional.of(account), chat.accounts.findByUsername(" " + account.username().toUpperCase()));
        assertEquals(Optional.empty(), chat.accounts.find(Long.MAX_VALUE));
    }
}
