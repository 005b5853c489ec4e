package org.custos.keycloak.auth;

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
 * A realm with fine-grained admin permissions (v2): a user allowed to manage the membership of group G and the group
 * membership of users t1 and t2, and nothing else, adds and removes t1 and t2 as members of G through Custos — not t3,
 * and in no other group — exactly as Keycloak's own admin API lets them. Nothing about these permissions is written in
 * our code: Keycloak's evaluator decides.
 */
class FineGrainedDelegationIT {

    private static final String PASSWORD = "fgap-password-1";
    private static TestRealm realm;
    private static String g;
    private static String h;

    @BeforeAll
    static void setUp() {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(admin, "fgap", rep -> {
            rep.set("groups", Http.JSON.valueToTree(List.of(Map.of("name", "G"), Map.of("name", "H"))));
            for (String u : List.of("deleg", "gm", "t1", "t2", "t3")) {
                rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user(u, PASSWORD)));
            }
        });
        g = admin.get("/" + realm.name() + "/group-by-path/G").get("id").asText();
        h = admin.get("/" + realm.name() + "/group-by-path/H").get("id").asText();
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    /** The realm's fine-grained admin permissions: on, and a user policy per delegate. */
    private static String permissions() {
        AdminApi admin = realm.admin();
        JsonNode rep = admin.get("/" + realm.name());
        String base;
        if (!rep.path("adminPermissionsEnabled").asBoolean()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) rep).put("adminPermissionsEnabled", true);
            admin.update("/" + realm.name(), rep);
            base = base(admin);
            for (String u : List.of("deleg", "gm")) {
                created(admin.call(
                        "POST",
                        base + "/policy/user",
                        Http.parse(
                                """
                                {"name": "only-%s", "users": ["%s"], "logic": "POSITIVE"}"""
                                        .formatted(
                                                u, realm.adminUser(u).get("id").asText()))));
            }
        }
        return base(admin);
    }

    private static String base(AdminApi admin) {
        String client = admin.get("/" + realm.name() + "/clients?clientId=admin-permissions")
                .get(0)
                .get("id")
                .asText();
        return "/" + realm.name() + "/clients/" + client + "/authz/resource-server";
    }

    private static synchronized void delegate() {
        AdminApi admin = realm.admin();
        String base = permissions();
        created(admin.call(
                "POST",
                base + "/permission/scope",
                Http.parse(
                        """
                        {"name": "members-of-G", "resourceType": "Groups", "resources": ["%s"],
                         "scopes": ["manage-membership"], "policies": ["only-deleg"]}"""
                                .formatted(g))));
        created(admin.call(
                "POST",
                base + "/permission/scope",
                Http.parse(
                        """
                        {"name": "users-group-membership", "resourceType": "Users", "resources": ["%s", "%s"],
                         "scopes": ["manage-group-membership"], "policies": ["only-deleg"]}"""
                                .formatted(userId("t1"), userId("t2")))));
    }

    private static String userId(String username) {
        return realm.adminUser(username).get("id").asText();
    }

    private static void created(Http.Reply r) {
        assertTrue(r.status() == 201 || r.status() == 200, r.toString());
    }

    private static Http.Reply membership(String method, String token, String group, String user) {
        return Http.request(method, realm.custos("group-management", "user/group/membership"))
                .auth(Http.bearer(token))
                .json(Map.of("group_id", group, "username", user))
                .send();
    }

    private static Set<String> members(String group) {
        Set<String> names = new TreeSet<>();
        realm.admin()
                .get("/" + realm.name() + "/groups/" + group + "/members")
                .forEach(u -> names.add(u.get("username").asText()));
        return names;
    }

    private static int keycloakJoin(String token, String user, String group) {
        String id = realm.adminUser(user).get("id").asText();
        return Http.request(
                        "PUT",
                        realm.admin().baseUrl() + "/admin/realms/" + realm.name() + "/users/" + id + "/groups/" + group)
                .auth(Http.bearer(token))
                .send()
                .status();
    }

    @Test
    void aDelegatedMembershipAdminManagesExactlyItsGroup() {
        String before = realm.accessToken("deleg", PASSWORD);
        int refusedBefore = membership("POST", before, g, "t1").status();
        assertTrue(refusedBefore == 403 || refusedBefore == 404, "no permission yet: " + refusedBefore);
        assertEquals(Set.of(), members(g));

        delegate();
        String token = realm.accessToken("deleg", PASSWORD);
        Http.Reply added = membership("POST", token, g, "t1");
        assertEquals(200, added.status(), added.toString());
        assertEquals(Set.of("t1"), members(g));
        // Keycloak's own admin API agrees, both ways.
        assertEquals(204, keycloakJoin(token, "t2", g));
        assertEquals(403, keycloakJoin(token, "t2", h));
        // The user side is delegated for t1 and t2 only: t3 joins G neither through Keycloak nor through Custos.
        assertEquals(403, keycloakJoin(token, "t3", g), "Keycloak refuses a user outside the delegation");
        Http.Reply outside = membership("POST", token, g, "t3");
        assertEquals(403, outside.status(), outside.toString());
        assertEquals(Set.of("t1", "t2"), members(g), "t3 was not added");

        Http.Reply other = membership("POST", token, h, "t1");
        assertTrue(other.status() == 403 || other.status() == 404, other.toString());
        assertEquals(Set.of(), members(h));

        assertEquals(200, membership("DELETE", token, g, "t1").status());
        assertEquals(Set.of("t2"), members(g));
        // The delegation gives no user administration beyond it.
        assertEquals(
                403,
                Http.request("GET", realm.custos("user-management", "users"))
                        .auth(Http.bearer(token))
                        .send()
                        .status());
    }

    /** "Manage" on every group, and nothing on users: Keycloak refuses to join users to groups, and so do we. */
    @Test
    void manageGroupsAloneDoesNotPutUsersInGroups() {
        String base = permissions();
        created(
                realm.admin()
                        .call(
                                "POST",
                                base + "/permission/scope",
                                Http.parse(
                                        """
                                        {"name": "gm-manages-groups", "resourceType": "Groups", "scopes": ["manage"],
                                         "policies": ["only-gm"]}""")));
        String token = realm.accessToken("gm", PASSWORD);
        int keycloak = keycloakJoin(token, "t1", h);
        assertEquals(403, keycloak, "Keycloak's own admin API refuses the join");
        Http.Reply custos = membership("POST", token, h, "t1");
        assertTrue(custos.status() == 403 || custos.status() == 404, custos.toString());
        Http.Reply owned = Http.request("POST", realm.custos("group-management", "group"))
                .auth(Http.bearer(token))
                .json(Map.of("group", Map.of("name", "gm-made", "owner_id", "t1")))
                .send();
        assertTrue(owned.status() == 403 || owned.status() == 404, owned.toString());
        Http.Reply named = Http.request("PUT", realm.custos("group-management", "group/" + h))
                .auth(Http.bearer(token))
                .json(Map.of("group", Map.of("name", "H", "owner_id", "t1")))
                .send();
        assertTrue(named.status() == 403 || named.status() == 404, named.toString());
        assertEquals(Set.of(), members(h));
    }
}
