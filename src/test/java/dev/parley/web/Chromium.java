package dev.parley.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven by Playwright for Java. Playwright's own browser download
 * cannot work on these machines (no network but the package registries), so the driver is told
 * not to try, and the system browser is launched instead. A missing browser is a test failure
 * with instructions, never a skip.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of(System.getProperty("parley.chromium", "/usr/bin/chromium"));

    /** Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses. */
    private static final List<String> FLAGS = List.of(
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("No Chromium at " + EXECUTABLE
                    + ": the browser tests need Debian's chromium (apt-get install chromium),"
                    + " or -Dparley.chromium=/path/to/chrome");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(FLAGS));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
