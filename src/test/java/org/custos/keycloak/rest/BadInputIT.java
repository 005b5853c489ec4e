package org.custos.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad input on every endpoint that takes a body: a 4xx JSON error that names the problem, never a 500, the server
 * keeps serving, and the refused request changed nothing.
 */
class BadInputIT {

    private static TestRealm realm;
    private static String groupId;
    private static String agentSecret;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "badinput", rep -> rep.withArray("users")
                .forEach(u -> {
                    if (u.get("username").asText().equals("service-account-" + TestRealm.TENANT_CLIENT)) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) u.get("clientRoles"))
                                .withArray("realm-management")
                                .add("manage-clients")
                                .add("manage-realm");
                    }
                }));
        Http.request("POST", realm.custos("agent-management", "enable"))
                .auth(realm.tenantAuth())
                .send();
        agentSecret = Http.request("POST", realm.custos("agent-management", "agent"))
                .auth(realm.tenantAuth())
                .json(Map.of("id", "bad-input-agent"))
                .send()
                .json()
                .get("secret")
                .asText();
        groupId = Http.request("POST", realm.custos("group-management", "groups"))
                .auth(realm.tenantAuth())
                .json(Map.of("groups", List.of(Map.of("name", "existing"))))
                .send()
                .json()
                .get("groups")
                .get(0)
                .get("id")
                .asText();
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    record Case(String name, String contentType, byte[] body, int status, String descriptionContains) {}

    /** An endpoint that takes a JSON body, and a field of it that must be a string. */
    record BodyEndpoint(String method, String service, String path, String stringField) {
        @Override
        public String toString() {
            return method + " " + service + "/" + path;
        }
    }

    static final List<BodyEndpoint> ENDPOINTS = List.of(
            new BodyEndpoint("POST", "identity-management", "token", "password"),
            new BodyEndpoint("POST", "identity-management", "user/logout", "refresh_token"),
            new BodyEndpoint("POST", "user-management", "user", "username"),
            new BodyEndpoint("POST", "user-management", "user/activation", "username"),
            new BodyEndpoint("POST", "user-management", "user/deactivation", "username"),
            new BodyEndpoint("PUT", "user-management", "user/password", "password"),
            new BodyEndpoint("DELETE", "user-management", "user", "username"),
            new BodyEndpoint("POST", "user-management", "attributes", "users"),
            new BodyEndpoint("DELETE", "user-management", "attributes", "users"),
            new BodyEndpoint("POST", "user-management", "users/roles", "usernames"),
            new BodyEndpoint("DELETE", "user-management", "users/roles", "username"),
            new BodyEndpoint("DELETE", "user-management", "user/roles", "username"),
            new BodyEndpoint("PUT", "user-management", "user/profile", "email"),
            new BodyEndpoint("POST", "user-management", "user/profile/mapper", "current_username"),
            new BodyEndpoint("POST", "user-management", "user/admin", "username"),
            new BodyEndpoint("POST", "tenant-management", "roles", "client_id"),
            new BodyEndpoint("DELETE", "tenant-management", "role", "client_id"),
            new BodyEndpoint("DELETE", "user-management", "user/admin", "username"),
            new BodyEndpoint("POST", "group-management", "groups", "clientId"),
            new BodyEndpoint("POST", "group-management", "group", "clientId"),
            new BodyEndpoint("PUT", "group-management", "group/{existing}", "clientId"),
            new BodyEndpoint("POST", "group-management", "user/group/membership", "group_id"),
            new BodyEndpoint("DELETE", "group-management", "user/group/membership", "group_id"),
            new BodyEndpoint("PUT", "group-management", "user/group/membership", "group_id"),
            new BodyEndpoint("POST", "group-management", "group/membership", "child_id"),
            new BodyEndpoint("DELETE", "group-management", "group/membership", "child_id"),
            new BodyEndpoint("POST", "resource-secret-management", "secret/ssh", "passphrase"),
            new BodyEndpoint("POST", "resource-secret-management", "secret/password", "password"),
            new BodyEndpoint("POST", "resource-secret-management", "secret/certificate", "x509_cert"),
            new BodyEndpoint("POST", "resource-secret-management", "secret/kv", "key"),
            new BodyEndpoint("PUT", "resource-secret-management", "secret/kv", "value"),
            new BodyEndpoint("POST", "identity-management", "agent/token/tenant", "grant_type"),
            new BodyEndpoint("POST", "identity-management", "agent/logout/tenant", "refresh_token"),
            new BodyEndpoint("POST", "agent-management", "roles", "roles"),
            new BodyEndpoint("POST", "agent-management", "agent", "id"),
            new BodyEndpoint("POST", "agent-management", "agent/attributes", "agents"),
            new BodyEndpoint("DELETE", "agent-management", "agent/attributes", "agents"),
            new BodyEndpoint("POST", "agent-management", "agent/roles", "agents"),
            new BodyEndpoint("DELETE", "agent-management", "agent/roles", "id"),
            new BodyEndpoint("POST", "agent-management", "protocol/mapper", "name"),
            new BodyEndpoint("POST", "sharing-management", "entity/type", "client_id"),
            new BodyEndpoint("PUT", "sharing-management", "entity/type", "client_id"),
            new BodyEndpoint("DELETE", "sharing-management", "entity/type", "client_id"),
            new BodyEndpoint("POST", "sharing-management", "permission/type", "client_id"),
            new BodyEndpoint("PUT", "sharing-management", "permission/type", "client_id"),
            new BodyEndpoint("DELETE", "sharing-management", "permission/type", "client_id"),
            new BodyEndpoint("POST", "sharing-management", "entity", "client_id"),
            new BodyEndpoint("PUT", "sharing-management", "entity", "client_id"),
            new BodyEndpoint("DELETE", "sharing-management", "entity", "client_id"),
            new BodyEndpoint("POST", "sharing-management", "users/share", "client_id"),
            new BodyEndpoint("DELETE", "sharing-management", "users/share", "client_id"),
            new BodyEndpoint("POST", "sharing-management", "groups/share", "client_id"),
            new BodyEndpoint("DELETE", "sharing-management", "groups/share", "client_id"),
            new BodyEndpoint("POST", "sharing-management", "entity/user/access/batch", "client_id"));

    private static List<Case> cases(String field) {
        byte[] tenMegabytes = new byte[10_000_000];
        Arrays.fill(tenMegabytes, (byte) 'a');
        return List.of(
                new Case("malformed JSON", "application/json", "{\"username\":".getBytes(), 400, "malformed JSON"),
                new Case("a JSON array", "application/json", "[1,2,3]".getBytes(), 400, "JSON object"),
                new Case("JSON null", "application/json", "null".getBytes(), 400, "JSON object"),
                new Case(
                        "a number where a " + field + " belongs",
                        "application/json",
                        ("{\"" + field + "\": 12345}").getBytes(),
                        400,
                        "'" + field + "'"),
                new Case(
                        "an object where a " + field + " belongs",
                        "application/json",
                        ("{\"" + field + "\": {\"a\":1}}").getBytes(),
                        400,
                        "'" + field + "'"),
                new Case("an empty body", "application/json", new byte[0], 400, null),
                new Case(
                        "a 10 MB body",
                        "application/json",
                        tenMegabytes,
                        413,
                        "exceeds " + KeycloakServer.MAX_BODY_BYTES + " bytes"),
                new Case("a wrong content type", "text/plain", "hello".getBytes(), 415, "application/json"));
    }

    private static Http.Reply send(BodyEndpoint e, Case c) {
        boolean agentCall =
                e.service().equals("identity-management") && e.path().startsWith("agent/");
        return Http.request(e.method(), realm.custos(e.service(), e.path().replace("{existing}", groupId)))
                .auth(agentCall ? Http.custosBearer("bad-input-agent", agentSecret) : realm.tenantAuth())
                .body(c.body(), c.contentType())
                .send();
    }

    private static Http.Reply post(String path, Case c) {
        return send(new BodyEndpoint("POST", "identity-management", path, null), c);
    }

    private static void assertJsonError(Http.Reply r, Case c) {
        assertEquals(c.status(), r.status(), c.name() + " -> " + r.body());
        JsonNode body = r.json();
        assertTrue(body.hasNonNull("error"), r.body());
        assertTrue(body.hasNonNull("error_description"), r.body());
        if (c.descriptionContains() != null) {
            assertTrue(body.get("error_description").asText().contains(c.descriptionContains()), r.body());
        }
        assertFalse(r.body().contains("12345"), "submitted values are never echoed");
        assertFalse(r.body().contains("at org."), "stack trace leaked");
    }

    @TestFactory
    List<DynamicTest> everyBodyEndpointRefusesBadInputAndWritesNothing() {
        JsonNode tokens = realm.nativePasswordGrant(
                TestRealm.TENANT_CLIENT, realm.tenantSecret(), TestRealm.USER, TestRealm.USER_PASSWORD);
        int usersBefore = realm.admin().get("/" + realm.name() + "/users/count").asInt();
        List<DynamicTest> tests = new ArrayList<>();
        for (BodyEndpoint e : ENDPOINTS) {
            for (Case c : cases(e.stringField())) {
                tests.add(DynamicTest.dynamicTest(e + ": " + c.name(), () -> assertJsonError(send(e, c), c)));
            }
        }
        tests.add(DynamicTest.dynamicTest("nothing was written", () -> {
            assertEquals(
                    usersBefore,
                    realm.admin().get("/" + realm.name() + "/users/count").asInt());
            JsonNode groups = realm.admin().get("/" + realm.name() + "/groups");
            assertEquals(1, groups.size(), "no group was created: " + groups);
            assertEquals("existing", groups.get(0).get("name").asText(), "the group was not renamed");
            JsonNode types = Http.request("GET", realm.custos("sharing-management", "permission/types"))
                    .auth(realm.tenantAuth())
                    .send()
                    .json()
                    .get("types");
            assertEquals(1, types.size(), "only the built-in OWNER: " + types);
            JsonNode alice = realm.adminUser(TestRealm.USER);
            assertTrue(alice.get("enabled").asBoolean());
            assertEquals("Alice", alice.get("firstName").asText());
            Http.Reply refresh = Http.request("POST", realm.custos("identity-management", "token"))
                    .auth(realm.tenantAuth())
                    .jsonBody("""
                            {"grant_type": "refresh_token", "refresh_token": "%s"}"""
                            .formatted(tokens.get("refresh_token").asText()))
                    .send();
            assertEquals(200, refresh.status(), "the session survived every refused logout: " + refresh);
        }));
        return tests;
    }

    /** Entity search takes an empty body (search everything the caller reaches); anything else bad is 400. */
    @Test
    void entitySearchRefusesEveryBadBodyButAnEmptyOne() {
        BodyEndpoint search = new BodyEndpoint("POST", "sharing-management", "entities", "owner_id");
        for (Case c : cases(search.stringField())) {
            if (c.body().length == 0) {
                assertEquals(200, send(search, c).status(), "an empty search is a search of everything reachable");
            } else {
                assertJsonError(send(search, c), c);
            }
        }
    }

    @Test
    void anEmptyTokenBodyIsAnUnsupportedGrant() {
        Http.Reply r = post("token", new Case("empty", "application/json", new byte[0], 400, null));
        assertEquals("unsupported_grant_type", r.json().get("error").asText(), r.body());
    }

    @Test
    void anEmptyLogoutBodyNamesTheMissingField() {
        Http.Reply r = post("user/logout", new Case("empty", "application/json", new byte[0], 400, null));
        assertEquals(
                "field 'refresh_token' is required",
                r.json().get("error_description").asText());
    }

    @Test
    void theServerKeepsServingAfterBadInput() {
        byte[] big = new byte[10_000_000];
        Arrays.fill(big, (byte) '{');
        for (int i = 0; i < 3; i++) {
            post("token", new Case("big", "application/json", big, 413, null));
        }
        Http.Reply ok = Http.request("POST", realm.custos("identity-management", "token"))
                .auth(realm.tenantAuth())
                .json(Map.of("grant_type", "client_credentials"))
                .send();
        assertEquals(200, ok.status(), ok.toString());
    }

    @Test
    void theConfiguredBodyLimitIsTheOneApplied() {
        byte[] justUnder =
                ("{\"grant_type\":\"client_credentials\",\"pad\":\"" + "a".repeat(1_500_000) + "\"}").getBytes();
        Http.Reply r = post("token", new Case("1.5 MB", "application/json", justUnder, 200, null));
        assertEquals(200, r.status(), "a 1.5 MB body is under the configured 2 MiB limit: " + r.status());
    }

    @Test
    void jsonNullMeansAbsent() {
        Http.Reply r = Http.request("POST", realm.custos("identity-management", "token"))
                .auth(realm.tenantAuth())
                .json("{\"grant_type\":\"client_credentials\",\"username\":null,\"scope\":null}")
                .send();
        assertEquals(200, r.status(), r.toString());
    }
}
