package dev.parley.chat.rest;

import dev.parley.it.NginxProxy;
import dev.parley.it.NodeScript;
import dev.parley.it.ParleyWar;
import dev.parley.it.ServerContract;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.parley.chat.rest.ChatDeployments.DEMO_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing in and out over real HTTP, on the default (demo) configuration: H2 file, sign-up on. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthApiIT extends ServerContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        // the tests' own address stands for a reverse proxy on this machine: none of the others send its headers
        return ChatDeployments.onFreshH2(Map.of("parley.trusted-proxies", "127.0.0.1, ::1")).addClasses(SessionEndedRecorder.class, SessionProbeServlet.class,
                UpgradeProbeServlet.class);
    }

    @Test
    void jsonLoginStartsASessionWithAnHttpOnlySameSiteLaxCookie() {
        ApiClient alice = new ApiClient(base());
        ApiClient.Reply reply = alice.login("alice", DEMO_PASSWORD);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals("alice", reply.object().getString("username"));
        String cookie = sessionCookie(reply);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        assertFalse(cookie.toLowerCase().contains("secure"), "plain HTTP: no Secure flag: " + cookie);
    }

    @Test
    void meAnswersWhoTheSessionBelongsTo() {
        ApiClient bob = new ApiClient(base());
        bob.login("BOB", DEMO_PASSWORD);

        JsonObject me = bob.get("api/me").object();
        assertEquals("bob", me.getString("username"));
        assertEquals("Bob", me.getString("displayName"));
        assertFalse(me.getBoolean("admin"));
        assertTrue(new ApiClient(base()).withBearer(null).login("admin", DEMO_PASSWORD).object().getBoolean("admin"));
    }

    @Test
    void wrongPasswordIs401WithAJsonErrorAndNoSession() {
        ApiClient stranger = new ApiClient(base());
        ApiClient.Reply reply = stranger.login("alice", "not-her-password");

        assertEquals(401, reply.status());
        assertEquals("Unauthorized", reply.object().getString("error"));
        assertEquals(List.of(), reply.setCookies());
        assertEquals(401, stranger.get("api/me").status());
    }

    @Test
    void unknownUserIsRefusedLikeAWrongPassword() {
        ApiClient.Reply reply = new ApiClient(base()).login("nobody-here", DEMO_PASSWORD);
        assertEquals(401, reply.status());
        assertEquals("Wrong username or password", reply.object().getString("message"));
    }

    /**
     * Password guessing: five wrong passwords in a row for one name, then that name must wait (429 with
     * Retry-After, even with the right password, which is not even checked), longer after each failure;
     * the right password once the wait is over clears the count. Other names are not held back.
     */
    @Test
    void repeatedWrongPasswordsForOneNameAreHeldBackWithGrowingWaits() throws InterruptedException {
        String name = "guess-" + System.nanoTime();
        ApiClient guesser = new ApiClient(base());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, guesser.login(name, "guess " + i).status());
        }
        ApiClient.Reply held = guesser.login(name, "guess 5");
        assertEquals(429, held.status());
        assertEquals("RateLimited", held.object().getString("error"));
        assertEquals("1", held.raw().headers().firstValue("Retry-After").orElseThrow());
        assertEquals(401, new ApiClient(base()).login("nobody-else", "x").status(), "another name goes on");

        Thread.sleep(1_100);
        assertEquals(401, guesser.login(name, "guess 6").status(), "one more try after the wait");
        assertEquals("2", guesser.login(name, "guess 7").raw().headers().firstValue("Retry-After").orElseThrow());
        assertEquals(429, new ApiClient(base()).post("api/auth/token", Json.createObjectBuilder()
                .add("username", name).add("password", "guess 8").build()).status(), "tokens for a password too");
    }

    /**
     * Behind a reverse proxy every sign-in comes from the proxy's address: the throttle holds back the client the
     * proxy names (X-Forwarded-For), so one user's typos do not hold back a colleague typing the same name, and
     * the page the proxy serves may post the sign-in form (its Origin is this server's by X-Forwarded-Host).
     */
    @Test
    void behindATrustedProxyTheThrottleHoldsBackTheClientNotTheProxy() {
        String name = "proxied-" + System.nanoTime();
        ApiClient guesser = new ApiClient(base()).withHeader("X-Forwarded-For", "203.0.113.7");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, guesser.login(name, "guess " + i).status());
        }
        assertEquals(429, guesser.login(name, "guess 5").status());
        ApiClient colleague = new ApiClient(base()).withHeader("X-Forwarded-For", "203.0.113.8");
        assertEquals(401, colleague.login(name, "a typo").status(), "another client behind the same proxy goes on");

        ApiClient page = new ApiClient(base()).withHeader("X-Forwarded-For", "203.0.113.9")
                .withHeader("X-Forwarded-Host", "chat.example").withHeader("Origin", "https://chat.example");
        ApiClient.Reply form = page.postRaw("api/auth/login", "application/x-www-form-urlencoded",
                "username=alice&password=" + DEMO_PASSWORD);
        assertEquals(303, form.status(), form.toString());
        assertFalse(form.header("location").orElseThrow().contains("login="), "signed in: " + form.header("location"));
        ApiClient.Reply foreign = new ApiClient(base()).withHeader("Origin", "https://chat.example")
                .postRaw("api/auth/login", "application/x-www-form-urlencoded", "username=alice&password=" + DEMO_PASSWORD);
        assertEquals(403, foreign.status(), "the same Origin without the proxy's word is another site");
    }

    /**
     * The chat behind a real nginx configured with README's lines: the stock socket.io-client signs in with a
     * cookie and with a token, connects over WebSocket and over polling, and its messages are acked and
     * broadcast, all through the proxy.
     */
    @Test
    void theChatWorksBehindNginxConfiguredAsTheReadmeSays() throws Exception {
        try (NginxProxy nginx = NginxProxy.start(base())) {
            String through = nginx.through(base()).toString();
            JsonObject auth = NodeScript.observe(Duration.ofSeconds(60), "scenarios/chat.mjs", through, DEMO_PASSWORD,
                    "authentication");
            assertEquals("connected", auth.getString("websocket"), auth.toString());
            assertEquals("connected", auth.getString("polling"), auth.toString());
            assertEquals("connected", auth.getString("token"), auth.toString());
            assertEquals("Unauthorized", auth.getString("noCookie"));
            JsonObject messages = NodeScript.observe(Duration.ofSeconds(60), "scenarios/chat.mjs", through,
                    DEMO_PASSWORD, "messages");
            assertTrue(messages.getJsonObject("first").getBoolean("ok"), messages.toString());
            assertEquals(2, messages.getJsonArray("bobGot").size(), messages.toString());
            assertTrue(messages.getBoolean("after"));
        }
    }

    @Test
    void everyOtherEndpointNeedsASessionOrAToken() {
        ApiClient anonymous = new ApiClient(base());
        for (String path : List.of("api/me", "api/rooms", "api/rooms/1", "api/rooms/1/messages", "api/rooms/1/members")) {
            ApiClient.Reply reply = anonymous.get(path);
            assertEquals(401, reply.status(), path);
            assertEquals("Unauthorized", reply.object().getString("error"), path);
        }
        assertEquals(401, anonymous.post("api/rooms", Json.createObjectBuilder().add("name", "x").build()).status());
    }

    @Test
    void htmlFormLoginRedirectsToThePageSignedIn() {
        ApiClient browser = new ApiClient(base());
        ApiClient.Reply reply = browser.postRaw("api/auth/login", "application/x-www-form-urlencoded",
                "username=alice&password=" + DEMO_PASSWORD);

        assertEquals(303, reply.status());
        assertTrue(reply.header("location").orElseThrow().endsWith("/parley/"), reply.header("location").orElseThrow());
        assertEquals("alice", browser.get("api/me").object().getString("username"));
    }

    /** Login CSRF: a form on another site must not sign the visitor in to an account of its choosing. */
    @Test
    void aFormLoginPostedFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> crossSite = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().toURI().resolve("api/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://elsewhere.example")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=" + DEMO_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("JSESSIONID")));

        String ownOrigin = base().getProtocol() + "://" + base().getAuthority();
        HttpResponse<String> ownPage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().toURI().resolve("api/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", ownOrigin)
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=" + DEMO_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, ownPage.statusCode(), "the server's own page may");
    }

    /**
     * Another app's page (an intranet's sibling host is the same site, so the Lax cookie goes along) can post
     * without CORS: a no-body logout or token, a form. Each change it asks for is refused, and changes nothing;
     * this server's own page, a bearer token and a client without Origin go on.
     */
    @Test
    void changesAskedForByAnotherSitesPageAreRefusedWhateverTheyCarry() {
        ApiClient alice = new ApiClient(base());
        assertEquals(200, alice.login("alice", DEMO_PASSWORD).status());
        long general = alice.get("api/rooms").array().stream().filter(r -> r.getString("name").equals("general"))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();
        String text = "posted from elsewhere " + System.nanoTime();
        String messages = "api/rooms/" + general + "/messages";

        alice.withHeader("Origin", "https://wiki.intranet.example");
        ApiClient.Reply logout = alice.postEmpty("api/auth/logout");
        ApiClient.Reply token = alice.postEmpty("api/auth/token");
        ApiClient.Reply message = alice.post(messages, Json.createObjectBuilder().add("text", text).build());
        assertEquals(List.of(403, 403, 403), List.of(logout.status(), token.status(), message.status()));
        assertEquals("Forbidden", logout.object().getString("error"), logout.toString());

        ApiClient.Reply read = alice.get(messages + "?limit=5");
        assertEquals(200, read.status(), "still signed in, and reading is no change: " + read);
        assertTrue(read.object().getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .noneMatch(m -> m.getString("text").equals(text)), "nothing was stored: " + read);

        URL served = ParleyWar.loopback(base()); // where ApiClient sends its requests, and so their Host
        alice.withHeader("Origin", served.getProtocol() + "://" + served.getAuthority());
        String bearer = alice.postEmpty("api/auth/token").object().getString("token");
        assertEquals(201, alice.post(messages, Json.createObjectBuilder().add("text", text).build()).status(),
                "the server's own page");
        ApiClient withToken = new ApiClient(base()).withBearer(bearer).withHeader("Origin", "https://wiki.intranet.example");
        assertEquals(201, withToken.post(messages, Json.createObjectBuilder().add("text", text + " by token").build())
                .status(), "a bearer token is no cookie a page sends without asking");
        assertEquals(204, new ApiClient(base()).postEmpty("api/auth/logout").status(), "no Origin: no page's");
    }

    @Test
    void failedFormLoginRedirectsBackWithAnError() {
        ApiClient browser = new ApiClient(base());
        ApiClient.Reply reply = browser.postRaw("api/auth/login", "application/x-www-form-urlencoded",
                "username=alice&password=wrong-password");

        assertEquals(303, reply.status());
        assertTrue(reply.header("location").orElseThrow().endsWith("/parley/?login=failed"));
        assertEquals(401, browser.get("api/me").status());
    }

    @Test
    void logoutEndsTheSessionAndItsCookieOpensNothing() {
        ApiClient alice = new ApiClient(base());
        alice.login("alice", DEMO_PASSWORD);
        List<HttpCookie> before = List.copyOf(alice.cookies().getCookieStore().getCookies());

        assertEquals(204, alice.postEmpty("api/auth/logout").status());
        assertEquals(401, alice.get("api/me").status());

        // Replaying the old cookie does not bring the session back.
        ApiClient replay = new ApiClient(base());
        before.forEach(c -> replay.cookies().getCookieStore().add(null, c));
        assertEquals(401, replay.get("api/me").status());
    }

    @Test
    void loggingInAgainIssuesANewSessionId() {
        ApiClient alice = new ApiClient(base());
        String first = sessionCookie(alice.login("alice", DEMO_PASSWORD));
        String second = sessionCookie(alice.login("alice", DEMO_PASSWORD));
        assertNotEquals(first.split(";")[0], second.split(";")[0], "a session id known before login is worth nothing after it");
    }

    @Test
    void tokenForCredentialsWorksAsBearerWithoutAnyCookie() {
        ApiClient.Reply issued = new ApiClient(base()).post("api/auth/token",
                Json.createObjectBuilder().add("username", "bob").add("password", DEMO_PASSWORD).build());
        assertEquals(200, issued.status(), issued.toString());
        assertEquals("Bearer", issued.object().getString("tokenType"));
        assertTrue(issued.object().containsKey("expiresAt"));

        ApiClient script = new ApiClient(base()).withBearer(issued.object().getString("token"));
        assertEquals("bob", script.get("api/me").object().getString("username"));
        assertEquals(200, script.get("api/rooms").status());

        ApiClient.Reply forged = new ApiClient(base()).withBearer("not.a.token").get("api/me");
        assertEquals(401, forged.status());
        assertEquals("The bearer token was refused: token not valid", forged.object().getString("message"));
    }

    /** As a fetch wrapper that always says JSON sends them: no body is no body, on every container. */
    @Test
    void aRequestThatSaysJsonButCarriesNothingIsOneWithoutABody() {
        ApiClient browser = new ApiClient(base());
        browser.login("bob", DEMO_PASSWORD);
        ApiClient.Reply token = browser.postRaw("api/auth/token", "application/json", "");
        assertEquals(200, token.status(), token.toString());
        assertTrue(token.object().containsKey("token"));

        ApiClient.Reply room = browser.postRaw("api/rooms", "application/json", "");
        assertEquals(400, room.status(), room.toString());
        assertEquals("Send { name, visibility }", room.object().getString("message"));
    }

    @Test
    void aTokenOfABrowserSignInEndsWithItsLogoutButNotOtherTokens() {
        ApiClient browser = new ApiClient(base());
        browser.login("bob", DEMO_PASSWORD);
        String pageToken = browser.postEmpty("api/auth/token").object().getString("token");
        String scriptToken = new ApiClient(base()).post("api/auth/token", Json.createObjectBuilder()
                .add("username", "bob").add("password", DEMO_PASSWORD).build()).object().getString("token");
        assertEquals(200, new ApiClient(base()).withBearer(pageToken).get("api/me").status());

        assertEquals(204, browser.postEmpty("api/auth/logout").status());

        ApiClient.Reply ended = new ApiClient(base()).withBearer(pageToken).get("api/me");
        assertEquals(401, ended.status(), "a tab offline at the logout cannot come back in with the page's token");
        assertEquals("The bearer token was refused: signed out", ended.object().getString("message"));
        assertEquals(200, new ApiClient(base()).withBearer(scriptToken).get("api/me").status(),
                "a token got with the password belongs to no browser sign-in");

        // a new sign-in on the same browser session ends the previous one's tokens, as its logout would
        ApiClient shared = new ApiClient(base());
        shared.login("alice", DEMO_PASSWORD);
        String alicesPageToken = shared.postEmpty("api/auth/token").object().getString("token");
        shared.login("bob", DEMO_PASSWORD);
        assertEquals(401, new ApiClient(base()).withBearer(alicesPageToken).get("api/me").status());
        assertEquals("bob", shared.get("api/me").object().getString("username"));
    }

    @Test
    void aPasswordChangeEndsEveryOtherSignInButKeepsTheOneThatAsked() {
        String name = "changer-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient desk = new ApiClient(base());
        assertEquals(201, desk.post("api/auth/signup", Json.createObjectBuilder()
                .add("username", name).add("password", "the old one").build()).status());
        ApiClient phone = new ApiClient(base());
        assertEquals(200, phone.login(name, "the old one").status());
        String phonesToken = phone.postEmpty("api/auth/token").object().getString("token");
        String scriptToken = new ApiClient(base()).post("api/auth/token", Json.createObjectBuilder()
                .add("username", name).add("password", "the old one").build()).object().getString("token");

        ApiClient.Reply wrong = desk.post("api/auth/password", change("not the old one", "a brand new one"));
        assertEquals(403, wrong.status(), wrong.toString());
        assertEquals("The current password is not right", wrong.object().getString("message"));
        assertEquals(200, phone.get("api/me").status(), "a refused change ends nothing");
        ApiClient.Reply tooShort = desk.post("api/auth/password", change("the old one", "short"));
        assertEquals(400, tooShort.status(), tooShort.toString());
        assertEquals(200, new ApiClient(base()).withBearer(scriptToken).get("api/me").status());

        ApiClient.Reply changed = desk.post("api/auth/password", change("the old one", "a brand new one"));
        assertEquals(200, changed.status(), changed.toString());

        assertEquals(name, desk.get("api/me").object().getString("username"), "the sign-in that asked goes on");
        assertEquals(name, new ApiClient(base()).withBearer(changed.object().getString("token")).get("api/me")
                .object().getString("username"), "with a token issued under the new password");
        assertEquals(401, phone.get("api/me").status(), "the other browser's session ended");
        for (String token : List.of(phonesToken, scriptToken)) {
            ApiClient.Reply refused = new ApiClient(base()).withBearer(token).get("api/me");
            assertEquals(401, refused.status());
            assertEquals("The bearer token was refused: password changed", refused.object().getString("message"));
        }
        assertEquals(401, new ApiClient(base()).login(name, "the old one").status());
        assertEquals(200, new ApiClient(base()).login(name, "a brand new one").status());
        String fresh = desk.postEmpty("api/auth/token").object().getString("token");
        assertEquals(200, new ApiClient(base()).withBearer(fresh).get("api/me").status(), "a token issued after it works");

        // a script that signs in with a token: it keeps none of its old tokens, and gets one to go on with
        String scriptsNew = new ApiClient(base()).post("api/auth/token", Json.createObjectBuilder()
                .add("username", name).add("password", "a brand new one").build()).object().getString("token");
        ApiClient script = new ApiClient(base()).withBearer(scriptsNew);
        ApiClient.Reply byScript = script.post("api/auth/password", change("a brand new one", "the third one"));
        assertEquals(200, byScript.status(), byScript.toString());
        assertEquals(401, script.get("api/me").status());
        assertEquals(200, script.withBearer(byScript.object().getString("token")).get("api/me").status());
        assertEquals(401, desk.get("api/me").status(), "the script's change ended the desk's session");
    }

    @Test
    void anAdministratorSetsAForgottenPasswordAndEndsEverySignInOfThatUser() {
        String name = "forgetful-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient user = new ApiClient(base());
        long id = user.post("api/auth/signup", Json.createObjectBuilder()
                .add("username", name).add("password", "forgotten now").build()).object().getJsonNumber("id").longValue();
        ApiClient admin = new ApiClient(base());
        admin.login("admin", DEMO_PASSWORD);
        JsonObject reset = Json.createObjectBuilder().add("password", "set by the admin").build();

        assertEquals(403, user.put("api/accounts/" + id + "/password", reset).status(), "only administrators");
        assertEquals(404, admin.put("api/accounts/999999/password", reset).status());
        assertEquals(204, admin.put("api/accounts/" + id + "/password", reset).status());

        assertEquals(401, user.get("api/me").status());
        assertEquals(200, new ApiClient(base()).login(name, "set by the admin").status());
        assertEquals(200, admin.get("api/me").status());
    }

    @Test
    void anAdministratorRenamesSomeoneWhoseSessionShowsItAtOnce() {
        String name = "renamed-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient user = new ApiClient(base());
        long id = user.post("api/auth/signup", Json.createObjectBuilder().add("username", name).add("password", "long enough")
                .add("displayName", "Rude Name").build()).object().getJsonNumber("id").longValue();
        ApiClient admin = new ApiClient(base());
        admin.login("admin", DEMO_PASSWORD);
        JsonObject polite = Json.createObjectBuilder().add("displayName", "Polite Name").build();

        assertEquals(403, user.patch("api/accounts/" + id, polite).status(), "only administrators");
        assertEquals(404, admin.patch("api/accounts/999999", polite).status());
        assertEquals(400, admin.patch("api/accounts/" + id, Json.createObjectBuilder().add("displayName", 1).build()).status());
        ApiClient.Reply renamed = admin.patch("api/accounts/" + id, polite);
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals("Polite Name", renamed.object().getString("displayName"));
        assertEquals("Polite Name", user.get("api/me").object().getString("displayName"), "her session holds the new name");
    }

    private static JsonObject change(String current, String next) {
        return Json.createObjectBuilder().add("currentPassword", current).add("newPassword", next).build();
    }

    @Test
    void tokenForTheSignedInSessionNeedsNoPassword() {
        ApiClient alice = new ApiClient(base());
        alice.login("alice", DEMO_PASSWORD);
        ApiClient.Reply issued = alice.postEmpty("api/auth/token");
        assertEquals(200, issued.status(), issued.toString());
        String token = issued.object().getString("token");
        assertEquals("alice", new ApiClient(base()).withBearer(token).get("api/me").object().getString("username"));
    }

    @Test
    void tokenIsRefusedForWrongCredentialsAndForgedTokensAreRefused() {
        assertEquals(401, new ApiClient(base()).post("api/auth/token",
                Json.createObjectBuilder().add("username", "bob").add("password", "nope-nope").build()).status());
        assertEquals(401, new ApiClient(base()).postEmpty("api/auth/token").status());

        String token = new ApiClient(base()).post("api/auth/token",
                Json.createObjectBuilder().add("username", "bob").add("password", DEMO_PASSWORD).build())
                .object().getString("token");
        // Same header and signature, payload claiming to be account 1: the signature no longer matches.
        String[] parts = token.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"1\",\"exp\":9999999999}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String bad : List.of(parts[0] + "." + forgedPayload + "." + parts[2], token + "x", "garbage", "")) {
            assertEquals(401, new ApiClient(base()).withBearer(bad).get("api/me").status(), bad);
        }
    }

    @Test
    void signupIsOpenInTheDemoRunAndSignsTheNewUserIn() {
        JsonObject signedOut = new ApiClient(base()).get("api/auth/config").object();
        assertEquals(true, signedOut.getBoolean("signup"));
        assertFalse(signedOut.containsKey("user"), "no one is signed in: " + signedOut);
        String name = "new-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient newcomer = new ApiClient(base());
        ApiClient.Reply reply = newcomer.post("api/auth/signup", Json.createObjectBuilder()
                .add("username", name).add("password", "long enough").add("displayName", "New Person").build());

        assertEquals(201, reply.status(), reply.toString());
        assertEquals("New Person", newcomer.get("api/me").object().getString("displayName"));
        JsonObject signedIn = newcomer.get("api/auth/config").object(); // what the page asks on load
        assertEquals(name, signedIn.getJsonObject("user").getString("username"), signedIn.toString());
        assertEquals(200, new ApiClient(base()).login(name, "long enough").status());
    }

    @Test
    void signupRefusesTakenNamesAndBadInputClearly() {
        ApiClient client = new ApiClient(base());
        ApiClient.Reply taken = client.post("api/auth/signup", Json.createObjectBuilder()
                .add("username", "Alice").add("password", "long enough").build());
        assertEquals(409, taken.status());
        assertEquals("Conflict", taken.object().getString("error"));

        ApiClient.Reply shortPassword = client.post("api/auth/signup", Json.createObjectBuilder()
                .add("username", "shorty").add("password", "short").build());
        assertEquals(400, shortPassword.status());
        assertEquals("Invalid", shortPassword.object().getString("error"));

        ApiClient.Reply badName = client.post("api/auth/signup", Json.createObjectBuilder()
                .add("username", "no spaces allowed").add("password", "long enough").build());
        assertEquals(400, badName.status());

        ApiClient.Reply numberForName = client.post("api/auth/signup", Json.createObjectBuilder()
                .add("username", "numbered").add("password", "long enough").add("displayName", 7).build());
        assertEquals(400, numberForName.status(), "not quietly made the name \"7\": " + numberForName);
        assertEquals("displayName must be a string", numberForName.object().getString("message"));

        ApiClient.Reply notJson = client.postRaw("api/auth/signup", "application/json", "{\"username\":");
        assertEquals(400, notJson.status());
        assertEquals("Invalid", notJson.object().getString("error"));
        assertEquals(401, client.get("api/me").status(), "no refused sign-up signs anyone in");
    }

    @Test
    void logoutFiresSessionEndedForThatSessionAndUser() {
        ApiClient bob = new ApiClient(base());
        long bobId = bob.login("bob", DEMO_PASSWORD).object().getJsonNumber("id").longValue();
        String sessionId = sessionIdOf(bob);

        bob.postEmpty("api/auth/logout");

        assertTrue(new ApiClient(base()).get("it/session-probe").raw().body().lines()
                .anyMatch(line -> line.equals(sessionId + " " + bobId)), "SessionEnded(" + sessionId + ", " + bobId + ")");
    }

    @Test
    void sessionExpiryFiresSessionEndedToo() throws InterruptedException {
        ApiClient alice = new ApiClient(base());
        long aliceId = alice.login("alice", DEMO_PASSWORD).object().getJsonNumber("id").longValue();
        String sessionId = alice.postRaw("it/session-probe?expire-in=1", "text/plain", "").raw().body();

        Thread.sleep(2500);
        // The container notices the expiry on the next touch of the session (or its background sweep).
        assertEquals(401, alice.get("api/me").status());
        assertTrue(new ApiClient(base()).get("it/session-probe").raw().body().lines()
                .anyMatch(line -> line.equals(sessionId + " " + aliceId)), "SessionEnded(" + sessionId + ", " + aliceId + ")");
    }

    @Test
    void aClosedWebSocketLeavesNothingOfItselfWithItsStillOpenSession() throws Exception {
        int before = heldUpgrades();
        for (int i = 0; i < 3; i++) {
            ApiClient alice = new ApiClient(base());
            alice.login("alice", DEMO_PASSWORD);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newBuilder().cookieHandler(alice.cookies()).build().newWebSocketBuilder()
                    .buildAsync(URI.create(base().toString().replaceFirst("^http", "ws")
                            + "socket.io/?EIO=4&transport=websocket"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            received.add(data.toString());
                            return WebSocket.Listener.super.onText(ws, data, last);
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                            received.add("closed " + status);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertTrue(String.valueOf(received.poll(10, TimeUnit.SECONDS)).startsWith("0{"), "Engine.IO open");
            socket.sendText("40", true);
            // the session cookie alone signs the socket in: the session reaches Parley, if not the container
            String connect = received.poll(10, TimeUnit.SECONDS);
            assertTrue(String.valueOf(connect).startsWith("40{\"sid\""), "CONNECT accepted: " + connect);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            String last = "";
            while (last != null && !last.startsWith("closed")) { // events the connection brought come first
                last = received.poll(10, TimeUnit.SECONDS);
            }
            assertTrue(last != null, "closed");
        }
        // Tyrus keeps an upgrade handler for each HTTP session it sees, with the closed connection's whole
        // state, until the session ends (8 h idle): it must not see these.
        assertEquals(before, heldUpgrades());
    }

    private int heldUpgrades() {
        ApiClient.Reply reply = new ApiClient(base()).get("it/upgrade-probe");
        assertEquals(200, reply.status(), reply.toString());
        return Integer.parseInt(reply.raw().body().trim());
    }

    private static String sessionIdOf(ApiClient client) {
        return client.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID")).findFirst().orElseThrow().getValue();
    }

    private static String sessionCookie(ApiClient.Reply reply) {
        return reply.setCookies().stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + reply.setCookies()));
    }
}
