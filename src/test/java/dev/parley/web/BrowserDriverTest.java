package dev.parley.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Feasibility of the browser tests on this machine: Playwright for Java starts Debian's headless
 * Chromium without downloading anything, loads the built page (served by {@link StaticSite} with
 * canned sign-in answers, not by Parley) and takes screenshots. The chat's end-to-end tests run
 * the same way against Parley on Payara Micro.
 */
class BrowserDriverTest {

    private static final Path PAGE = Path.of(System.getProperty("parley.frontend.out", "target/frontend"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static StaticSite site;
    private static Chromium chromium;

    @BeforeAll
    static void start() {
        // -Dskip.frontend builds no page; that is the one case where there is nothing to look at.
        assumeFalse(Boolean.getBoolean("skip.frontend"), "built with -Dskip.frontend: no page to test");
        assertTrue(Files.isRegularFile(PAGE.resolve("index.html")),
                "No built page in " + PAGE + ": run the Maven build (npm ci + vite build) first");
        site = new StaticSite(PAGE, Map.of(
                "GET /api/me", new StaticSite.Answer(401, "{\"error\":\"Unauthorized\"}"),
                "GET /api/auth/config", new StaticSite.Answer(200, "{\"signup\":false}"),
                "POST /api/auth/login", new StaticSite.Answer(401, "{\"error\":\"Unauthorized\"}")));
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (site != null) site.close();
    }

    @Test
    void signedOutVisitorSeesTheSignInFormAndNoSignUpWhenTheServerHasItOff() {
        try (BrowserContext context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 800))) {
            Page page = context.newPage();
            page.navigate(site.url());

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Parley"))).isVisible();
            assertThat(page.getByText("Create an account")).hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("driver-sign-in.png")));
        }
    }

    @Test
    void wrongPasswordIsReportedOnTheFormAtMobileWidth() {
        try (BrowserContext context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(390, 780))) {
            Page page = context.newPage();
            page.navigate(site.url());

            page.getByLabel("User name").fill("alice");
            page.getByLabel("Password").fill("not-her-password");
            page.getByLabel("Password").press("Enter");

            assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong user name or password.");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("driver-sign-in-error-mobile.png")));
        }
    }
}
