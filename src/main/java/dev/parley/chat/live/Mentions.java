package dev.parley.chat.live;

import dev.parley.chat.account.AccountView;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The @mentions in a message's text: {@code @username}, or {@code @} and the display name people see, which
 * may hold spaces and letters of any script. The page highlights the same two forms (its {@code mentions}).
 */
final class Mentions {

    private static final Pattern USERNAME = Pattern.compile("(?<![\\w@])@([A-Za-z0-9_.-]{1,64})");

    private final String text;
    private final Set<String> usernames = new HashSet<>();

    private Mentions(String text) {
        this.text = text;
        Matcher matcher = USERNAME.matcher(text);
        while (matcher.find()) {
            usernames.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The mentions in {@code text}; null when no {@code @} in it can start one (none at all, or only inside
     * words and addresses), the common case, found without a regular expression.
     */
    static Mentions in(String text) {
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (starts(text, at)) {
                return new Mentions(text);
            }
        }
        return null;
    }

    boolean of(AccountView member) {
        return usernames.contains(member.username().toLowerCase(Locale.ROOT)) || names(member.displayName());
    }

    /** {@code @name}, not inside a word or an address before it, nor running on into a longer word after it. */
    private boolean names(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int end = at + 1 + name.length();
            if (starts(text, at)
                    && text.regionMatches(true, at + 1, name, 0, name.length())
                    && (end == text.length() || !(word(text.charAt(end)) || text.charAt(end) == '-'))) {
                return true;
            }
        }
        return false;
    }

    private static boolean starts(String text, int at) {
        return at == 0 || !(word(text.charAt(at - 1)) || text.charAt(at - 1) == '@');
    }

    private static boolean word(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
