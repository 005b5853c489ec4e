package org.custos.keycloak.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.TestRealm;
import org.custos.keycloak.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Keycloak nodes with our jar on one PostgreSQL: for every built service, a write on node A is read on node B;
 * a logout on B ends the session for A; and B keeps answering when A is stopped. Runs in the {@code two-nodes}
 * Maven profile that {@code .ci/run} calls (it needs the private PostgreSQL).
 */
@EnabledIfSystemProperty(named = "custos.cluster.db.url", matches = "jdbc:postgresql:.*",
        disabledReason = "needs the two-nodes profile and its PostgreSQL database")
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
        realm = TestRealm.create(new AdminApi(a), "cluster", rep -> rep.withArray("users").forEach(u -> {
            if (u.get("username").asText().equals("service-account-" + TestRealm.TENANT_CLIENT)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) u.get("clientRoles")).withArray("realm-management")
                        .add("manage-clients").add("manage-events").add("view-events");
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
            cluster.close();
        }
    }

    private static String on(String node, String service, String path) {
        return realm.custos(service, path).replace(a, node);
    }

    private static Http.Reply call(String node, String method, String service, String path, Object body) {
        Http.Request r = Http.request(method, on(node, service, path)).auth(realm.tenantAuth());
        return (body == null ? r : r.json(body)).send();
    }

    @Test
    void everyServiceWrittenOnAIsReadOnB() throws Exception {
        // Identity: a token issued on A works on B; a logout on B ends it for A.
        JsonNode tokens = call(a, "POST", "identity-management", "token", Map.of("grant_type", "password",
                "username", TestRealm.USER, "password", TestRealm.USER_PASSWORD)).json();
        Http.Reply me = Http.request("GET", on(b, "identity-management", "user")).auth(Http.bearer(tokens.get("access_token").asText())).send();
        assertEquals(200, me.status(), me.toString());
        assertEquals(200, call(b, "POST", "identity-management", "user/logout", Map.of("refresh_token", tokens.get("refresh_token").asText())).status());
        assertEquals(400, call(a, "POST", "identity-management", "token", Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asText())).status(), "the session ended on B is gone on A");

        // Users.
        assertEquals(200, call(a, "POST", "user-management", "user", Map.of("username", "clustered", "first_name", "C",
                "last_name", "L", "email", "clustered@example.org")).status());
        assertFalse(call(b, "GET", "user-management", "user/availability?username=clustered", null).json().get("status").asBoolean());

        // Groups, with the membership type from our table.
        String group = call(a, "POST", "group-management", "groups", Map.of("groups", List.of(Map.of("name", "g", "ownerId", "clustered"))))
                .json().get("groups").get(0).get("id").asText();
        JsonNode members = call(b, "GET", "group-management", "user/group/memberships/child?group.id=" + group, null).json();
        assertEquals("OWNER", members.get("profiles").get(0).get("membership_type").asText());

        // Secrets, sealed on A, opened on B.
        String token = call(a, "POST", "resource-secret-management", "secret/password",
                Map.of("metadata", Map.of("owner_id", "clustered"), "password", "cluster-secret")).json().get("token").asText();
        assertEquals("cluster-secret", call(b, "GET", "resource-secret-management", "secret/password?token=" + token, null)
                .json().get("password").asText());

        // Agents: registered on A, token from B.
        assertEquals(200, call(a, "POST", "agent-management", "enable", null).status());
        String secret = call(a, "POST", "agent-management", "agent", Map.of("id", "cluster-agent")).json().get("secret").asText();
        Http.Reply agentToken = Http.request("POST", on(b, "identity-management", "agent/token/" + TestRealm.TENANT_CLIENT))
                .auth(Http.custosBearer("cluster-agent", secret)).json(Map.of("grant_type", "client_credentials")).send();
        assertEquals(200, agentToken.status(), agentToken.toString());

        // Logs: enabled on A, reported on B.
        assertEquals(200, call(a, "POST", "log-management", "status", null).status());
        assertTrue(call(b, "GET", "log-management", "status", null).json().get("status").asBoolean());

        // A revoked group membership on A is gone on B at once, 100 times over.
        for (int i = 0; i < 100; i++) {
            assertEquals(200, call(a, "POST", "group-management", "user/group/membership",
                    Map.of("group_id", group, "username", TestRealm.USER, "membership_type", "MEMBER")).status());
            assertEquals(200, call(a, "DELETE", "group-management", "user/group/membership",
                    Map.of("group_id", group, "username", TestRealm.USER)).status());
            assertFalse(call(b, "GET", "group-management", "user/group/access?group_id=" + group + "&username="
                    + TestRealm.USER + "&type=MEMBER", null).json().get("status").asBoolean(), "stale membership on B");
        }

        // Node A goes away; B keeps answering, reading what A wrote.
        cluster.stop(0);
        assertEquals("cluster-secret", call(b, "GET", "resource-secret-management", "secret/password?token=" + token, null)
                .json().get("password").asText());
        assertEquals(200, call(b, "POST", "identity-management", "token", Map.of("grant_type", "client_credentials")).status());
        new AdminApi(b).deleteRealm(realm.name());
        realm = null;
    }
}
