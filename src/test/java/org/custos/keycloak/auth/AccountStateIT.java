package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.AuthZenApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Disabled things hold nothing, as Keycloak would issue them nothing: a disabled realm serves no Custos request and
 * writes nothing; a disabled user, and a deactivated agent's service account, are permitted nothing by any check or
 * decision while disabled; what was shared with them stays recorded and counts again once they are enabled.
 */
class AccountStateIT {

    private static final String BOB_PASSWORD = "bob-password-1";
    private static TestRealm realm;
    private static SharingApi tenant;
    private static AuthZenApi decisionPoint;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "account-state", rep -> {
            rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user("bob", BOB_PASSWORD)));
            // Agents are clients: registering and deactivating them is the tenant's as a client admin.
            rep.withArray("users").forEach(u -> {
                if (u.get("username").asText().equals("service-account-" + TestRealm.TENANT_CLIENT)) {
                    ((ObjectNode) u.get("clientRoles"))
                            .withArray("realm-management")
                            .add("manage-clients")
                            .add("manage-realm");
                }
            });
        });
        tenant = new SharingApi(realm, realm.tenantAuth());
        tenant.entityType("DOC");
        tenant.permissionType("READ");
        // The tenant's service account holds manage-authorization: a decision point that may ask about anyone.
        decisionPoint = new AuthZenApi(realm, realm.tenantAuth());
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static String path(String rest) {
        return "/" + realm.name() + rest;
    }

    private static boolean bobMayRead(String entity) {
        return decisionPoint.evaluate(AuthZenApi.subject("user", "bob"), "READ", AuthZenApi.resource("DOC", entity));
    }

    /** Sets a user's {@code enabled} through Keycloak's admin API, as an administrator does in the console. */
    private static void setEnabled(String username, boolean enabled) {
        ObjectNode user = (ObjectNode) realm.adminUser(username);
        user.put("enabled", enabled);
        realm.admin().update(path("/users/" + user.get("id").asText()), user);
    }

    /** A POST of the tenant client (its credentials); {@code json} null sends no body. */
    private static Http.Reply custos(TestRealm r, String service, String path, String json) {
        Http.Request request = Http.request("POST", r.custos(service, path)).auth(r.tenantAuth());
        return (json == null ? request : request.json(json)).send();
    }

    private static Http.Reply ok(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        return reply;
    }

    /** Enables or disables a realm through Keycloak's admin API (its whole representation, as the console sends). */
    private static void setRealmEnabled(TestRealm r, boolean enabled) {
        ObjectNode rep = (ObjectNode) r.admin().get("/" + r.name());
        rep.put("enabled", enabled);
        r.admin().update("/" + r.name(), rep);
    }

    @Test
    void aDisabledRealmServesNothingAndWritesNothing() {
        String grant = """
                {"grant_type": "client_credentials"}""";
        String register =
                """
                {"username": "ghost", "first_name": "G", "last_name": "Host", "email": "ghost@example.org",
                 "password": "ghost-password-1", "temporary_password": false}""";
        try (TestRealm closed = TestRealm.create(realm.admin(), "disabled-realm", rep -> {})) {
            ok(custos(closed, "identity-management", "token", grant));
            setRealmEnabled(closed, false);
            try {
                Http.Reply token = custos(closed, "identity-management", "token", grant);
                assertEquals(403, token.status(), token.toString());
                assertEquals("access_denied", token.json().get("error").asText(), token.body());
                assertFalse(token.body().contains("access_token"), token.body());
                Http.Reply keycloaks = Http.request("POST", closed.realmUrl() + "/protocol/openid-connect/token")
                        .body(
                                "grant_type=client_credentials&client_id=" + TestRealm.TENANT_CLIENT + "&client_secret="
                                        + closed.tenantSecret(),
                                "application/x-www-form-urlencoded")
                        .send();
                assertEquals(403, keycloaks.status(), "Keycloak's own token endpoint: " + keycloaks);
                assertEquals(keycloaks.json().get("error"), token.json().get("error"), "as Keycloak answers");
                Http.Reply registered = custos(closed, "user-management", "user", register);
                assertEquals(403, registered.status(), registered.toString());
            } finally {
                setRealmEnabled(closed, true);
            }
            assertNull(closed.adminUser("ghost"), "the refused registration wrote no user");
            ok(custos(closed, "identity-management", "token", grant));
        }
    }

    @Test
    void aDisabledUserHoldsNothingUntilEnabledAgain() {
        ok(tenant.createEntity("alices-notes", "DOC", TestRealm.USER, null));
        SharingApi alice = tenant.as(Http.bearer(realm.userAccessToken()));
        ok(alice.share("users", "alices-notes", "READ", List.of("bob"), false));
        assertTrue(tenant.check("alices-notes", "READ", "bob"));
        assertTrue(bobMayRead("alices-notes"));
        setEnabled("bob", false);
        try {
            assertFalse(tenant.check("alices-notes", "READ", "bob"), "a disabled user holds nothing");
            assertFalse(bobMayRead("alices-notes"), "the decision point permits a disabled user nothing");
            List<String[]> checks = List.<String[]>of(new String[] {"alices-notes", "READ", "bob"});
            assertEquals(List.of(false), tenant.batch(checks), "nor does the batch check");
        } finally {
            setEnabled("bob", true);
        }
        assertTrue(tenant.check("alices-notes", "READ", "bob"), "the share stayed recorded");
        assertTrue(bobMayRead("alices-notes"));
    }

    @Test
    void aDeactivatedAgentHoldsNothingUntilActivatedAgain() {
        String agents = "agent-management";
        String agentId = "reader-agent";
        String account = "service-account-" + agentId;
        ok(custos(realm, agents, "enable", "{}"));
        ok(custos(realm, agents, "agent", """
                {"id": "%s"}""".formatted(agentId)));
        ok(tenant.createEntity("agent-input", "DOC", TestRealm.USER, null));
        ok(tenant.share("users", "agent-input", "READ", List.of(account), false));
        Map<String, Object> agent = AuthZenApi.subject("agent", agentId);
        Map<String, Object> input = AuthZenApi.resource("DOC", "agent-input");
        assertTrue(decisionPoint.evaluate(agent, "READ", input), "the active agent may read");
        assertTrue(tenant.check("agent-input", "READ", account));
        ok(custos(realm, agents, "agent/deactivation/" + agentId, null));
        assertFalse(decisionPoint.evaluate(agent, "READ", input), "a deactivated agent holds nothing");
        assertFalse(tenant.check("agent-input", "READ", account), "nor does its service account, asked as a user");
        ok(custos(realm, agents, "agent/activation/" + agentId, null));
        assertTrue(decisionPoint.evaluate(agent, "READ", input), "the share stayed recorded");
    }
}
