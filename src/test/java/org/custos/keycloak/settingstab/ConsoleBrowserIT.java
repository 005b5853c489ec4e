package org.custos.keycloak.settingstab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.DemoRealm;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Custos section of the admin console (the realm's admin theme {@code custos}), rendered and clicked in headless
 * Chromium ({@code e2e/console.mjs} with playwright-core and Debian's chromium): the demo realm's administrator walks
 * every page — creates a type, an entity with a child, shares with a user and a group, finds them in "who has access"
 * with the right path, revokes, finds what a user can access, changes a membership type, disables an agent, filters
 * and deletes secrets, filters the audit log, saves the settings tab — and a less privileged administrator sees only
 * what Keycloak allows it. What the browser did is then checked through the APIs. Screenshots:
 * {@code target/console-screenshots/}.
 * <p>
 * Needs {@code /usr/bin/chromium} and Node.js; {@code .ci/run} installs both and sets CUSTOS_BROWSER_REQUIRED=1, so
 * in CI their absence fails the test. Elsewhere, without them, the test is skipped and says why.
 */
class ConsoleBrowserIT {

    private static final String REALM = DemoRealm.NAME;
    private static final String CLIENT = DemoRealm.CLIENT;
    private static final String SECRET = DemoRealm.SECRET;
    private static AdminApi admin;

    @BeforeAll
    static void importDemoRealm() throws Exception {
        admin = DemoRealm.importFresh();
    }

    @AfterAll
    static void removeDemoRealm() {
        admin.deleteRealm(REALM);
    }

    private static Path chromium() {
        Path path = Path.of(System.getenv().getOrDefault("CUSTOS_CHROMIUM", "/usr/bin/chromium"));
        boolean required = "1".equals(System.getenv("CUSTOS_BROWSER_REQUIRED"));
        if (!Files.isExecutable(path) || !commandWorks("node", "--version")) {
            String why =
                    "headless Chromium (" + path + ") or Node.js is not installed: apt-get install chromium nodejs npm";
            if (required) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        return path;
    }

    private static boolean commandWorks(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** playwright-core from the npm registry, pinned by e2e/package-lock.json. */
    private static void installPlaywright(Path e2e) throws Exception {
        if (Files.isDirectory(e2e.resolve("node_modules/playwright-core"))) {
            return;
        }
        Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(e2e.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "npm ci in e2e/ failed:\n" + out);
    }

    private static Http.Reply backend(String method, String service, String path, Object body) {
        return Http.request(method, admin.baseUrl() + "/realms/" + REALM + "/custos/" + service + "/v1.0.0/" + path)
                .auth(Http.custosBearer(CLIENT, SECRET))
                .json(body)
                .send();
    }

    private static String bearer(String username, String password) {
        Http.Reply r = Http.request("POST", admin.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/token")
                .form(Map.of(
                        "grant_type", "password",
                        "client_id", CLIENT,
                        "client_secret", SECRET,
                        "username", username,
                        "password", password))
                .send();
        assertEquals(200, r.status(), r.toString());
        return Http.bearer(r.json().get("access_token").asText());
    }

    private static String createUser(String username, String... realmManagementRoles) {
        Map<String, Object> user = TestRealm.user(username, PASSWORD);
        Http.Reply r = admin.call("POST", "/" + REALM + "/users", user);
        assertEquals(201, r.status(), r.toString());
        String location = r.headers().get("location").get(0);
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (realmManagementRoles.length > 0) {
            String rm = admin.call("GET", "/" + REALM + "/clients?clientId=realm-management", null)
                    .json()
                    .get(0)
                    .get("id")
                    .asText();
            List<JsonNode> roles = new java.util.ArrayList<>();
            for (String role : realmManagementRoles) {
                roles.add(admin.call("GET", "/" + REALM + "/clients/" + rm + "/roles/" + role, null)
                        .json());
            }
            assertEquals(
                    204,
                    admin.call("POST", "/" + REALM + "/users/" + id + "/role-mappings/clients/" + rm, roles)
                            .status());
        }
        return id;
    }

    private static final String PASSWORD = "browser-test-password-1";
    /** Every page, as the README shows it (docs/ holds the copies). */
    static final List<String> SCREENSHOTS = List.of(
            "custos-entity-types.png",
            "custos-permission-types.png",
            "custos-entities.png",
            "custos-entity.png",
            "custos-who-has-access.png",
            "custos-access.png",
            "custos-groups.png",
            "custos-agents.png",
            "custos-secrets.png",
            "custos-audit.png",
            "custos-settings.png",
            "custos-limited-entity.png",
            "custos-limited-audit.png");

    private static final String GROUP = "lab";

    @Test
    void anOperatorManagesCustosFromTheAdminConsole() throws Exception {
        Path browser = chromium();
        Path e2e = Path.of(System.getProperty("custos.e2e.dir"));
        installPlaywright(e2e);

        // What the Custos API created is what the console must show.
        createTypesThroughTheApi();
        String value = "browser-must-not-see-" + UUID.randomUUID();
        String token = storeASecretThroughTheApi(value);
        String groupId = createPeopleAndAGroup();
        enableAgentsWithOneAgent();

        walkTheConsoleInTheBrowser(browser, e2e, value);

        // What the operator did in the browser is the realm's state now.
        assertTheRealmIsWhatTheOperatorLeft(groupId, token);
    }

    private static void createTypesThroughTheApi() {
        assertEquals(
                200,
                backend(
                                "POST",
                                "sharing-management",
                                "entity/type",
                                Http.parse(
                                        """
                                        {"entity_type": {"id": "NOTEBOOK", "name": "Notebook",
                                                         "description": "Jupyter notebooks"}}"""))
                        .status());
        assertEquals(
                200,
                backend(
                                "POST",
                                "sharing-management",
                                "permission/type",
                                Map.of("permission_type", Map.of("id", "EDIT", "name", "Edit")))
                        .status());
    }

    /** A password secret of demo-user holding {@code value}: its token. */
    private static String storeASecretThroughTheApi(String value) {
        Http.Reply secret = backend(
                "POST",
                "resource-secret-management",
                "secret/password",
                Http.parse(
                        """
                        {"metadata": {"client_id": "%s", "owner_id": "demo-user", "description": "HPC cluster login"},
                         "password": "%s"}"""
                                .formatted(CLIENT, value)));
        assertEquals(200, secret.status(), secret.toString());
        return secret.json().get("token").asText();
    }

    /**
     * People and a group to share with; a less privileged administrator (sharing viewer, user viewer). Returns the
     * group's id.
     */
    private static String createPeopleAndAGroup() {
        createUser("alice-reader");
        String bob = createUser("bob-member");
        createUser("demo-viewer", "view-authorization", "view-users", "query-groups");
        Http.Reply group = admin.call("POST", "/" + REALM + "/groups", Map.of("name", GROUP));
        assertEquals(201, group.status(), group.toString());
        String location = group.headers().get("location").get(0);
        String groupId = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(
                204,
                admin.call("PUT", "/" + REALM + "/users/" + bob + "/groups/" + groupId, null)
                        .status());
        return groupId;
    }

    /** Agents on, and one agent, through the Custos API as the realm's administrator. */
    private static void enableAgentsWithOneAgent() {
        String demoAdmin = bearer("demo-admin", "demo-admin-password");
        for (String path : List.of("enable", "agent")) {
            Http.Reply r = Http.request(
                            "POST", admin.baseUrl() + "/realms/" + REALM + "/custos/agent-management/v1.0.0/" + path)
                    .auth(demoAdmin)
                    .json(path.equals("agent") ? Map.of("id", "crawler") : Map.of())
                    .send();
            assertEquals(200, r.status(), r.toString());
        }
    }

    /** e2e/console.mjs: the operator's walk (and the limited administrator's), which must not show {@code value}. */
    private static void walkTheConsoleInTheBrowser(Path browser, Path e2e, String value) throws Exception {
        Path out = Path.of(System.getProperty("custos.test.dist")).getParent().resolve("console-screenshots");
        ProcessBuilder pb =
                new ProcessBuilder("node", e2e.resolve("console.mjs").toString()).redirectErrorStream(true);
        pb.environment()
                .putAll(Map.ofEntries(
                        Map.entry("BASE", admin.baseUrl()),
                        Map.entry("REALM", REALM),
                        Map.entry("USERNAME", "demo-admin"),
                        Map.entry("PASSWORD", "demo-admin-password"),
                        Map.entry("OUT", out.toString()),
                        Map.entry("CHROMIUM", browser.toString()),
                        Map.entry("LIMITED_USERNAME", "demo-viewer"),
                        Map.entry("LIMITED_PASSWORD", PASSWORD),
                        Map.entry("GROUP", GROUP),
                        Map.entry("FORBIDDEN_TEXT", value)));
        Process run = pb.start();
        String output = new String(run.getInputStream().readAllBytes());
        assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the browser run did not end");
        assertEquals(0, run.exitValue(), "the browser run failed:\n" + output);
        for (String shot : SCREENSHOTS) {
            assertTrue(Files.size(out.resolve(shot)) > 10_000, shot + " is a real screenshot");
        }
    }

    private static void assertTheRealmIsWhatTheOperatorLeft(String groupId, String token) {
        assertTrue(
                backend("GET", "sharing-management", "entity/types", null)
                        .json()
                        .toString()
                        .contains("DATASET"),
                "the type created in the browser");
        JsonNode child = backend("GET", "sharing-management", "entity?entity.id=exp-42-run1", null)
                .json();
        assertEquals("exp-42", child.get("parent_id").asText(), "the child created in the browser: " + child);
        String holders = backend(
                        "GET", "sharing-management", "users/share?entity.id=exp-42-run1&permission_type.id=EDIT", null)
                .json()
                .toString();
        assertFalse(holders.contains("alice-reader"), "the share revoked in the browser is gone: " + holders);
        assertTrue(backend("GET", "sharing-management", "groups/share?entity.id=exp-42&permission_type.id=EDIT", null)
                .json()
                .toString()
                .contains(groupId));
        JsonNode members = admin.call("GET", "/" + REALM + "/custos/groups/" + groupId + "/members", null)
                .json();
        assertTrue(
                members.toString().contains("\"username\":\"bob-member\",\"membership_type\":\"ADMIN\""),
                members.toString());
        assertFalse(
                admin.call("GET", "/" + REALM + "/clients?clientId=crawler", null)
                        .json()
                        .get(0)
                        .get("enabled")
                        .asBoolean(),
                "the agent switched off in the browser is disabled");
        assertEquals(
                404,
                backend("GET", "resource-secret-management", "secret/password?token=" + token, null)
                        .status(),
                "the secret deleted in the browser is gone");
        JsonNode container = admin.call("GET", "/" + REALM + "/clients?clientId=custos-agents", null)
                .json();
        assertEquals(1, container.size(), "turning agents on in the console created the agents' role container");
        assertEquals(
                "1200",
                container
                        .get(0)
                        .path("attributes")
                        .path("access.token.lifespan")
                        .asText());
        assertFalse(
                admin.call("GET", "/" + REALM, null)
                        .json()
                        .get("adminEventsEnabled")
                        .asBoolean(),
                "turning audit logging off in the console turned the realm's admin events off");
    }
}
