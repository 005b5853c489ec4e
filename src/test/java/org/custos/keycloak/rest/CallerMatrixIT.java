package org.custos.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** The endpoints of one service, and who of the realm's valid callers each refuses. */
    record Service(String name) {
        /** Refused to alice, a plain user (authenticated, without realm-management roles, groups or shares): 403. */
        Endpoint refusesUser(String method, String path, Object body) {
            return new Endpoint(method, name, path, body, r -> Http.bearer(userToken));
        }

        /** Refused to alice with this status (404 where the endpoint names something she may not see). */
        Endpoint refusesUser(String method, String path, Object body, int status) {
            return new Endpoint(method, name, path, body, r -> Http.bearer(userToken), status);
        }

        /** Refused to the tenant client without a user (403). */
        Endpoint refusesClient(String method, String path, Object body) {
            return new Endpoint(method, name, path, body, TestRealm::tenantAuth);
        }

        /** Open to any authenticated caller (200); only the unauthenticated ones are refused. */
        Endpoint open(String method, String path, Object body) {
            return new Endpoint(method, name, path, body, null, 200);
        }
    }

    static List<Endpoint> endpoints() {
        Service identity = new Service("identity-management");
        Service users = new Service("user-management");
        Service groups = new Service("group-management");
        Service secrets = new Service("resource-secret-management");
        Service agents = new Service("agent-management");
        Service logs = new Service("log-management");
        Service sharing = new Service("sharing-management");
        Service tenant = new Service("tenant-management");
        Service api = new Service("api");
        Service authzen = new Service("authzen");
        String alice = TestRealm.USER;
        Map<String, Object> oneUser = Map.of("username", alice);
        List<Map<String, Object>> kv = List.of(Map.of("key", "k", "values", List.of("v")));
        Map<String, Object> attributes = Map.of("attributes", kv, "users", List.of(alice));
        Map<String, Object> mapper =
                Map.of("current_username", alice, "previous_username", alice, "linking_attributes", List.of("name"));
        // Groups: alice is authenticated but neither a user-admin nor a member of the realm's group.
        String g = groupId;
        // Secrets: alice may hold secrets of her own; she may not act for another owner, nor re-encrypt.
        Map<String, Object> bobs = Map.of("owner_id", "bob");
        // Reads by token: a token alice may not read does not exist for her (404).
        String token = "?token=" + secretToken;
        Map<String, Object> agentAttributes = Map.of("agents", List.of("a1"), "attributes", kv);
        // Sharing: alice holds nothing on bob's entity "matrix-entity" and no sharing role. Admin-only writes are 403,
        // bob's entity does not exist for her (404), checking someone else is 403, and reads of the schema are open.
        Map<String, Object> entity = Map.of("id", "matrix-entity");
        Map<String, Object> share =
                Map.of("entity", entity, "permission_type", Map.of("id", "READ"), "owner_id", List.of("alice"));
        Map<String, Object> groupShare =
                Map.of("entity", entity, "permission_type", Map.of("id", "READ"), "owner_id", List.of("x"));
        String readShares = "?entity.id=matrix-entity&permission_type.id=READ";
        Map<String, Object> bobsCheck =
                Map.of("entity", entity, "permission_type", Map.of("id", "READ"), "owner_id", "bob");
        // AuthZEN: a user without the decision-point role asks about someone else (bob): 403, and learns nothing.
        Map<String, Object> bob = Map.of("type", "user", "id", "bob");
        Map<String, Object> read = Map.of("name", "READ");
        Map<String, Object> doc = Map.of("type", "DOC", "id", "matrix-entity");
        return List.of(
                identity.refusesUser("POST", "token", Map.of("grant_type", "client_credentials")),
                identity.refusesUser("GET", "credentials", null),
                identity.refusesUser("POST", "user/logout", Map.of("refresh_token", "x")),
                identity.refusesClient("GET", "user", null),
                // Users: alice is a plain user, without realm-management roles.
                users.refusesUser(
                        "POST",
                        "user",
                        Map.of("username", "x", "first_name", "a", "last_name", "b", "email", "x@example.org")),
                users.refusesUser("POST", "user/activation", oneUser),
                users.refusesUser("POST", "user/deactivation", oneUser),
                users.refusesUser("GET", "user/activation/status?user.username=" + alice, null),
                users.refusesUser("GET", "user/availability?user.username=x", null),
                users.refusesUser("PUT", "user/password", Map.of("username", alice, "password", "whatever-123")),
                users.refusesUser("DELETE", "user", oneUser),
                users.refusesUser("POST", "attributes", attributes),
                users.refusesUser("DELETE", "attributes", attributes),
                users.refusesUser(
                        "POST", "users/roles", Map.of("roles", List.of("offline_access"), "usernames", List.of(alice))),
                users.refusesUser(
                        "DELETE", "users/roles", Map.of("roles", List.of("offline_access"), "username", alice)),
                users.refusesUser(
                        "DELETE", "user/roles", Map.of("roles", List.of("offline_access"), "username", alice)),
                users.refusesUser("PUT", "user/profile", Map.of("username", alice, "first_name", "Mallory")),
                users.refusesUser("GET", "users", null),
                users.refusesUser("GET", "users/profile", null),
                users.refusesUser("POST", "user/profile/mapper", mapper),
                users.refusesUser("POST", "user/admin", oneUser),
                users.refusesUser("DELETE", "user/admin", oneUser),
                groups.refusesUser("POST", "groups", Map.of("groups", List.of(Map.of("name", "x")))),
                groups.refusesUser("POST", "group", Map.of("group", Map.of("name", "x"))),
                groups.refusesUser("GET", "groups", null),
                groups.refusesUser("GET", "user/group/memberships?profile.username=bob", null),
                groups.refusesUser("PUT", "group/" + g, Map.of("group", Map.of("name", "x")), 404),
                groups.refusesUser("DELETE", "group/" + g, null, 404),
                groups.refusesUser("GET", "group?group.id=" + g, null, 404),
                groups.refusesUser(
                        "POST",
                        "user/group/membership",
                        Map.of("group_id", g, "username", alice, "membership_type", "MEMBER"),
                        404),
                groups.refusesUser("DELETE", "user/group/membership", Map.of("group_id", g, "username", "bob"), 404),
                groups.refusesUser(
                        "PUT", "user/group/membership", Map.of("group_id", g, "username", "bob", "type", "ADMIN"), 404),
                groups.refusesUser("POST", "group/membership", Map.of("child_id", g, "parent_id", g), 404),
                groups.refusesUser("DELETE", "group/membership", Map.of("child_id", g, "parent_id", g), 404),
                groups.refusesUser("GET", "groups/memberships/child?group.id=" + g, null, 404),
                groups.refusesUser("GET", "groups/memberships?group.id=" + g, null, 404),
                groups.refusesUser("GET", "user/group/memberships/child?group.id=" + g, null, 404),
                groups.refusesUser("GET", "user/group/access?group_id=" + g + "&username=bob&type=MEMBER", null, 404),
                secrets.refusesUser("POST", "secret/ssh", Map.of("metadata", bobs)),
                secrets.refusesUser("POST", "secret/password", Map.of("metadata", bobs, "password", "x")),
                secrets.refusesUser("POST", "secret/certificate", Map.of("metadata", bobs)),
                secrets.refusesUser("GET", "secret/kv?key=k&metadata.owner_id=bob", null),
                secrets.refusesUser("POST", "secret/kv", Map.of("metadata", bobs, "key", "k", "value", "v")),
                secrets.refusesUser("PUT", "secret/kv", Map.of("metadata", bobs, "key", "k", "value", "v")),
                secrets.refusesUser("DELETE", "secret/kv", Map.of("metadata", bobs, "key", "k")),
                secrets.refusesUser("POST", "secret/keys/re-encrypt", null),
                secrets.refusesUser("GET", "secret/ssh" + token, null, 404),
                secrets.refusesUser("DELETE", "secret/ssh" + token, null, 404),
                secrets.refusesUser("GET", "secret/password" + token, null, 404),
                secrets.refusesUser("DELETE", "secret/password" + token, null, 404),
                secrets.refusesUser("GET", "secret/certificate" + token, null, 404),
                secrets.refusesUser("DELETE", "secret/certificate" + token, null, 404),
                secrets.open("GET", "secret/summaries", null),
                // Agents: alice lacks manage-clients; the agent token endpoints want an agent's own credentials.
                agents.refusesUser("POST", "enable", null),
                agents.refusesUser("POST", "token/configuration", Map.of("access_token_life_time", 60)),
                agents.refusesUser("POST", "roles", Map.of("roles", List.of(Map.of("name", "r")))),
                agents.refusesUser("POST", "agent", Map.of("id", "a1")),
                agents.refusesUser("GET", "agent/a1", null),
                agents.refusesUser("DELETE", "agent/a1", null),
                agents.refusesUser("POST", "agent/deactivation/a1", null),
                agents.refusesUser("POST", "agent/activation/a1", null),
                agents.refusesUser("POST", "agent/attributes", agentAttributes),
                agents.refusesUser("DELETE", "agent/attributes", agentAttributes),
                agents.refusesUser(
                        "POST", "agent/roles", Map.of("agents", List.of("a1"), "roles", List.of("offline_access"))),
                agents.refusesUser("DELETE", "agent/roles", Map.of("id", "a1", "roles", List.of("offline_access"))),
                agents.refusesUser(
                        "POST", "protocol/mapper", Map.of("name", "m", "claim_name", "c", "attribute_name", "a")),
                agents.refusesUser("GET", "agents", null),
                identity.refusesClient(
                        "POST", "agent/token/" + TestRealm.TENANT_CLIENT, Map.of("grant_type", "client_credentials")),
                identity.refusesClient("POST", "agent/logout/" + TestRealm.TENANT_CLIENT, Map.of("refresh_token", "x")),
                logs.refusesUser("POST", "status", null),
                logs.refusesUser("GET", "status", null),
                logs.refusesUser("GET", "logs", null),
                sharing.refusesUser("POST", "entity/type", Map.of("entity_type", Map.of("id", "T2")), 403),
                sharing.refusesUser("PUT", "entity/type", Map.of("entity_type", Map.of("id", "DOC")), 403),
                sharing.refusesUser("DELETE", "entity/type", Map.of("entity_type", Map.of("id", "DOC")), 403),
                sharing.refusesUser("POST", "permission/type", Map.of("permission_type", Map.of("id", "P2")), 403),
                sharing.refusesUser("PUT", "permission/type", Map.of("permission_type", Map.of("id", "READ")), 403),
                sharing.refusesUser("DELETE", "permission/type", Map.of("permission_type", Map.of("id", "READ")), 403),
                sharing.refusesUser(
                        "POST", "entity", Map.of("entity", Map.of("id", "new", "type", "DOC", "owner_id", "bob")), 403),
                sharing.refusesUser("PUT", "entity", Map.of("entity", Map.of("id", "matrix-entity", "name", "x")), 404),
                sharing.refusesUser("DELETE", "entity", Map.of("entity", entity), 404),
                sharing.refusesUser("GET", "entity?entity.id=matrix-entity", null, 404),
                sharing.refusesUser("POST", "users/share", share, 404),
                sharing.refusesUser("DELETE", "users/share", share, 404),
                sharing.refusesUser("POST", "groups/share", groupShare, 404),
                sharing.refusesUser("DELETE", "groups/share", groupShare, 404),
                sharing.refusesUser("GET", "users/share" + readShares, null, 404),
                sharing.refusesUser("GET", "users/share/direct" + readShares, null, 404),
                sharing.refusesUser("GET", "groups/share" + readShares, null, 404),
                sharing.refusesUser("GET", "groups/share/direct" + readShares, null, 404),
                sharing.refusesUser("GET", "share?entity.id=matrix-entity", null, 404),
                sharing.refusesUser("GET", "share", null, 403),
                sharing.refusesUser("GET", "share/direct", null, 403),
                sharing.refusesUser(
                        "GET",
                        "entity/user/access?entity.id=matrix-entity&permission_type.id=READ&owner_id=bob",
                        null,
                        403),
                sharing.refusesUser("POST", "entity/user/access/batch", Map.of("checks", List.of(bobsCheck)), 403),
                sharing.refusesUser("GET", "user/entities?owner_id=bob&permission_type.id=READ", null, 403),
                sharing.open("GET", "entity/types", null),
                sharing.open("GET", "permission/types", null),
                sharing.open("GET", "entity/type?entity_type.id=DOC", null),
                sharing.open("GET", "permission/type?permission_type.id=READ", null),
                sharing.open("GET", "entity/existence?entity.id=matrix-entity", null),
                sharing.open("POST", "entities", Map.of()),
                // Roles of the tenant: listing and changing them is Keycloak's view-realm / manage-realm, not a user's.
                tenant.refusesUser("GET", "roles", null),
                tenant.refusesUser("POST", "roles", Map.of("roles", List.of(Map.of("name", "r")))),
                tenant.refusesUser("DELETE", "role", Map.of("role", Map.of("name", "r"))),
                users.refusesUser("GET", "roles", null),
                users.refusesUser("GET", "user?user.username=bob", null),
                // The self-service API acts for a person; another registered user's record needs view-users.
                api.refusesClient("GET", "user", null),
                api.refusesUser("GET", "users/someone-else", null),
                authzen.refusesUser(
                        "POST", "access/v1/evaluation", Map.of("subject", bob, "action", read, "resource", doc)),
                authzen.refusesUser(
                        "POST", "access/v1/evaluations", Map.of("subject", bob, "action", read, "resource", doc)),
                authzen.refusesUser(
                        "POST",
                        "access/v1/search/subject",
                        Map.of("subject", Map.of("type", "user"), "action", read, "resource", doc)),
                authzen.refusesUser(
                        "POST",
                        "access/v1/search/resource",
                        Map.of("subject", bob, "action", read, "resource", Map.of("type", "DOC"))),
                authzen.refusesUser("POST", "access/v1/search/action", Map.of("subject", bob, "resource", doc)));
    }

    @BeforeAll
    static void setUp() throws Exception {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        String disabledClient =
                """
                {
                  "clientId": "disabled-client",
                  "enabled": false,
                  "publicClient": false,
                  "secret": "disabled-secret",
                  "serviceAccountsEnabled": true
                }""";
        realm = TestRealm.create(admin, "matrix", rep -> {
            rep.withArray("clients").add(Http.parse(disabledClient));
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
        List<Map.Entry<String, Object>> sharingSetUp = List.of(
                Map.entry("entity/type", Map.of("entity_type", Map.of("id", "DOC"))),
                Map.entry("permission/type", Map.of("permission_type", Map.of("id", "READ"))),
                Map.entry("entity", Map.of("entity", Map.of("id", "matrix-entity", "type", "DOC", "owner_id", "bob"))));
        for (Map.Entry<String, Object> call : sharingSetUp) {
            Http.Reply r = Http.request("POST", realm.custos("sharing-management", call.getKey()))
                    .auth(realm.tenantAuth())
                    .json(call.getValue())
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

    /** One call of the matrix: an endpoint, a caller (null: no Authorization) and the status the caller gets. */
    record Attempt(Endpoint endpoint, String caller, String authorization, int status) {
        @Override
        public String toString() {
            return endpoint + ": " + caller + " -> " + status;
        }
    }

    /**
     * Every endpoint with every unauthenticated caller (401), and with a valid caller of the wrong kind (403 or 404)
     * or, for the open endpoints, with any authenticated caller (200).
     */
    static Stream<Attempt> attempts() {
        Map<String, String> unauthorized = new LinkedHashMap<>();
        unauthorized.put("no Authorization", null);
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
        return endpoints().stream().flatMap(e -> {
            List<Attempt> attempts = new ArrayList<>();
            unauthorized.forEach((caller, auth) -> attempts.add(new Attempt(e, caller, auth, 401)));
            if (e.wrongKind() != null) {
                attempts.add(new Attempt(
                        e, "a caller of the wrong kind", e.wrongKind().apply(realm), e.wrongKindStatus()));
            } else if (e.wrongKindStatus() == 200) {
                attempts.add(new Attempt(e, "any authenticated caller", realm.tenantAuth(), 200));
            }
            return attempts.stream();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void everyEndpointRefusesBadCallers(Attempt attempt) {
        Http.Request request = attempt.endpoint().request(realm);
        if (attempt.authorization() != null) {
            request.auth(attempt.authorization());
        }
        Http.Reply reply = request.send();
        if (attempt.status() == 200) {
            assertEquals(200, reply.status());
        } else {
            assertRefused(reply, attempt.status(), attempt.caller());
        }
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
