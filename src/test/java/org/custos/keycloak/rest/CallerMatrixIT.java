package org.custos.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
 * Every authenticated endpoint refuses: no credential, a client or token of another realm, an expired or forged
 * token, a wrong secret, a disabled client (401); and a caller of the wrong kind (403). Each refusal is our JSON
 * error and nothing of the secret is echoed.
 */
class CallerMatrixIT {

    private static TestRealm realm;
    private static TestRealm otherRealm;
    private static String userToken;
    private static String otherRealmUserToken;
    private static String expiredToken;
    private static String groupId;
    private static String secretToken;

    /**
     * An endpoint, which valid credential is of the wrong kind for it (null: none is), and what that caller gets:
     * 403, or 404 where the endpoint names a group the caller may not see (group ids are not probeable).
     */
    record Endpoint(
            String method,
            String service,
            String path,
            Object body,
            Function<TestRealm, String> wrongKind,
            int wrongKindStatus) {
        Endpoint(String method, String service, String path, Object body, Function<TestRealm, String> wrongKind) {
            this(method, service, path, body, wrongKind, 403);
        }

        Http.Request request(TestRealm r) {
            String url = unversioned() ? r.realmUrl() + "/custos/" + service + "/" + path : r.custos(service, path);
            Http.Request req = Http.request(method, url);
            return body == null ? req : req.json(body);
        }

        /** The path as the OpenAPI document writes it (with concrete ids, without the query). */
        String documentPath() {
            String p = path.replaceAll("\\?.*$", "");
            return unversioned() ? "/" + service + "/" + p : "/" + service + "/v1.0.0/" + p;
        }

        private boolean unversioned() {
            return service.equals("api") || service.equals("authzen");
        }

        @Override
        public String toString() {
            return method + " " + service + "/" + path;
        }
    }

    static List<Endpoint> endpoints() {
        Function<TestRealm, String> aUsersToken = r -> Http.bearer(userToken);
        Function<TestRealm, String> clientWithoutUser = TestRealm::tenantAuth;
        List<Endpoint> list = new ArrayList<>(List.of(
                new Endpoint(
                        "POST",
                        "identity-management",
                        "token",
                        Map.of("grant_type", "client_credentials"),
                        aUsersToken),
                new Endpoint("GET", "identity-management", "credentials", null, aUsersToken),
                new Endpoint("POST", "identity-management", "user/logout", Map.of("refresh_token", "x"), aUsersToken),
                new Endpoint("GET", "identity-management", "user", null, clientWithoutUser)));
        Map<String, Object> oneUser = Map.of("username", TestRealm.USER);
        for (Object[] e : new Object[][] {
            {"POST", "user", Map.of("username", "x", "first_name", "a", "last_name", "b", "email", "x@example.org")},
            {"POST", "user/activation", oneUser},
            {"POST", "user/deactivation", oneUser},
            {"GET", "user/activation/status?user.username=" + TestRealm.USER, null},
            {"GET", "user/availability?user.username=x", null},
            {"PUT", "user/password", Map.of("username", TestRealm.USER, "password", "whatever-123")},
            {"DELETE", "user", oneUser},
            {
                "POST",
                "attributes",
                Map.of(
                        "attributes",
                        List.of(Map.of("key", "k", "values", List.of("v"))),
                        "users",
                        List.of(TestRealm.USER))
            },
            {
                "DELETE",
                "attributes",
                Map.of(
                        "attributes",
                        List.of(Map.of("key", "k", "values", List.of("v"))),
                        "users",
                        List.of(TestRealm.USER))
            },
            {"POST", "users/roles", Map.of("roles", List.of("offline_access"), "usernames", List.of(TestRealm.USER))},
            {"DELETE", "users/roles", Map.of("roles", List.of("offline_access"), "username", TestRealm.USER)},
            {"DELETE", "user/roles", Map.of("roles", List.of("offline_access"), "username", TestRealm.USER)},
            {"PUT", "user/profile", Map.of("username", TestRealm.USER, "first_name", "Mallory")},
            {"GET", "users", null},
            {"GET", "users/profile", null},
            {
                "POST",
                "user/profile/mapper",
                Map.of(
                        "current_username",
                        TestRealm.USER,
                        "previous_username",
                        TestRealm.USER,
                        "linking_attributes",
                        List.of("name"))
            },
            {"POST", "user/admin", oneUser},
            {"DELETE", "user/admin", oneUser}
        }) {
            // alice is a plain user: authenticated, but without realm-management roles.
            list.add(new Endpoint((String) e[0], "user-management", (String) e[1], e[2], aUsersToken));
        }
        // Groups: alice is authenticated but neither a user-admin nor a member of the realm's group.
        String g = groupId;
        for (Object[] e : new Object[][] {
            {"POST", "groups", Map.of("groups", List.of(Map.of("name", "x"))), 403},
            {"POST", "group", Map.of("group", Map.of("name", "x")), 403},
            {"GET", "groups", null, 403},
            {"GET", "user/group/memberships?profile.username=bob", null, 403},
            {"PUT", "group/" + g, Map.of("group", Map.of("name", "x")), 404},
            {"DELETE", "group/" + g, null, 404},
            {"GET", "group?group.id=" + g, null, 404},
            {
                "POST",
                "user/group/membership",
                Map.of("group_id", g, "username", TestRealm.USER, "membership_type", "MEMBER"),
                404
            },
            {"DELETE", "user/group/membership", Map.of("group_id", g, "username", "bob"), 404},
            {"PUT", "user/group/membership", Map.of("group_id", g, "username", "bob", "type", "ADMIN"), 404},
            {"POST", "group/membership", Map.of("child_id", g, "parent_id", g), 404},
            {"DELETE", "group/membership", Map.of("child_id", g, "parent_id", g), 404},
            {"GET", "groups/memberships/child?group.id=" + g, null, 404},
            {"GET", "groups/memberships?group.id=" + g, null, 404},
            {"GET", "user/group/memberships/child?group.id=" + g, null, 404},
            {"GET", "user/group/access?group_id=" + g + "&username=bob&type=MEMBER", null, 404}
        }) {
            list.add(new Endpoint((String) e[0], "group-management", (String) e[1], e[2], aUsersToken, (Integer) e[3]));
        }
        // Secrets: alice may hold secrets of her own; she may not act for another owner, nor re-encrypt.
        for (Object[] e : new Object[][] {
            {"POST", "secret/ssh", Map.of("metadata", Map.of("owner_id", "bob"))},
            {"POST", "secret/password", Map.of("metadata", Map.of("owner_id", "bob"), "password", "x")},
            {"POST", "secret/certificate", Map.of("metadata", Map.of("owner_id", "bob"))},
            {"GET", "secret/kv?key=k&metadata.owner_id=bob", null},
            {"POST", "secret/kv", Map.of("metadata", Map.of("owner_id", "bob"), "key", "k", "value", "v")},
            {"PUT", "secret/kv", Map.of("metadata", Map.of("owner_id", "bob"), "key", "k", "value", "v")},
            {"DELETE", "secret/kv", Map.of("metadata", Map.of("owner_id", "bob"), "key", "k")},
            {"POST", "secret/keys/re-encrypt", null}
        }) {
            list.add(new Endpoint((String) e[0], "resource-secret-management", (String) e[1], e[2], aUsersToken));
        }
        // Reads by token: a token alice may not read does not exist for her (404).
        for (String[] e : new String[][] {
            {"GET", "secret/ssh?token=" + secretToken},
            {"DELETE", "secret/ssh?token=" + secretToken},
            {"GET", "secret/password?token=" + secretToken},
            {"DELETE", "secret/password?token=" + secretToken},
            {"GET", "secret/certificate?token=" + secretToken},
            {"DELETE", "secret/certificate?token=" + secretToken}
        }) {
            list.add(new Endpoint(e[0], "resource-secret-management", e[1], null, aUsersToken, 404));
        }
        list.add(new Endpoint("GET", "resource-secret-management", "secret/summaries", null, null, 200));
        // Agents: alice lacks manage-clients; the agent token endpoints want an agent's own credentials.
        for (Object[] e : new Object[][] {
            {"POST", "enable", null},
            {"POST", "token/configuration", Map.of("access_token_life_time", 60)},
            {"POST", "roles", Map.of("roles", List.of(Map.of("name", "r")))},
            {"POST", "agent", Map.of("id", "a1")},
            {"GET", "agent/a1", null},
            {"DELETE", "agent/a1", null},
            {"POST", "agent/deactivation/a1", null},
            {"POST", "agent/activation/a1", null},
            {
                "POST",
                "agent/attributes",
                Map.of("agents", List.of("a1"), "attributes", List.of(Map.of("key", "k", "values", List.of("v"))))
            },
            {
                "DELETE",
                "agent/attributes",
                Map.of("agents", List.of("a1"), "attributes", List.of(Map.of("key", "k", "values", List.of("v"))))
            },
            {"POST", "agent/roles", Map.of("agents", List.of("a1"), "roles", List.of("offline_access"))},
            {"DELETE", "agent/roles", Map.of("id", "a1", "roles", List.of("offline_access"))},
            {"POST", "protocol/mapper", Map.of("name", "m", "claim_name", "c", "attribute_name", "a")},
            {"GET", "agents", null}
        }) {
            list.add(new Endpoint((String) e[0], "agent-management", (String) e[1], e[2], aUsersToken));
        }
        list.add(new Endpoint(
                "POST",
                "identity-management",
                "agent/token/" + TestRealm.TENANT_CLIENT,
                Map.of("grant_type", "client_credentials"),
                TestRealm::tenantAuth));
        list.add(new Endpoint(
                "POST",
                "identity-management",
                "agent/logout/" + TestRealm.TENANT_CLIENT,
                Map.of("refresh_token", "x"),
                TestRealm::tenantAuth));
        for (String[] e : new String[][] {{"POST", "status"}, {"GET", "status"}, {"GET", "logs"}}) {
            list.add(new Endpoint(e[0], "log-management", e[1], null, aUsersToken));
        }
        // Sharing: alice holds nothing on bob's entity "matrix-entity" and no sharing role. Admin-only writes are 403,
        // bob's entity does not exist for her (404), checking someone else is 403, and reads of the schema are open.
        Map<String, Object> entity = Map.of("id", "matrix-entity");
        Map<String, Object> share =
                Map.of("entity", entity, "permission_type", Map.of("id", "READ"), "owner_id", List.of("alice"));
        Map<String, Object> groupShare =
                Map.of("entity", entity, "permission_type", Map.of("id", "READ"), "owner_id", List.of("x"));
        String sharing = "sharing-management";
        for (Object[] e : new Object[][] {
            {"POST", "entity/type", Map.of("entity_type", Map.of("id", "T2")), 403},
            {"PUT", "entity/type", Map.of("entity_type", Map.of("id", "DOC")), 403},
            {"DELETE", "entity/type", Map.of("entity_type", Map.of("id", "DOC")), 403},
            {"POST", "permission/type", Map.of("permission_type", Map.of("id", "P2")), 403},
            {"PUT", "permission/type", Map.of("permission_type", Map.of("id", "READ")), 403},
            {"DELETE", "permission/type", Map.of("permission_type", Map.of("id", "READ")), 403},
            {"POST", "entity", Map.of("entity", Map.of("id", "new", "type", "DOC", "owner_id", "bob")), 403},
            {"PUT", "entity", Map.of("entity", Map.of("id", "matrix-entity", "name", "x")), 404},
            {"DELETE", "entity", Map.of("entity", entity), 404},
            {"GET", "entity?entity.id=matrix-entity", null, 404},
            {"POST", "users/share", share, 404},
            {"DELETE", "users/share", share, 404},
            {"POST", "groups/share", groupShare, 404},
            {"DELETE", "groups/share", groupShare, 404},
            {"GET", "users/share?entity.id=matrix-entity&permission_type.id=READ", null, 404},
            {"GET", "users/share/direct?entity.id=matrix-entity&permission_type.id=READ", null, 404},
            {"GET", "groups/share?entity.id=matrix-entity&permission_type.id=READ", null, 404},
            {"GET", "groups/share/direct?entity.id=matrix-entity&permission_type.id=READ", null, 404},
            {"GET", "share?entity.id=matrix-entity", null, 404},
            {"GET", "share", null, 403},
            {"GET", "share/direct", null, 403},
            {"GET", "entity/user/access?entity.id=matrix-entity&permission_type.id=READ&owner_id=bob", null, 403},
            {
                "POST",
                "entity/user/access/batch",
                Map.of(
                        "checks",
                        List.of(Map.of("entity", entity, "permission_type", Map.of("id", "READ"), "owner_id", "bob"))),
                403
            },
            {"GET", "user/entities?owner_id=bob&permission_type.id=READ", null, 403}
        }) {
            list.add(new Endpoint((String) e[0], sharing, (String) e[1], e[2], aUsersToken, (Integer) e[3]));
        }
        for (String[] e : new String[][] {
            {"GET", "entity/types"},
            {"GET", "permission/types"},
            {"GET", "entity/type?entity_type.id=DOC"},
            {"GET", "permission/type?permission_type.id=READ"},
            {"GET", "entity/existence?entity.id=matrix-entity"}
        }) {
            list.add(new Endpoint(e[0], sharing, e[1], null, null, 200));
        }
        list.add(new Endpoint("POST", sharing, "entities", Map.of(), null, 200));
        // Roles of the tenant: listing and changing them is Keycloak's view-realm / manage-realm, not a user's.
        list.add(new Endpoint("GET", "tenant-management", "roles", null, aUsersToken));
        list.add(new Endpoint(
                "POST", "tenant-management", "roles", Map.of("roles", List.of(Map.of("name", "r"))), aUsersToken));
        list.add(new Endpoint("DELETE", "tenant-management", "role", Map.of("role", Map.of("name", "r")), aUsersToken));
        list.add(new Endpoint("GET", "user-management", "roles", null, aUsersToken));
        list.add(new Endpoint("GET", "user-management", "user?user.username=bob", null, aUsersToken));
        // The self-service API acts for a person; another registered user's record needs view-users.
        list.add(new Endpoint("GET", "api", "user", null, clientWithoutUser));
        list.add(new Endpoint("GET", "api", "users/someone-else", null, aUsersToken));
        // AuthZEN: a user without the decision-point role asks about someone else (bob): 403, and learns nothing.
        Map<String, Object> bob = Map.of("type", "user", "id", "bob");
        Map<String, Object> read = Map.of("name", "READ");
        Map<String, Object> doc = Map.of("type", "DOC", "id", "matrix-entity");
        for (Object[] e : new Object[][] {
            {"access/v1/evaluation", Map.of("subject", bob, "action", read, "resource", doc)},
            {"access/v1/evaluations", Map.of("subject", bob, "action", read, "resource", doc)},
            {"access/v1/search/subject", Map.of("subject", Map.of("type", "user"), "action", read, "resource", doc)},
            {"access/v1/search/resource", Map.of("subject", bob, "action", read, "resource", Map.of("type", "DOC"))},
            {"access/v1/search/action", Map.of("subject", bob, "resource", doc)}
        }) {
            list.add(new Endpoint("POST", "authzen", (String) e[0], e[1], aUsersToken));
        }
        return list;
    }

    @BeforeAll
    static void setUp() throws Exception {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(admin, "matrix", rep -> {
            rep.withArray("clients")
                    .add(Http.JSON.valueToTree(Map.of(
                            "clientId",
                            "disabled-client",
                            "enabled",
                            false,
                            "publicClient",
                            false,
                            "secret",
                            "disabled-secret",
                            "serviceAccountsEnabled",
                            true)));
            rep.withArray("users").add(Http.JSON.valueToTree(Map.of("username", "bob", "enabled", true)));
        });
        Http.Reply group = Http.request("POST", realm.custos("group-management", "groups"))
                .auth(realm.tenantAuth())
                .json(Map.of("groups", List.of(Map.of("name", "matrix-group", "ownerId", "bob"))))
                .send();
        groupId = group.json().get("groups").get(0).get("id").asText();
        secretToken = Http.request("POST", realm.custos("resource-secret-management", "secret/ssh"))
                .auth(realm.tenantAuth())
                .json(Map.of("metadata", Map.of("owner_id", "bob")))
                .send()
                .json()
                .get("token")
                .asText();
        for (Object[] call : new Object[][] {
            {"entity/type", Map.of("entity_type", Map.of("id", "DOC"))},
            {"permission/type", Map.of("permission_type", Map.of("id", "READ"))},
            {"entity", Map.of("entity", Map.of("id", "matrix-entity", "type", "DOC", "owner_id", "bob"))}
        }) {
            Http.Reply r = Http.request("POST", realm.custos("sharing-management", (String) call[0]))
                    .auth(realm.tenantAuth())
                    .json(call[1])
                    .send();
            assertEquals(200, r.status(), r.toString());
        }
        otherRealm = TestRealm.create(admin, "matrix-other", rep -> rep.withArray("clients")
                .add(Http.JSON.valueToTree(
                        Map.of("clientId", "only-in-other", "publicClient", false, "secret", "other-secret"))));
        userToken = realm.userAccessToken();
        otherRealmUserToken = otherRealm.userAccessToken();

        // An expired token of this very realm: issue one with a 1-second lifespan, then restore the realm.
        admin.update("/" + realm.name(), Map.of("accessTokenLifespan", 1));
        expiredToken = realm.userAccessToken();
        admin.update("/" + realm.name(), Map.of("accessTokenLifespan", 300));
        Thread.sleep(2500);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
        otherRealm.close();
    }

    private static String forged(String jwt) {
        String[] parts = jwt.split("\\.");
        char last = parts[2].charAt(10);
        parts[2] = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        return String.join(".", parts);
    }

    private static void assertRefused(Http.Reply r, int status, String what) {
        assertEquals(status, r.status(), what + " -> " + r);
        JsonNode body = r.json();
        assertTrue(body.hasNonNull("error") && body.hasNonNull("error_description"), what + " -> " + r);
        assertFalse(r.body().contains(realm.tenantSecret()), "secret echoed: " + r);
        assertFalse(r.body().contains("Exception"), "exception text leaked: " + r);
    }

    /**
     * The matrix's endpoints come from the same source as the API description: every operation the OpenAPI
     * document says can answer 401 (every authenticated one) must be in {@link #endpoints()}, and nothing else.
     */
    @Test
    void theMatrixCoversEveryAuthenticatedOperationOfTheDocument() throws Exception {
        JsonNode doc = Http.JSON.readTree(
                java.nio.file.Files.readString(java.nio.file.Path.of("src/main/resources/custos-openapi.json")));
        java.util.Set<String> documented = new java.util.TreeSet<>();
        doc.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (op.getValue().path("responses").has("401")) {
                        documented.add(op.getKey().toUpperCase() + " " + path.getKey());
                    }
                }));
        // A documented template ({id}) matches the concrete ids the matrix uses.
        java.util.Set<String> missing = new java.util.TreeSet<>();
        java.util.Set<String> undocumented = new java.util.TreeSet<>();
        List<Endpoint> endpoints = endpoints();
        for (String op : documented) {
            java.util.regex.Pattern template = java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(op).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
            if (endpoints.stream().noneMatch(e -> template.matcher(e.method() + " " + e.documentPath())
                    .matches())) {
                missing.add(op);
            }
        }
        for (Endpoint e : endpoints) {
            String call = e.method() + " " + e.documentPath();
            if (documented.stream().noneMatch(op -> java.util.regex.Pattern.compile(
                            java.util.regex.Pattern.quote(op).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"))
                    .matcher(call)
                    .matches())) {
                undocumented.add(call);
            }
        }
        assertEquals(java.util.Set.of(), missing, "authenticated operations the caller matrix does not try");
        assertEquals(
                java.util.Set.of(), undocumented, "matrix entries the document does not describe as authenticated");
    }

    @TestFactory
    List<DynamicTest> everyEndpointRefusesBadCallers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            Map<String, String> unauthorized = new java.util.LinkedHashMap<>();
            unauthorized.put("another realm's client credentials", Http.custosBearer("only-in-other", "other-secret"));
            unauthorized.put("another realm's same-named client", otherRealm.tenantAuth());
            unauthorized.put("another realm's user token", Http.bearer(otherRealmUserToken));
            unauthorized.put("an expired token", Http.bearer(expiredToken));
            unauthorized.put("a forged token", Http.bearer(forged(userToken)));
            unauthorized.put("a wrong secret", Http.custosBearer(TestRealm.TENANT_CLIENT, "wrong"));
            unauthorized.put("a wrong secret (Basic)", Http.basic(TestRealm.TENANT_CLIENT, "wrong"));
            unauthorized.put("a disabled client", Http.custosBearer("disabled-client", "disabled-secret"));
            unauthorized.put("a public client", Http.custosBearer(TestRealm.PUBLIC_CLIENT, "anything"));
            unauthorized.put("garbage", "Bearer not-a-token");
            unauthorized.put("an unknown scheme", "Digest abc");
            tests.add(DynamicTest.dynamicTest(
                    e + ": no Authorization -> 401",
                    () -> assertRefused(e.request(realm).send(), 401, "no Authorization")));
            unauthorized.forEach((what, auth) -> tests.add(DynamicTest.dynamicTest(
                    e + ": " + what + " -> 401",
                    () -> assertRefused(e.request(realm).auth(auth).send(), 401, what))));
            if (e.wrongKind() != null) {
                int expected = e.wrongKindStatus();
                tests.add(DynamicTest.dynamicTest(
                        e + ": a caller of the wrong kind -> " + expected,
                        () -> assertRefused(
                                e.request(realm)
                                        .auth(e.wrongKind().apply(realm))
                                        .send(),
                                expected,
                                "wrong kind")));
            } else if (e.wrongKindStatus() == 200) {
                tests.add(DynamicTest.dynamicTest(
                        e + ": any authenticated caller -> 200",
                        () -> assertEquals(
                                200,
                                e.request(realm).auth(realm.tenantAuth()).send().status())));
            }
        }
        return tests;
    }

    @Test
    void refusedCallsChangedNothing() {
        JsonNode alice = realm.adminUser(TestRealm.USER);
        assertTrue(alice.get("enabled").asBoolean());
        assertEquals("Alice", alice.get("firstName").asText());
        assertFalse(alice.path("attributes").has("k"));
        assertEquals(
                200,
                realm.tryPasswordGrant(TestRealm.USER, TestRealm.USER_PASSWORD).status());
        assertEquals(null, realm.adminUser("x"));
        assertEquals(
                0,
                realm.admin()
                        .get("/" + realm.name() + "/clients?clientId=custos-agents")
                        .size(),
                "agents were not enabled");
        JsonNode groups = realm.admin().get("/" + realm.name() + "/groups");
        assertEquals(1, groups.size(), "no group was created: " + groups);
        assertEquals("matrix-group", groups.get(0).get("name").asText());
        assertEquals(
                1,
                realm.admin()
                        .get("/" + realm.name() + "/groups/" + groupId + "/members")
                        .size(),
                "only bob, the owner, is a member");
        JsonNode types = Http.request("GET", realm.custos("sharing-management", "entity/types"))
                .auth(realm.tenantAuth())
                .send()
                .json();
        assertEquals(
                2, types.get("types").size(), "no entity type was created or deleted (SECRET is built in): " + types);
        JsonNode shared = Http.request(
                        "GET",
                        realm.custos(
                                "sharing-management", "users/share?entity.id=matrix-entity&permission_type.id=READ"))
                .auth(realm.tenantAuth())
                .send()
                .json();
        assertEquals(0, shared.get("owner_ids").size(), "nothing was shared: " + shared);
        JsonNode owner = Http.request("GET", realm.custos("sharing-management", "entity?entity.id=matrix-entity"))
                .auth(realm.tenantAuth())
                .send()
                .json();
        assertEquals("bob", owner.get("owner_id").asText(), "the entity is still there: " + owner);
        assertEquals(
                0,
                Http.request("POST", realm.custos("sharing-management", "entities"))
                        .auth(realm.tenantAuth())
                        .json(Map.of("search_criteria", List.of(Map.of("search_field", "ID", "value", "new"))))
                        .send()
                        .json()
                        .get("entity_array")
                        .size(),
                "alice created no entity");
    }

    @Test
    void unauthorizedAnswersCarryAWwwAuthenticateChallenge() {
        Http.Reply r =
                Http.request("GET", realm.custos("identity-management", "user")).send();
        assertEquals(401, r.status());
        assertTrue(
                r.header("WWW-Authenticate").startsWith("Bearer"), r.headers().toString());
    }

    @Test
    void idsOfAnotherRealmAreInvisible() {
        // The other realm's sharing admin cannot see, check or share this realm's entity.
        for (String path : List.of(
                "entity?entity.id=matrix-entity",
                "entity/user/access?entity.id=matrix-entity&permission_type.id=OWNER&owner_id=alice",
                "users/share?entity.id=matrix-entity&permission_type.id=OWNER",
                "share?entity.id=matrix-entity")) {
            Http.Reply r = Http.request("GET", otherRealm.custos("sharing-management", path))
                    .auth(otherRealm.tenantAuth())
                    .send();
            assertEquals(404, r.status(), path + " -> " + r);
        }
        Http.Reply exists = Http.request(
                        "GET", otherRealm.custos("sharing-management", "entity/existence?entity.id=matrix-entity"))
                .auth(otherRealm.tenantAuth())
                .send();
        assertFalse(exists.json().get("status").asBoolean(), exists.toString());
        Http.Reply creds = Http.request(
                        "GET", realm.custos("identity-management", "credentials?client_id=only-in-other"))
                .auth(realm.tenantAuth())
                .send();
        // Another realm's client id is answered as any other client's: refused, with nothing about it.
        assertEquals(403, creds.status(), creds.toString());
        assertFalse(creds.body().contains("only-in-other"), creds.toString());
        Http.Reply discovery = Http.request(
                        "GET",
                        realm.custos("identity-management", ".well-known/openid-configuration?client_id=only-in-other"))
                .send();
        assertEquals(200, discovery.status(), discovery.toString());
        assertTrue(
                discovery.json().get("issuer").asText().endsWith("/realms/" + realm.name()),
                "this realm's document, nothing of the other realm: " + discovery);
    }

    @Test
    void publicEndpointsStayPublic() {
        assertEquals(
                200,
                Http.request(
                                "GET",
                                realm.custos(
                                        "identity-management",
                                        ".well-known/openid-configuration?client_id=" + TestRealm.TENANT_CLIENT))
                        .send()
                        .status());
        assertEquals(
                200,
                Http.request("GET", realm.realmUrl() + "/custos/openapi.json")
                        .send()
                        .status());
    }
}
