package org.custos.keycloak.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The Airavata PHP gateway's Custos branch ({@code app/libraries/Keycloak/API}, curl): user lookups with
 * {@code Basic} and Custos {@code Bearer base64} client credentials, the role page with an admin's token, and role
 * mapping with JSON bodies (a DELETE with a body). Each step asserts what the PHP code dereferences.
 */
class PhpGatewayClientIT {

    private static TestRealm realm;
    private static String adminToken;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "phpgw", rep -> {
            rep.putObject("roles")
                    .set(
                            "realm",
                            Http.JSON.valueToTree(
                                    List.of(Map.of("name", "gateway-user"), Map.of("name", "gateway-provider"))));
            Map<String, Object> admin = TestRealm.user("gw-admin", "gw-admin-password-1");
            admin.put("clientRoles", Map.of("realm-management", List.of("manage-users", "view-users", "view-realm")));
            rep.withArray("users").add(Http.JSON.valueToTree(admin));
            Map<String, Object> dana = TestRealm.user("dana", "dana-password-1");
            dana.put("realmRoles", List.of("gateway-user"));
            rep.withArray("users").add(Http.JSON.valueToTree(dana));
            rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user("danaX", "danax-password-1")));
        });
        adminToken = realm.accessToken("gw-admin", "gw-admin-password-1");
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static String base() {
        return realm.realmUrl() + "/custos";
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.get("name").asText()));
        return out;
    }

    @Test
    void roleMapperReadsRealmRolesOfOneUser() {
        // RoleMapper::getRealmRoleMappingsForUser: "Authorization: Bearer base64(id:secret)", $result->realm_roles.
        Http.Reply r = Http.request(
                        "GET",
                        base() + "/user-management/v1.0.0/user?client_id=" + TestRealm.TENANT_CLIENT
                                + "&user.username=dana")
                .auth(realm.tenantAuth())
                .send();
        assertEquals(200, r.status(), r.toString());
        assertTrue(texts(r.json().get("realm_roles")).contains("gateway-user"), r.toString());
        assertEquals("dana", r.json().get("username").asText());
        Http.Reply unknown = Http.request(
                        "GET",
                        base() + "/user-management/v1.0.0/user?client_id=" + TestRealm.TENANT_CLIENT
                                + "&user.username=nobody")
                .auth(realm.tenantAuth())
                .send();
        assertEquals(404, unknown.status(), unknown.toString());
    }

    @Test
    void usersSearchAndExactLookupWithBasicCredentials() {
        // Users::getUsers with user.username: every user whose name contains it; getUserByUsername picks the exact one.
        Http.Reply r = Http.request(
                        "GET",
                        base() + "/user-management/v1.0.0/users?client_id=" + TestRealm.TENANT_CLIENT
                                + "&offset=0&limit=100&user.username=dana")
                .auth(Http.basic(TestRealm.TENANT_CLIENT, realm.tenantSecret()))
                .send();
        assertEquals(200, r.status(), r.toString());
        Set<String> names = new TreeSet<>();
        r.json().get("users").forEach(u -> names.add(u.get("username").asText()));
        assertTrue(names.contains("dana"), names.toString());
    }

    @Test
    void rolePageAndRoleMappingWithTheAdminsToken() {
        // Roles::getRoles: tenant-management roles with the admin's access token; $result->roles.
        Http.Reply roles = Http.request("GET", base() + "/tenant-management/v1.0.0/roles")
                .auth(Http.bearer(adminToken))
                .send();
        assertEquals(200, roles.status(), roles.toString());
        assertTrue(texts(roles.json().get("roles")).containsAll(Set.of("gateway-user", "gateway-provider")));

        // RoleMapper::addRealmRoleMappingsToUser: {"roles","usernames","client_level":false}; $result->status.
        String add = "{\"roles\":[\"gateway-provider\"],\"usernames\":[\"dana\"],\"client_level\":false}";
        Http.Reply added = Http.request("POST", base() + "/user-management/v1.0.0/users/roles")
                .auth(Http.bearer(adminToken))
                .body(add, "application/json")
                .send();
        assertEquals(200, added.status(), added.toString());
        assertTrue(added.json().get("status").asBoolean());
        assertTrue(realm.realmRoleNames("dana").contains("gateway-provider"));

        // deleteRealmRoleMappingsToUser: CUSTOMREQUEST DELETE with {"roles","username"}.
        Http.Reply removed = Http.request("DELETE", base() + "/user-management/v1.0.0/user/roles")
                .auth(Http.bearer(adminToken))
                .body("{\"roles\":[\"gateway-provider\"],\"username\":\"dana\"}", "application/json")
                .send();
        assertEquals(200, removed.status(), removed.toString());
        assertTrue(removed.json().get("status").asBoolean());
        assertEquals(
                Set.of("gateway-user"),
                realm.realmRoleNames("dana").stream()
                        .filter(n -> n.startsWith("gateway"))
                        .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aClientWithoutRoleRightsCannotListRolesOrReadUsers() {
        // The role list needs what Keycloak's admin API needs to list roles: a plain user's token is refused.
        String plain = realm.accessToken("dana", "dana-password-1");
        assertEquals(
                403,
                Http.request("GET", base() + "/tenant-management/v1.0.0/roles")
                        .auth(Http.bearer(plain))
                        .send()
                        .status());
        assertEquals(
                403,
                Http.request("GET", base() + "/user-management/v1.0.0/user?user.username=dana")
                        .auth(Http.bearer(plain))
                        .send()
                        .status());
        assertEquals(
                403,
                Http.request("POST", base() + "/tenant-management/v1.0.0/roles")
                        .auth(Http.bearer(adminToken))
                        .json(Map.of("roles", List.of(Map.of("name", "made-up"))))
                        .send()
                        .status(),
                "manage-realm is needed");
        assertEquals(
                404,
                realm.admin()
                        .call("GET", "/" + realm.name() + "/roles/made-up", null)
                        .status(),
                "nothing was created");
    }
}
