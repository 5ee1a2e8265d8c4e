package dev.parley.chat.auth;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Set;

/**
 * The session cookie's flags, set in code so every container applies the same ones: HttpOnly (scripts
 * cannot read it), SameSite=Lax (other sites cannot post with it), and no session ids in URLs.
 * Secure is left to the container, which sets it on cookies issued over HTTPS (Payara does so by
 * default); {@code parley.session.cookie-secure=true} forces it, for TLS ended at a proxy.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        var config = ConfigProvider.getConfig();
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        if (config.getOptionalValue("parley.session.cookie-secure", Boolean.class).orElse(false)) {
            cookie.setSecure(true);
        }
        context.setSessionTrackingModes(Set.of(SessionTrackingMode.COOKIE));
        context.setSessionTimeout(config.getOptionalValue("parley.session.timeout-minutes", Integer.class).orElse(480));
    }
}
