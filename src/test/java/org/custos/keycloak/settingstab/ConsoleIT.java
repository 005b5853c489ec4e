package org.custos.keycloak.settingstab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the admin console reads and writes for the Custos tab and pages, over Keycloak's admin REST API exactly as
 * the console calls it: the Custos API's changes show on the console's rows, saving the tab changes the realm,
 * the pages refuse edits, and no secret value is ever in a row. (ConsoleBrowserIT renders the same in Chromium.)
 */
class ConsoleIT {

    private static final String PAGE = "org.keycloak.services.ui.extend.UiPageProvider";
    private static final String TAB = "org.keycloak.services.ui.extend.UiTabProvider";
    private static TestRealm realm;
    private static AdminApi admin;
    private static String realmId;

    @BeforeAll
    static void setUp() {
        admin = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(admin, "console", rep -> {
            rep.withArray("users").forEach(u -> {
                if (u.get("username").asText().equals("service-account-" + TestRealm.TENANT_CLIENT)) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) u.get("clientRoles"))
                            .withArray("realm-management")
                            .add("manage-clients")
                            .add("manage-events")
                            .add("view-events");
                }
            });
        });
        realmId = admin.call("GET", "/" + realm.name(), null).json().get("id").asText();
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static List<JsonNode> rows(String type, String providerId) {
        Http.Reply r = admin.call("GET", "/" + realm.name() + "/components?parent=" + realmId + "&type=" + type, null);
        assertEquals(200, r.status(), r.toString());
        List<JsonNode> rows = new ArrayList<>();
        r.json().forEach(c -> {
            if (c.get("providerId").asText().equals(providerId)) {
                rows.add(c);
            }
        });
        return rows;
    }

    private static String value(JsonNode component, String field) {
        JsonNode v = component.path("config").path(field);
        return v.isArray() && !v.isEmpty() ? v.get(0).asText() : null;
    }

    private static JsonNode tab() {
        List<JsonNode> tabs = rows(TAB, "custos");
        assertEquals(1, tabs.size(), "one Custos tab row per realm: " + tabs);
        return tabs.get(0);
    }

    private static Http.Reply custos(String method, String service, String path, Object body) {
        Http.Request r = Http.request(method, realm.custos(service, path)).auth(realm.tenantAuth());
        return (body == null ? r : r.json(body)).send();
    }

    @Test
    void theServerOffersTheCustosTabAndPagesToTheConsole() {
        JsonNode info = Http.request("GET", admin.baseUrl() + "/admin/serverinfo")
                .auth(adminBearer())
                .send()
                .json();
        List<String> pageIds = StreamSupport.stream(
                        info.path("componentTypes").path(PAGE).spliterator(), false)
                .map(p -> p.get("id").asText())
                .toList();
        assertTrue(
                pageIds.stream().noneMatch(id -> id.startsWith("custos")),
                "no read-only Custos pages copy our data into components any more: " + pageIds);
        JsonNode tab = StreamSupport.stream(
                        info.path("componentTypes").path(TAB).spliterator(), false)
                .filter(t -> t.get("id").asText().equals("custos"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "/:realm/realm-settings/:tab", tab.path("metadata").path("path").asText());
        assertEquals("custos", tab.path("metadata").path("params").path("tab").asText());
        Http.Reply messages = Http.request("GET", admin.baseUrl() + "/resources/" + realm.name() + "/admin/en")
                .send();
        assertTrue(messages.body().contains("Agents enabled"), "the console's message bundle has the tab's texts");
    }

    private static String adminBearer() {
        return Http.bearer(Http.request("POST", admin.baseUrl() + "/realms/master/protocol/openid-connect/token")
                .form(Map.ofEntries(
                        Map.entry("grant_type", "password"),
                        Map.entry("client_id", "admin-cli"),
                        Map.entry("username", KeycloakServer.ADMIN_USER),
                        Map.entry("password", KeycloakServer.ADMIN_PASSWORD)))
                .send()
                .json()
                .get("access_token")
                .asText());
    }

    /** What the console's Save sends for the tab: the whole form, with this {@code config} (a JSON object). */
    private static JsonNode tabForm(JsonNode tab, String config) {
        return Http.parse(
                """
                {"id": "%s", "name": "custos", "providerId": "custos", "providerType": "%s", "parentId": "%s",
                 "config": %s}"""
                        .formatted(tab.get("id").asText(), TAB, realmId, config));
    }

    @Test
    void theTabShowsWhatTheCustosApiSetAndSavingItChangesTheRealm() {
        assertEquals(200, custos("POST", "agent-management", "enable", Map.of()).status());
        assertEquals(
                200,
                custos("POST", "agent-management", "token/configuration", Map.of("access_token_life_time", 600))
                        .status());
        assertEquals(200, custos("POST", "log-management", "status", Map.of()).status());
        JsonNode tab = tab();
        assertEquals("true", value(tab, "agents_enabled"));
        assertEquals("600", value(tab, "agent_token_lifetime"));
        assertEquals("true", value(tab, "logging_enabled"));

        // What the console's Save sends: the whole form.
        String path = "/" + realm.name() + "/components/" + tab.get("id").asText();
        JsonNode form = tabForm(
                tab,
                """
                {"agents_enabled": ["true"], "agent_token_lifetime": ["900"], "logging_enabled": ["false"],
                 "tab": ["custos"]}""");
        Http.Reply saved = admin.call("PUT", path, form);
        assertEquals(204, saved.status(), saved.toString());
        assertFalse(
                custos("GET", "log-management", "status", null)
                        .json()
                        .get("status")
                        .asBoolean(),
                "logging turned off from the console");
        JsonNode container = admin.call("GET", "/" + realm.name() + "/clients?clientId=custos-agents", null)
                .json()
                .get(0);
        assertEquals(
                "900",
                container.path("attributes").path("access.token.lifespan").asText());

        Http.Reply bad = admin.call(
                "PUT",
                path,
                tabForm(
                        tab,
                        """
                        {"agents_enabled": ["true"], "agent_token_lifetime": ["soon"],
                         "logging_enabled": ["true"]}"""));
        assertEquals(400, bad.status(), bad.toString());
        assertTrue(bad.body().contains("positive number of seconds"), bad.body());
        assertFalse(
                custos("GET", "log-management", "status", null)
                        .json()
                        .get("status")
                        .asBoolean(),
                "a refused save changed nothing");

        assertEquals(
                200,
                custos("POST", "agent-management", "agent", Map.of("id", "console-agent"))
                        .status());
        Http.Reply off = admin.call(
                "PUT",
                path,
                tabForm(
                        tab,
                        """
                        {"agents_enabled": ["false"], "agent_token_lifetime": [""], "logging_enabled": ["false"]}"""));
        assertEquals(400, off.status(), off.toString());
        assertTrue(off.body().contains("delete them before turning agents off"), off.body());
        assertEquals(
                200,
                custos("DELETE", "agent-management", "agent/console-agent", null)
                        .status());
        assertEquals(
                204,
                admin.call(
                                "PUT",
                                path,
                                tabForm(
                                        tab,
                                        """
                                        {"agents_enabled": ["false"], "agent_token_lifetime": [""],
                                         "logging_enabled": ["false"]}"""))
                        .status());
        assertEquals(
                0,
                admin.call("GET", "/" + realm.name() + "/clients?clientId=custos-agents", null)
                        .json()
                        .size(),
                "agents turned off: the role container is gone");
    }

    @Test
    void aNewRealmHasItsTabRowAndKeycloaksOwnEventsPageUpdatesIt() {
        try (TestRealm fresh = TestRealm.create(admin, "console-fresh", rep -> {})) {
            String id =
                    admin.call("GET", "/" + fresh.name(), null).json().get("id").asText();
            Http.Reply r = admin.call("GET", "/" + fresh.name() + "/components?parent=" + id + "&type=" + TAB, null);
            JsonNode row = StreamSupport.stream(r.json().spliterator(), false)
                    .filter(c -> c.get("providerId").asText().equals("custos"))
                    .findFirst()
                    .orElseThrow();
            boolean stored = admin.call("GET", "/" + fresh.name(), null)
                    .json()
                    .get("adminEventsEnabled")
                    .asBoolean();
            assertEquals(String.valueOf(stored), value(row, "logging_enabled"), "the row shows the realm as created");
            assertEquals("false", value(row, "agents_enabled"));
            Http.Reply secret = Http.request("POST", fresh.custos("resource-secret-management", "secret/password"))
                    .auth(fresh.tenantAuth())
                    .jsonBody(
                            """
                            {"metadata": {"client_id": "%s", "owner_id": "%s"}, "password": "not-listed"}"""
                                    .formatted(TestRealm.TENANT_CLIENT, TestRealm.USER))
                    .send();
            assertEquals(200, secret.status(), secret.toString());
            assertTrue(
                    StreamSupport.stream(
                                    admin.call(
                                                    "GET",
                                                    "/" + fresh.name() + "/components?parent=" + id + "&type=" + PAGE,
                                                    null)
                                            .json()
                                            .spliterator(),
                                    false)
                            .noneMatch(c -> c.get("providerId").asText().startsWith("custos")),
                    "rows an import brought along are dropped, and a secret of a realm without secret rows has none");

            // Realm settings → Events → Admin events, Keycloak's own page:
            JsonNode config = admin.call("GET", "/" + fresh.name() + "/events/config", null)
                    .json();
            ((com.fasterxml.jackson.databind.node.ObjectNode) config).put("adminEventsEnabled", !stored);
            assertEquals(
                    204,
                    admin.call("PUT", "/" + fresh.name() + "/events/config", config)
                            .status());
            r = admin.call("GET", "/" + fresh.name() + "/components?parent=" + id + "&type=" + TAB, null);
            row = StreamSupport.stream(r.json().spliterator(), false)
                    .filter(c -> c.get("providerId").asText().equals("custos"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    String.valueOf(!stored), value(row, "logging_enabled"), "the tab follows Keycloak's events page");
        }
    }

    @Test
    void noCustosDataIsCopiedIntoComponents() {

        SharingApi sharing = new SharingApi(realm, realm.tenantAuth());
        sharing.ok(
                "POST",
                "entity/type",
                Map.of("entity_type", Map.of("id", "NOTEBOOK", "name", "Notebook", "description", "Jupyter")));
        sharing.ok("POST", "permission/type", Map.of("permission_type", Map.of("id", "EDIT")));
        String value = "console-never-shows-" + java.util.UUID.randomUUID();
        Http.Reply saved = custos(
                "POST",
                "resource-secret-management",
                "secret/password",
                Http.parse(
                        """
                        {"metadata": {"client_id": "%s", "owner_id": "%s"}, "password": "%s"}"""
                                .formatted(TestRealm.TENANT_CLIENT, TestRealm.USER, value)));
        assertEquals(200, saved.status(), saved.toString());
        String components =
                admin.call("GET", "/" + realm.name() + "/components", null).body();
        assertFalse(components.contains("NOTEBOOK"), "an entity type is not copied into a component");
        assertFalse(components.contains(saved.json().get("token").asText()), "nor a secret's summary");
        assertFalse(components.contains(value), "nor, ever, a value");
    }
}
