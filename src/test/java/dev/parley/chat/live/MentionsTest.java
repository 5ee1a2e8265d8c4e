package dev.parley.chat.live;

import dev.parley.chat.account.AccountView;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MentionsTest {

    private static final AccountView CAROL = new AccountView(7, "carol.ng", "Carol Ng", false);
    private static final AccountView EMILE = new AccountView(8, "emile", "Émile Zoë", false);

    @Test
    void aUsernameOrTheDisplayNameIsAMentionInAnyCase() {
        assertTrue(Mentions.in("hi @carol.ng").of(CAROL));
        assertTrue(Mentions.in("@CAROL.NG, lunch?").of(CAROL));
        assertTrue(Mentions.in("hi @Carol Ng, lunch?").of(CAROL), "a display name with a space");
        assertTrue(Mentions.in("(@carol ng)").of(CAROL));
        assertTrue(Mentions.in("ask @émile zoë").of(EMILE), "letters of any script");
        assertFalse(Mentions.in("ask @Carol Ng").of(EMILE));
    }

    @Test
    void aNameRunningOnIntoALongerWordOrInsideAnAddressIsNone() {
        assertFalse(Mentions.in("hi @Carol Nguyen").of(CAROL));
        assertFalse(Mentions.in("hi @Carol Ng-Smith").of(CAROL));
        assertFalse(Mentions.in("hi @carol.ngx and @@Carol Ng").of(CAROL));
        assertNull(Mentions.in("write to carol.ng@example.com"), "an address starts no mention");
        assertNull(Mentions.in("no at sign at all"));
        assertFalse(Mentions.in("@someone else, not carol.ng@example.com").of(CAROL));
    }
}
