package org.custos.keycloak.rest.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Audit logs on Keycloak's event store: enabling, status, and one event per mutation of each service. */
class LogIT {

    private static final String USERS = "org.apache.custos.user.management.service.UserManagementService";
    private static final String GROUPS = "org.apache.custos.group.management.service.GroupManagementService";
    private static final String SECRETS =
            "org.apache.custos.resource.secret.management.service.ResourceSecretManagementService";
    private static final String AGENTS = "org.apache.custos.agent.management.service.AgentManagementService";
    private static final String SHARING = "org.apache.custos.sharing.management.service.SharingManagementService";
    private static TestRealm realm;
    private static String auditor;

    @BeforeAll
    static void setUp() {
        String auditorUser =
                """
                {"username": "auditor", "enabled": true, "email": "au@example.org", "firstName": "Au",
                 "lastName": "Ditor", "clientRoles": {"realm-management": ["manage-events", "manage-clients"]},
                 "credentials": [{"type": "password", "value": "auditor-password-1", "temporary": false}]}""";
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "logs", rep -> {
            rep.put("adminEventsEnabled", false).put("eventsEnabled", false);
            rep.withArray("users").add(Http.parse(auditorUser));
            rep.withArray("users").forEach(u -> {
                if (u.get("username").asText().equals("service-account-" + TestRealm.TENANT_CLIENT)) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) u.get("clientRoles"))
                            .withArray("realm-management")
                            .add("view-events");
                }
            });
        });
        auditor = realm.accessToken("auditor", "auditor-password-1");
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static JsonNode logs(String query) {
        Http.Reply r = Http.request("GET", realm.custos("log-management", "logs?" + query))
                .auth(realm.tenantAuth())
                .send();
        assertEquals(200, r.status(), r.toString());
        return r.json().get("events");
    }

    @Test
    void enablingNeedsManageEventsAndEveryMutationIsLoggedOnceWithItsActor() throws Exception {
        assertFalse(Http.request("GET", realm.custos("log-management", "status"))
                .auth(realm.tenantAuth())
                .send()
                .json()
                .get("status")
                .asBoolean());
        assertEquals(
                403,
                Http.request("POST", realm.custos("log-management", "status"))
                        .auth(realm.tenantAuth())
                        .send()
                        .status());
        assertEquals(
                200,
                Http.request("POST", realm.custos("log-management", "status"))
                        .auth(Http.bearer(auditor))
                        .json(Map.of("client_id", TestRealm.TENANT_CLIENT))
                        .send()
                        .status());
        assertTrue(Http.request("GET", realm.custos("log-management", "status"))
                .auth(realm.tenantAuth())
                .send()
                .json()
                .get("status")
                .asBoolean());
        assertTrue(
                realm.admin().get("/" + realm.name()).get("adminEventsEnabled").asBoolean(), "Keycloak's own switch");

        String secretValue = "audited-" + UUID.randomUUID();
        String user = "audit-" + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(
                200,
                Http.request("POST", realm.custos("user-management", "user"))
                        .auth(realm.tenantAuth())
                        .jsonBody(
                                """
                                {"username": "%s", "first_name": "A", "last_name": "B", "email": "%s@example.org"}"""
                                        .formatted(user, user))
                        .send()
                        .status());
        assertEquals(
                200,
                Http.request("POST", realm.custos("group-management", "groups"))
                        .auth(realm.tenantAuth())
                        .json(Map.of("groups", List.of(Map.of("name", "audited"))))
                        .send()
                        .status());
        assertEquals(
                200,
                Http.request("POST", realm.custos("resource-secret-management", "secret/password"))
                        .auth(realm.tenantAuth())
                        .json(Map.of("metadata", Map.of("owner_id", "alice"), "password", secretValue))
                        .send()
                        .status());
        assertEquals(
                200,
                Http.request("POST", realm.custos("agent-management", "enable"))
                        .auth(Http.bearer(auditor))
                        .send()
                        .status());
        assertEquals(
                200,
                Http.request("POST", realm.custos("agent-management", "agent"))
                        .auth(Http.bearer(auditor))
                        .json(Map.of("id", "audited-agent"))
                        .send()
                        .status());

        assertEquals(
                200,
                Http.request("POST", realm.custos("sharing-management", "entity/type"))
                        .auth(realm.tenantAuth())
                        .json(Map.of("entity_type", Map.of("id", "AUDITED")))
                        .send()
                        .status());

        JsonNode users = logs("service_name=" + USERS + "&event_type=CREATE_USER");
        assertEquals(1, users.size(), users.toString());
        assertEquals("registerUser", users.get(0).get("event_type").asText(), "Custos's operation name");
        assertEquals(
                "service-account-" + TestRealm.TENANT_CLIENT,
                users.get(0).get("username").asText());
        assertEquals(TestRealm.TENANT_CLIENT, users.get(0).get("client_id").asText());
        assertEquals(realm.name(), users.get(0).get("tenant_id").asText());
        assertEquals(
                1, logs("service_name=" + GROUPS + "&event_type=CREATE_GROUP").size());
        JsonNode secrets = logs("service_name=" + SECRETS);
        assertEquals(1, secrets.size(), secrets.toString());
        assertEquals("addPasswordCredential", secrets.get(0).get("event_type").asText());
        JsonNode sharing = logs("service_name=" + SHARING);
        assertEquals(1, sharing.size(), sharing.toString());
        assertEquals("createEntityType", sharing.get(0).get("event_type").asText());
        assertEquals(
                "service-account-" + TestRealm.TENANT_CLIENT,
                sharing.get(0).get("username").asText());
        JsonNode agents = logs("service_name=" + AGENTS + "&event_type=CREATE_CLIENT");
        assertTrue(agents.toString().contains("auditor"), agents.toString());

        JsonNode all = logs("limit=1000");
        long newest = Long.MAX_VALUE;
        for (JsonNode e : all) {
            long t = Long.parseLong(e.get("created_time").asText());
            assertTrue(t <= newest, "newest first");
            newest = t;
        }
        assertEquals(2, logs("limit=2").size());
        assertFalse(
                realm.admin()
                        .get("/" + realm.name() + "/admin-events?max=1000")
                        .toString()
                        .contains(secretValue),
                "no stored event holds a secret value");
        assertEquals(
                400,
                Http.request("GET", realm.custos("log-management", "logs?service_name=nope"))
                        .auth(realm.tenantAuth())
                        .send()
                        .status());
        assertEquals(
                400,
                Http.request("GET", realm.custos("log-management", "logs?start_time=yesterday"))
                        .auth(realm.tenantAuth())
                        .send()
                        .status());
    }

    @Test
    void custosOperationNamesFilterAndPageLikeCustos() {
        // Keycloak's own switch, so that the other tests still find the realm's audit log off.
        try (TestRealm own =
                TestRealm.create(new AdminApi(KeycloakServer.get()), "logops", rep -> rep.withArray("users")
                        .forEach(u -> {
                            if (u.get("username").asText().equals("service-account-" + TestRealm.TENANT_CLIENT)) {
                                ((com.fasterxml.jackson.databind.node.ObjectNode) u.get("clientRoles"))
                                        .withArray("realm-management")
                                        .add("view-events");
                            }
                        }))) {
            pagesOfCustosOperations(own);
        }
    }

    @Test
    void aRealmNamedCustosRecordsItsOperationsToo() {
        // Its paths read /realms/custos/custos/...: the operation is found after this realm's custos root.
        try (TestRealm custos =
                TestRealm.named(new AdminApi(KeycloakServer.get()), "custos", rep -> rep.withArray("users")
                        .forEach(u -> {
                            if (u.get("username").asText().equals("service-account-" + TestRealm.TENANT_CLIENT)) {
                                ((com.fasterxml.jackson.databind.node.ObjectNode) u.get("clientRoles"))
                                        .withArray("realm-management")
                                        .add("view-events");
                            }
                        }))) {
            assertEquals(
                    200,
                    Http.request("POST", custos.custos("user-management", "user"))
                            .auth(custos.tenantAuth())
                            .jsonBody(
                                    """
                                    {"username": "named-realm-user", "first_name": "N", "last_name": "R",
                                     "email": "nr@example.org"}""")
                            .send()
                            .status());
            JsonNode events = logs(custos, "event_type=registerUser");
            assertEquals(1, events.size(), events.toString());
            assertEquals("registerUser", events.get(0).get("event_type").asText());
        }
    }

    private static JsonNode logs(TestRealm in, String query) {
        Http.Reply r = Http.request("GET", in.custos("log-management", "logs?" + query))
                .auth(in.tenantAuth())
                .send();
        assertEquals(200, r.status(), r.toString());
        return r.json().get("events");
    }

    private static void pagesOfCustosOperations(TestRealm realm) {
        long since = System.currentTimeMillis() - 1;
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String user = "paged-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            assertEquals(
                    200,
                    Http.request("POST", realm.custos("user-management", "user"))
                            .auth(realm.tenantAuth())
                            .jsonBody(
                                    """
                                    {"username": "%s", "first_name": "P", "last_name": "G",
                                     "email": "%s@example.org"}"""
                                            .formatted(user, user))
                            .send()
                            .status());
            assertEquals(
                    200,
                    Http.request("POST", realm.custos("user-management", "user/deactivation"))
                            .auth(realm.tenantAuth())
                            .json(Map.of("username", user))
                            .send()
                            .status());
            created.add(user);
        }
        String window = "&start_time=" + since;
        // Interleaved disableUser events do not eat into a page of registerUser.
        assertEquals(2, logs(realm, "event_type=registerUser&limit=2" + window).size());
        assertEquals(
                1,
                logs(realm, "event_type=registerUser&offset=2&limit=2" + window).size());
        assertEquals(3, logs(realm, "event_type=disableUser&limit=0" + window).size(), "limit=0 is the default page");
        logs(realm, "event_type=disableUser" + window)
                .forEach(e -> assertEquals("disableUser", e.get("event_type").asText()));
        // Keycloak's names still select, across Custos operations of the same kind.
        assertEquals(3, logs(realm, "event_type=UPDATE_USER" + window).size());
        // Reads and unknown operations: an empty page, never a 400.
        for (String type : List.of("findUsers", "getUser", "isUserEnabled", "getAllGroups", "noSuchOperation")) {
            assertEquals(0, logs(realm, "event_type=" + type + window).size(), type);
        }
        assertEquals(
                0,
                logs(realm, "service_name=" + AGENTS + "&event_type=registerUser" + window)
                        .size(),
                "an operation of another service");
        assertEquals(6, logs(realm, "service_name=" + USERS + window).size());
        assertEquals(
                0,
                logs(
                                realm,
                                "service_name=org.apache.custos.identity.management.service.IdentityManagementService"
                                        + window)
                        .size(),
                "identity calls are login events, not admin events");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"client_id\":", "{\"client_id\": 12345}", "[1]"})
    void badInputToEnableIsRefused(String body) {
        Http.Reply r = Http.request("POST", realm.custos("log-management", "status"))
                .auth(Http.bearer(auditor))
                .body(body, "application/json")
                .send();
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.json().has("error_description"));
    }

    @Test
    void aBodyThatIsNotJsonToEnableIsRefused() {
        assertEquals(
                415,
                Http.request("POST", realm.custos("log-management", "status"))
                        .auth(Http.bearer(auditor))
                        .body("x", "text/plain")
                        .send()
                        .status());
    }

    @Test
    void refusedCallsAreLoggedWithoutSecrets() throws Exception {
        String wrongSecret = "wrong-secret-" + UUID.randomUUID();
        assertEquals(
                401,
                Http.request("GET", realm.custos("log-management", "status"))
                        .auth(Http.custosBearer(TestRealm.TENANT_CLIENT, wrongSecret))
                        .send()
                        .status());
        Path log = KeycloakServer.logFile();
        org.junit.jupiter.api.Assumptions.assumeTrue(log != null, "needs the test server's log");
        String text = Files.readString(log);
        assertTrue(
                text.contains("refused 401") && text.contains("/realms/" + realm.name() + "/custos/log-management"),
                "the refusal is logged with realm and path");
        assertFalse(text.contains(wrongSecret), "never the presented secret");
    }
}
