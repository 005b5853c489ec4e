package org.custos.keycloak.rest.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant's roles ({@code tenant-management roles}/{@code role}, {@code user-management roles}): who may list,
 * create and delete them is what Keycloak's admin API allows the same token — and nothing a weaker caller sends
 * creates or removes a role.
 */
class TenantRolesIT {

    private static TestRealm realm;
    private static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void setUp() {
        Map<String, List<String>> callers = Map.of(
                "plain", List.of(),
                "useradmin", List.of("manage-users"),
                "realmviewer", List.of("view-realm"),
                "clientviewer", List.of("view-clients"),
                "realmadmin", List.of("manage-realm"),
                "clientadmin", List.of("manage-clients", "view-clients"));
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "tenantroles", rep -> {
            rep.putObject("roles").set("realm", Http.JSON.valueToTree(List.of(Map.of("name", "lab-member"))));
            callers.forEach((name, roles) -> {
                Map<String, Object> user = TestRealm.user(name, name + "-password-1");
                user.put("clientRoles", Map.of("realm-management", roles));
                if (name.equals("plain")) {
                    user.put("realmRoles", List.of("lab-member"));
                }
                rep.withArray("users").add(Http.JSON.valueToTree(user));
            });
        });
        callers.keySet().forEach(name -> TOKENS.put(name, realm.accessToken(name, name + "-password-1")));
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static Http.Reply as(String caller, String method, String path, Object body) {
        Http.Request r = Http.request(method, realm.custos("tenant-management", path));
        if (caller != null) {
            r.auth(Http.bearer(TOKENS.get(caller)));
        }
        if (body != null) {
            r.json(body);
        }
        return r.send();
    }

    private static boolean realmRoleExists(String name) {
        return realm.admin()
                        .call("GET", "/" + realm.name() + "/roles/" + name, null)
                        .status()
                == 200;
    }

    @Test
    void listingFollowsKeycloaksRuleForEachContainer() {
        assertEquals(401, as(null, "GET", "roles", null).status());
        // An anonymous caller learns nothing from validation: 401 whatever the body or query.
        assertEquals(
                401,
                Http.request("DELETE", realm.custos("tenant-management", "role?.=x"))
                        .send()
                        .status());
        assertEquals(
                401, as(null, "POST", "roles", Map.of("roles", "not a list")).status());
        for (String caller : List.of("plain", "useradmin", "clientviewer")) {
            assertEquals(403, as(caller, "GET", "roles", null).status(), caller + " lists realm roles");
        }
        for (String caller : List.of("realmviewer", "realmadmin")) {
            Http.Reply r = as(caller, "GET", "roles?client_level=false", null);
            assertEquals(200, r.status(), caller + ": " + r);
            assertEquals("realm_level", r.json().get("scope").asText(), "Custos's AllRoles scope");
        }
        assertEquals(
                403, as("realmviewer", "GET", "roles?client_level=true", null).status());
        Http.Reply client = as("clientviewer", "GET", "roles?client_level=true", null);
        assertEquals(200, client.status(), client.toString());
        assertEquals("client_level", client.json().get("scope").asText());
        // The user-management spelling decides the same way.
        assertEquals(
                403,
                Http.request("GET", realm.custos("user-management", "roles"))
                        .auth(Http.bearer(TOKENS.get("useradmin")))
                        .send()
                        .status());
        assertEquals(
                400, as("realmviewer", "GET", "roles?client_level=maybe", null).status());
        assertEquals(
                400,
                as("realmviewer", "GET", "roles?client_id=another-client", null).status());
    }

    @Test
    void creatingNeedsManageRealmOrManageClientsAndIsAllOrNothing() {
        Map<String, Object> one = Map.of("roles", List.of(Map.of("name", "reviewer", "description", "Reviews")));
        for (String caller : List.of("plain", "useradmin", "realmviewer", "clientadmin")) {
            assertEquals(403, as(caller, "POST", "roles", one).status(), caller);
        }
        assertFalse(realmRoleExists("reviewer"), "no refused caller created it");
        Http.Reply created = as("realmadmin", "POST", "roles", one);
        assertEquals(200, created.status(), created.toString());
        assertTrue(realmRoleExists("reviewer"));

        Http.Reply duplicate = as(
                "realmadmin",
                "POST",
                "roles",
                Map.of("roles", List.of(Map.of("name", "fresh"), Map.of("name", "reviewer"))));
        assertEquals(409, duplicate.status(), duplicate.toString());
        assertFalse(realmRoleExists("fresh"), "nothing of a refused batch is created");
        assertEquals(
                400,
                as("realmadmin", "POST", "roles", Map.of("roles", List.of(Map.of("description", "no name"))))
                        .status());
        assertEquals(400, as("realmadmin", "POST", "roles", Map.of()).status());

        Map<String, Object> clientLevel = Map.of("roles", List.of(Map.of("name", "operator")), "client_level", true);
        assertEquals(
                403, as("realmadmin", "POST", "roles", clientLevel).status(), "the client's roles need manage-clients");
        Http.Reply clientRole = as("clientadmin", "POST", "roles", clientLevel);
        assertEquals(200, clientRole.status(), clientRole.toString());
        Set<String> names = new TreeSet<>();
        clientRole.json().get("roles").forEach(r -> names.add(r.get("name").asText()));
        assertTrue(names.contains("operator"), names.toString());
    }

    @Test
    void deletingNeedsKeycloaksRightAndTakesTheRoleFromItsHolders() {
        Map<String, Object> labMember = Map.of("role", Map.of("id", "lab-member"));
        for (String caller : List.of("plain", "useradmin", "realmviewer", "clientadmin")) {
            assertEquals(403, as(caller, "DELETE", "role", labMember).status(), caller);
        }
        assertTrue(realm.realmRoleNames("plain").contains("lab-member"), "refused deletes change nothing");
        assertEquals(
                404,
                as("realmadmin", "DELETE", "role", Map.of("role", Map.of("id", "no-such-role")))
                        .status());
        JsonNode defaultRole = realm.admin().get("/" + realm.name()).get("defaultRole");
        assertEquals(
                400,
                as(
                                "realmadmin",
                                "DELETE",
                                "role",
                                Http.parse("""
                                        {"role": {"id": "%s"}}"""
                                        .formatted(defaultRole.get("name").asText())))
                        .status(),
                "the realm's default role stays");
        assertEquals(400, as("realmadmin", "DELETE", "role", Map.of()).status());
        Http.Reply deleted = as("realmadmin", "DELETE", "role", labMember);
        assertEquals(200, deleted.status(), deleted.toString());
        assertFalse(realmRoleExists("lab-member"));
        assertFalse(realm.realmRoleNames("plain").contains("lab-member"));
    }
}
