package org.custos.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests, as a busy gateway sends them: 20 identical creates end in one row and nineteen 409s, never a
 * 500; identical shares are idempotent; conflicting moves never make a cycle; a secret written while a re-encryption
 * runs keeps the value its writer was told was stored.
 */
class RaceIT {

    private static final int N = 20;
    private static TestRealm realm;
    private static String root;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "race", rep -> {
            rep.putObject("roles").set("realm", Http.JSON.valueToTree(List.of(Map.of("name", "custos-secrets-admin"))));
            rep.withArray("users")
                    .add(
                            Http.parse(
                                    """
                                    {"username": "root", "enabled": true, "email": "root@example.org",
                                     "firstName": "Root", "lastName": "R", "realmRoles": ["custos-secrets-admin"],
                                     "clientRoles": {"realm-management": ["manage-realm"]},
                                     "credentials":
                                       [{"type": "password", "value": "root-password-1", "temporary": false}]}"""));
        });
        root = realm.accessToken("root", "root-password-1");
        ok(tenant("sharing-management", "POST", "entity/type")
                .json(Map.of("entity_type", Map.of("id", "DOC", "name", "DOC")))
                .send());
        ok(tenant("sharing-management", "POST", "permission/type")
                .json(Map.of("permission_type", Map.of("id", "READ", "name", "READ")))
                .send());
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static Http.Request tenant(String service, String method, String path) {
        return Http.request(method, realm.custos(service, path)).auth(realm.tenantAuth());
    }

    private static Http.Reply ok(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        return reply;
    }

    /** Sends {@code n} requests at once (all threads released together) and returns the replies in order. */
    private static List<Http.Reply> atOnce(int n, IntFunction<Http.Request> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Http.Request r = request.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return r.send();
                }));
            }
            start.countDown();
            List<Http.Reply> replies = new ArrayList<>();
            for (Future<Http.Reply> f : futures) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long typesNamed(String id) {
        long types = 0;
        for (JsonNode t : ok(tenant("sharing-management", "GET", "entity/types").send())
                .json()
                .get("types")) {
            types += t.get("id").asText().equals(id) ? 1 : 0;
        }
        return types;
    }

    private static void oneWinnerRestConflict(List<Http.Reply> replies, String what) {
        long ok = replies.stream().filter(r -> r.status() == 200).count();
        long conflicts = replies.stream().filter(r -> r.status() == 409).count();
        assertEquals(1, ok, what + ": exactly one create succeeds, got " + statuses(replies));
        assertEquals(N - 1, conflicts, what + ": every other one is a 409, got " + statuses(replies));
        replies.stream()
                .filter(r -> r.status() == 409)
                .forEach(r ->
                        assertTrue(r.body().contains("\"error\""), what + ": a 409 carries the JSON error body: " + r));
    }

    private static List<Integer> statuses(List<Http.Reply> replies) {
        return replies.stream().map(Http.Reply::status).toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void concurrentIdenticalUserRegistrationsMakeOneUser() throws Exception {
        String username = unique("racer");
        oneWinnerRestConflict(
                atOnce(N, i -> tenant("user-management", "POST", "user")
                        .jsonBody(
                                """
                                {"username": "%s", "first_name": "R", "last_name": "R", "email": "%s@example.org",
                                 "password": "12345678", "temporary_password": false}"""
                                        .formatted(username, username))),
                "user");
        JsonNode found = realm.admin().get("/" + realm.name() + "/users?exact=true&username=" + username);
        assertEquals(1, found.size(), "one user in the database");
    }

    @Test
    void concurrentIdenticalGroupCreatesMakeOneGroup() throws Exception {
        String name = unique("team");
        oneWinnerRestConflict(
                atOnce(N, i -> tenant("group-management", "POST", "group")
                        .json(Map.of("group", Map.of("name", name, "description", "d")))),
                "group");
        JsonNode found = realm.admin().get("/" + realm.name() + "/groups?exact=true&search=" + name);
        assertEquals(1, found.size(), "one group in the database");
    }

    @Test
    void concurrentIdenticalTypeAndEntityCreatesMakeOneRow() throws Exception {
        // Identical type creates all succeed (creating what exists as it is changes nothing) and make one row;
        // creates of one id that differ: one wins, every other one is a 409.
        String type = unique("TYPE");
        List<Http.Reply> same = atOnce(N, i -> tenant("sharing-management", "POST", "entity/type")
                .json(Map.of("entity_type", Map.of("id", type, "name", type))));
        assertEquals(N, same.stream().filter(r -> r.status() == 200).count(), "identical creates: " + statuses(same));
        assertEquals(1, typesNamed(type), "one entity type in the database");
        String contested = unique("TYPE");
        oneWinnerRestConflict(
                atOnce(N, i -> tenant("sharing-management", "POST", "entity/type")
                        .json(Map.of("entity_type", Map.of("id", contested, "name", contested + "-" + i)))),
                "entity type");
        assertEquals(1, typesNamed(contested), "one entity type in the database");

        String entity = unique("doc");
        oneWinnerRestConflict(
                atOnce(N, i -> tenant("sharing-management", "POST", "entity")
                        .jsonBody(
                                """
                                {"entity": {"id": "%s", "type": "DOC", "owner_id": "%s", "name": "n"}}"""
                                        .formatted(entity, TestRealm.USER))),
                "entity");
        JsonNode found = ok(tenant("sharing-management", "POST", "entities")
                        .jsonBody(
                                """
                                {"search_criteria": [{"search_field": "ID", "condition": "EQUAL", "value": "%s"}]}"""
                                        .formatted(entity))
                        .send())
                .json();
        assertEquals(1, found.get("entity_array").size(), "one entity in the database");
    }

    @Test
    void concurrentIdenticalKvCreatesMakeOneSecret() throws Exception {
        String key = unique("key");
        String alice = realm.userAccessToken();
        oneWinnerRestConflict(
                atOnce(N, i -> tenant("resource-secret-management", "POST", "secret/kv")
                        .header("user-token", alice)
                        .jsonBody(
                                """
                                {"metadata": {"client_id": "%s"}, "key": "%s", "value": "value-%s"}"""
                                        .formatted(TestRealm.TENANT_CLIENT, key, i))),
                "KV secret");
        Http.Reply got = ok(tenant("resource-secret-management", "GET", "secret/kv?key=" + key)
                .header("user-token", alice)
                .send());
        assertTrue(got.json().get("value").asText().startsWith("value-"));
        if ("postgres".equals(System.getProperty("custos.test.db"))) {
            try (java.sql.Connection db = org.custos.keycloak.testing.Postgres.connect();
                    java.sql.PreparedStatement q =
                            db.prepareStatement("select count(*) from CUSTOS_SECRET where KV_KEY = ?")) {
                q.setString(1, key);
                try (java.sql.ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "one row in the database");
                }
            }
        }
    }

    @Test
    void concurrentIdenticalSharesAreOneIdempotentGrant() throws Exception {
        String entity = unique("shared");
        ok(tenant("sharing-management", "POST", "entity")
                .json(Map.of("entity", Map.of("id", entity, "type", "DOC", "owner_id", TestRealm.USER, "name", "n")))
                .send());
        List<Http.Reply> replies = atOnce(N, i -> tenant("sharing-management", "POST", "users/share")
                .jsonBody(
                        """
                        {"entity": {"id": "%s"}, "permission_type": {"id": "READ"}, "owner_id": ["root"],
                         "cascade": true}"""
                                .formatted(entity)));
        assertEquals(
                List.of(),
                replies.stream().filter(r -> r.status() != 200).toList(),
                "sharing again is an idempotent 200, concurrently too");
        JsonNode sharings = ok(tenant("sharing-management", "GET", "share/direct?entity.id=" + entity)
                        .send())
                .json();
        long rows = 0;
        for (JsonNode s : sharings.get("shared_data")) {
            rows += s.get("owner_id").asText().equals("root") ? 1 : 0;
        }
        assertEquals(1, rows, "one share row: " + sharings);
    }

    @Test
    void concurrentConflictingGroupMovesNeverMakeACycle() throws Exception {
        for (int round = 0; round < 3; round++) {
            String a = createGroup(unique("a"));
            String b = createGroup(unique("b"));
            List<Http.Reply> replies = atOnce(N, i -> tenant("group-management", "POST", "group/membership")
                    .json(i % 2 == 0 ? Map.of("child_id", a, "parent_id", b) : Map.of("child_id", b, "parent_id", a)));
            for (Http.Reply r : replies) {
                assertTrue(r.status() == 200 || r.status() == 409, "a move succeeds or is a 409: " + r);
            }
            assertTrue(
                    replies.stream().anyMatch(r -> r.status() == 200),
                    statuses(replies).toString());
            String parentOfA = parent(a);
            String parentOfB = parent(b);
            assertFalse(b.equals(parentOfA) && a.equals(parentOfB), "a cycle: each group is the other's parent");
            assertTrue(b.equals(parentOfA) ^ a.equals(parentOfB), "exactly one of the moves took effect");
        }
    }

    @Test
    void concurrentConflictingEntityMovesNeverMakeACycle() throws Exception {
        String a = unique("ea");
        String b = unique("eb");
        for (String id : List.of(a, b)) {
            ok(tenant("sharing-management", "POST", "entity")
                    .json(Map.of("entity", Map.of("id", id, "type", "DOC", "owner_id", TestRealm.USER, "name", "n")))
                    .send());
        }
        List<Http.Reply> replies = atOnce(N, i -> tenant("sharing-management", "PUT", "entity")
                .json(Map.of(
                        "entity", i % 2 == 0 ? Map.of("id", a, "parent_id", b) : Map.of("id", b, "parent_id", a))));
        for (Http.Reply r : replies) {
            assertTrue(r.status() == 200 || r.status() == 409, "a move succeeds or is a 409: " + r);
        }
        String parentOfA = entityParent(a);
        String parentOfB = entityParent(b);
        assertFalse(b.equals(parentOfA) && a.equals(parentOfB), "a cycle: each entity is the other's parent");
        assertTrue(b.equals(parentOfA) ^ a.equals(parentOfB), "exactly one parent link");
    }

    @Test
    void aSecretWrittenDuringAReEncryptionKeepsTheValueItsWriterWasToldWasStored() throws Exception {
        Path keys = KeycloakServer.secretsKeyFile();
        org.junit.jupiter.api.Assumptions.assumeTrue(keys != null, "re-encryption needs the test server's key file");
        String alice = realm.userAccessToken();
        for (int round = 0; round < 6; round++) {
            String key = unique("rk");
            ok(tenant("resource-secret-management", "POST", "secret/kv")
                    .header("user-token", alice)
                    .jsonBody(
                            """
                            {"metadata": {"client_id": "%s"}, "key": "%s", "value": "old-%s"}"""
                                    .formatted(TestRealm.TENANT_CLIENT, key, round))
                    .send());
            rotate(keys);
            String fresh = "new-" + round;
            List<Http.Reply> replies = atOnce(
                    2,
                    i -> i == 0
                            ? tenant("resource-secret-management", "PUT", "secret/kv")
                                    .header("user-token", alice)
                                    .json(Map.of("key", key, "value", fresh))
                            : Http.request("POST", realm.custos("resource-secret-management", "secret/keys/re-encrypt"))
                                    .auth(Http.bearer(root)));
            for (Http.Reply r : replies) {
                assertTrue(r.status() == 200 || r.status() == 409, "a write succeeds or is a 409: " + r);
            }
            String stored = ok(tenant("resource-secret-management", "GET", "secret/kv?key=" + key)
                            .header("user-token", alice)
                            .send())
                    .json()
                    .get("value")
                    .asText();
            assertEquals(
                    replies.get(0).status() == 200 ? fresh : "old-" + round,
                    stored,
                    "the value is the one its writer was told was stored: " + statuses(replies));
        }
    }

    /**
     * Adds a new active key to the server's key file, which the server re-reads when it changes; every key stays, so
     * every secret stays readable.
     */
    private static void rotate(Path keys) throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        String id = "race" + System.nanoTime();
        Files.writeString(
                keys,
                Files.readString(keys).replaceAll("(?m)^active=.*\\n?", "") + "\n" + id + "="
                        + Base64.getEncoder().encodeToString(k) + "\nactive=" + id + "\n");
    }

    private static String createGroup(String name) {
        Http.Reply r = realm.admin().call("POST", "/" + realm.name() + "/groups", Map.of("name", name));
        assertEquals(201, r.status(), r.toString());
        String location = r.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String parent(String groupId) {
        JsonNode g = realm.admin().get("/" + realm.name() + "/groups/" + groupId);
        return g.hasNonNull("parentId") ? g.get("parentId").asText() : null;
    }

    private static String entityParent(String id) {
        String parent = ok(tenant("sharing-management", "GET", "entity?entity.id=" + id)
                        .send())
                .json()
                .path("parent_id")
                .asText();
        return parent.isEmpty() ? null : parent;
    }
}
