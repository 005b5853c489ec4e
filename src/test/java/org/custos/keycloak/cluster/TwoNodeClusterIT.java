package org.custos.keycloak.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.OutageLoad;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.custos.keycloak.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two Keycloak nodes with our jar on one PostgreSQL: for every built service, a write on node A is read on node B;
 * a logout on B ends the session for A; and B keeps answering when A is stopped. Runs in the {@code two-nodes}
 * Maven profile that {@code .ci/run} calls (it needs the private PostgreSQL).
 */
@EnabledIfSystemProperty(
        named = "custos.cluster.db.url",
        matches = "jdbc:postgresql:.*",
        disabledReason = "needs the two-nodes profile and its PostgreSQL database")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {

    private static TwoNodes cluster;
    private static TestRealm realm;
    private static String a;
    private static String b;

    @BeforeAll
    static void start() {
        cluster = TwoNodes.start();
        a = cluster.url(0);
        b = cluster.url(1);
        realm = TestRealm.create(
                new AdminApi(a), "cluster", rep -> rep.withArray("users").forEach(u -> {
                    if (u.get("username").asText().equals("service-account-" + TestRealm.TENANT_CLIENT)) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) u.get("clientRoles"))
                                .withArray("realm-management")
                                .add("manage-clients")
                                .add("manage-events")
                                .add("view-events");
                    }
                }));
    }

    @AfterAll
    static void stop() {
        try {
            if (realm != null) {
                realm.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static String on(String node, String service, String path) {
        return realm.custos(service, path).replace(a, node);
    }

    private static Http.Reply call(String node, String method, String service, String path, Object body) {
        Http.Request r = Http.request(method, on(node, service, path)).auth(realm.tenantAuth());
        return (body == null ? r : r.json(body)).send();
    }

    /** Share on A, check on B, revoke on A, check on B — 1,000 times: a revoke is never missed by the other node. */
    @Test
    @Order(1)
    void aRevokeOnAIsSeenByTheNextCheckOnB() {
        SharingApi onA = new SharingApi(realm, realm.tenantAuth());
        onA.entityType("DOC");
        onA.permissionType("READ");
        assertEquals(
                200, onA.createEntity("parent", "DOC", TestRealm.USER, null).status());
        assertEquals(
                200, onA.createEntity("child", "DOC", TestRealm.USER, "parent").status());
        realm.admin().call("POST", "/" + realm.name() + "/users", Map.of("username", "reader", "enabled", true));
        String check = "entity/user/access?entity.id=child&permission_type.id=READ&owner_id=reader";
        int staleAllows = 0;
        int missedGrants = 0;
        for (int i = 0; i < 1000; i++) {
            assertEquals(
                    200,
                    onA.share("users", "parent", "READ", List.of("reader"), true)
                            .status());
            if (!call(b, "GET", "sharing-management", check, null)
                    .json()
                    .get("status")
                    .asBoolean()) {
                missedGrants++;
            }
            assertEquals(
                    200,
                    onA.revoke("users", "parent", "READ", List.of("reader")).status());
            if (call(b, "GET", "sharing-management", check, null)
                    .json()
                    .get("status")
                    .asBoolean()) {
                staleAllows++;
            }
        }
        assertEquals(0, staleAllows, "checks on B that allowed after the revoke on A returned");
        assertEquals(0, missedGrants, "checks on B that denied after the share on A returned");
    }

    /** PostgreSQL restarts under both nodes; both recover by themselves, without a Keycloak restart. */
    @Test
    @Order(2)
    @EnabledIfSystemProperty(
            named = "custos.cluster.pg.control",
            matches = ".+",
            disabledReason = "needs -Dcustos.cluster.pg.control=<path of .ci/postgres.sh> to restart the database")
    void bothNodesRecoverFromADatabaseRestart() throws Exception {
        Process restart = new ProcessBuilder("bash", System.getProperty("custos.cluster.pg.control"), "restart")
                .inheritIO()
                .start();
        assertEquals(0, restart.waitFor(), "the database restarted");
        for (String node : List.of(a, b)) {
            long deadline = System.currentTimeMillis() + 120_000;
            int status = 0;
            while (System.currentTimeMillis() < deadline) {
                // A write, so that a real connection from the pool is used and the transaction commits.
                status = call(
                                node,
                                "POST",
                                "sharing-management",
                                "entity/type",
                                Map.of("entity_type", Map.of("id", "AFTER_RESTART_" + node.hashCode())))
                        .status();
                if (status == 200) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertEquals(200, status, node + " did not recover from the database restart");
        }
        JsonNode types = call(b, "GET", "sharing-management", "entity/types", null)
                .json()
                .get("types");
        assertEquals(
                4, types.size(), "both writes after the restart (and the built-in SECRET) are visible on B: " + types);
    }

    /**
     * PostgreSQL stops under load on both nodes (writes, a user list, an entity search, a user-token read, a member
     * listing): every request answers 200 with its data or 503 (never a 500, never a 401 that would make a client
     * drop a good credential, never an empty list where data exists), nothing is half-written (checked in the
     * database), and both nodes serve again by themselves within seconds of the database's return (the pool
     * validation of {@code docker/quarkus.properties}).
     */
    @Test
    @Order(2)
    @EnabledIfSystemProperty(
            named = "custos.cluster.pg.control",
            matches = ".+",
            disabledReason = "needs -Dcustos.cluster.pg.control=<path of .ci/postgres.sh> to stop the database")
    void anOutageAnswers503WritesNothingHalfwayAndEndsByItself() throws Exception {
        String group = OutageLoad.prepare(realm, a);
        OutageLoad load = new OutageLoad();
        load.start(realm, List.of(a, b), realm.userAccessToken(), group);
        Thread.sleep(1500);
        long outage = load.outage();
        long back = System.currentTimeMillis();
        Map<String, Long> recovered = new java.util.LinkedHashMap<>();
        for (String node : List.of(a, b)) {
            while (System.currentTimeMillis() - back < 60_000) {
                if (call(node, "GET", "sharing-management", "entity/types", null)
                                .status()
                        == 200) {
                    recovered.put(node, System.currentTimeMillis() - back);
                    break;
                }
                Thread.sleep(200);
            }
        }
        Thread.sleep(1500);
        load.stop();
        System.out.printf(
                "outage of %d ms: %d writes answered 200, %d reads, %d answers 503; back after %s ms%n",
                outage, load.written().size(), load.reads(), load.unavailable(), recovered);
        assertEquals(List.of(), load.wrong(), "every request answers 200 with its data, or 503, during an outage");
        assertTrue(load.unavailable() > 0, "the outage was seen by the load");
        for (String node : List.of(a, b)) {
            assertTrue(
                    recovered.containsKey(node) && recovered.get(node) < 15_000,
                    node + " serves again within seconds of the database's return: " + recovered);
        }
        assertEquals(
                List.of(),
                load.checkStored(
                        System.getProperty("custos.cluster.db.url"),
                        System.getProperty("custos.test.db.username"),
                        System.getProperty("custos.test.db.password", "")));
    }

    @Test
    @Order(3)
    void everyServiceWrittenOnAIsReadOnB() throws Exception {
        aSessionIssuedOnAEndsWithALogoutOnB();
        aUserCreatedOnAIsTakenOnB();
        String group = aGroupCreatedOnAHasItsOwnerOnB();
        String token = aSecretSealedOnAIsOpenedOnB();
        anAgentRegisteredOnAGetsATokenFromB();
        logsEnabledOnAAreReportedOnB();
        aRevokedMembershipOnAIsGoneOnBAtOnce(group);
        anEntityAndAShareMadeOnAAreCheckedOnB();
        bAnswersEveryCheckWhileAStops();
        bStillReadsWhatAWrote(token);
        new AdminApi(b).deleteRealm(realm.name());
        realm = null;
    }

    /** Identity: a token issued on A works on B; a logout on B ends it for A. */
    private static void aSessionIssuedOnAEndsWithALogoutOnB() {
        JsonNode tokens = call(
                        a,
                        "POST",
                        "identity-management",
                        "token",
                        Http.parse(
                                """
                                {"grant_type": "password", "username": "%s", "password": "%s"}"""
                                        .formatted(TestRealm.USER, TestRealm.USER_PASSWORD)))
                .json();
        Http.Reply me = Http.request("GET", on(b, "identity-management", "user"))
                .auth(Http.bearer(tokens.get("access_token").asText()))
                .send();
        assertEquals(200, me.status(), me.toString());
        assertEquals(
                200,
                call(
                                b,
                                "POST",
                                "identity-management",
                                "user/logout",
                                Http.parse("""
                                        {"refresh_token": "%s"}"""
                                        .formatted(tokens.get("refresh_token").asText())))
                        .status());
        assertEquals(
                400,
                call(
                                a,
                                "POST",
                                "identity-management",
                                "token",
                                Http.parse(
                                        """
                                        {"grant_type": "refresh_token", "refresh_token": "%s"}"""
                                                .formatted(tokens.get("refresh_token")
                                                        .asText())))
                        .status(),
                "the session ended on B is gone on A");
    }

    /** Users: created on A, the username is taken on B. */
    private static void aUserCreatedOnAIsTakenOnB() {
        assertEquals(
                200,
                call(
                                a,
                                "POST",
                                "user-management",
                                "user",
                                Http.parse(
                                        """
                                        {"username": "clustered", "first_name": "C", "last_name": "L",
                                         "email": "clustered@example.org"}"""))
                        .status());
        assertFalse(call(b, "GET", "user-management", "user/availability?username=clustered", null)
                .json()
                .get("status")
                .asBoolean());
    }

    /** Groups, with the membership type from our table: the group's id. */
    private static String aGroupCreatedOnAHasItsOwnerOnB() {
        String group = call(
                        a,
                        "POST",
                        "group-management",
                        "groups",
                        Map.of("groups", List.of(Map.of("name", "g", "ownerId", "clustered"))))
                .json()
                .get("groups")
                .get(0)
                .get("id")
                .asText();
        JsonNode members = call(b, "GET", "group-management", "user/group/memberships/child?group.id=" + group, null)
                .json();
        assertEquals(
                "OWNER", members.get("profiles").get(0).get("membership_type").asText());
        return group;
    }

    /** Secrets, sealed on A, opened on B: the secret's token. */
    private static String aSecretSealedOnAIsOpenedOnB() {
        String token = call(
                        a,
                        "POST",
                        "resource-secret-management",
                        "secret/password",
                        Map.of("metadata", Map.of("owner_id", "clustered"), "password", "cluster-secret"))
                .json()
                .get("token")
                .asText();
        assertEquals(
                "cluster-secret",
                call(b, "GET", "resource-secret-management", "secret/password?token=" + token, null)
                        .json()
                        .get("password")
                        .asText());
        return token;
    }

    /** Agents: registered on A, token from B. */
    private static void anAgentRegisteredOnAGetsATokenFromB() {
        assertEquals(200, call(a, "POST", "agent-management", "enable", null).status());
        String secret = call(a, "POST", "agent-management", "agent", Map.of("id", "cluster-agent"))
                .json()
                .get("secret")
                .asText();
        Http.Reply agentToken = Http.request(
                        "POST", on(b, "identity-management", "agent/token/" + TestRealm.TENANT_CLIENT))
                .auth(Http.custosBearer("cluster-agent", secret))
                .json(Map.of("grant_type", "client_credentials"))
                .send();
        assertEquals(200, agentToken.status(), agentToken.toString());
    }

    /** Logs: enabled on A, reported on B. */
    private static void logsEnabledOnAAreReportedOnB() {
        assertEquals(200, call(a, "POST", "log-management", "status", null).status());
        assertTrue(call(b, "GET", "log-management", "status", null)
                .json()
                .get("status")
                .asBoolean());
    }

    /** A revoked group membership on A is gone on B at once, 100 times over. */
    private static void aRevokedMembershipOnAIsGoneOnBAtOnce(String group) {
        for (int i = 0; i < 100; i++) {
            assertEquals(
                    200,
                    call(
                                    a,
                                    "POST",
                                    "group-management",
                                    "user/group/membership",
                                    Map.of("group_id", group, "username", TestRealm.USER, "membership_type", "MEMBER"))
                            .status());
            assertEquals(
                    200,
                    call(
                                    a,
                                    "DELETE",
                                    "group-management",
                                    "user/group/membership",
                                    Map.of("group_id", group, "username", TestRealm.USER))
                            .status());
            assertFalse(
                    call(
                                    b,
                                    "GET",
                                    "group-management",
                                    "user/group/access?group_id=" + group + "&username=" + TestRealm.USER
                                            + "&type=MEMBER",
                                    null)
                            .json()
                            .get("status")
                            .asBoolean(),
                    "stale membership on B");
        }
    }

    /** Sharing: an entity and a share made on A are checked on B. */
    private static void anEntityAndAShareMadeOnAAreCheckedOnB() {
        SharingApi onA = new SharingApi(realm, realm.tenantAuth());
        assertEquals(
                200, onA.createEntity("cluster-doc", "DOC", "clustered", null).status());
        assertEquals(
                200,
                onA.share("users", "cluster-doc", "READ", List.of(TestRealm.USER), false)
                        .status());
        assertTrue(call(
                        b,
                        "GET",
                        "sharing-management",
                        "entity/user/access?entity.id=cluster-doc&permission_type.id=READ&owner_id=" + TestRealm.USER,
                        null)
                .json()
                .get("status")
                .asBoolean());
    }

    /** Node A goes away under load on B; B answers every request. */
    private static void bAnswersEveryCheckWhileAStops() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (running.get()) {
                Http.Reply r = call(
                        b,
                        "GET",
                        "sharing-management",
                        "entity/user/access?entity.id=cluster-doc" + "&permission_type.id=READ&owner_id="
                                + TestRealm.USER,
                        null);
                if (r.status() == 200 && r.json().get("status").asBoolean()) {
                    served.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                }
            }
        });
        load.start();
        Thread.sleep(1000);
        cluster.stop(0);
        Thread.sleep(3000);
        running.set(false);
        load.join();
        assertEquals(0, failures.get(), "B failed requests while A stopped (" + served.get() + " served)");
        assertTrue(served.get() > 10, "B served " + served.get());
    }

    /** With A stopped, B reads what A wrote (the secret of {@code token}) and issues tokens. */
    private static void bStillReadsWhatAWrote(String token) {
        assertEquals(
                "cluster-secret",
                call(b, "GET", "resource-secret-management", "secret/password?token=" + token, null)
                        .json()
                        .get("password")
                        .asText());
        assertEquals(
                200,
                call(b, "POST", "identity-management", "token", Map.of("grant_type", "client_credentials"))
                        .status());
    }
}
