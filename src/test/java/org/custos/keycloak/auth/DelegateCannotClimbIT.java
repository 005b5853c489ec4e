package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fine-grained delegate (admin permissions v2) gets through Custos exactly what Keycloak's admin API gives it, and
 * nothing it could climb with. {@code deleg} may manage the membership of groups G and G2 and the group membership
 * of itself only: it may put itself into G as a plain member — as Keycloak lets it — but not make itself ADMIN or
 * OWNER (types that manage everyone's membership), not add anyone else, and not rename G. {@code udeleg} may manage
 * user t1 only: it deactivates t1 through Custos as through Keycloak, not t2, and cannot tell t2 from a user that does
 * not exist.
 */
class DelegateCannotClimbIT {

    private static final String SERVICE = "group-management";
    private static final String PASSWORD = "climb-password-1";
    private static TestRealm realm;
    private static String g;
    private static String g2;

    @BeforeAll
    static void setUp() {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(admin, "climb", rep -> {
            rep.set("groups", Http.JSON.valueToTree(List.of(Map.of("name", "G"), Map.of("name", "G2"))));
            for (String u : List.of("deleg", "udeleg", "t1", "t2")) {
                rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user(u, PASSWORD)));
            }
        });
        g = admin.get(path("/group-by-path/G")).get("id").asText();
        g2 = admin.get(path("/group-by-path/G2")).get("id").asText();
        JsonNode rep = admin.get(path(""));
        ((ObjectNode) rep).put("adminPermissionsEnabled", true);
        admin.update(path(""), rep);
        String base = permissionsBase(admin);
        for (String u : List.of("deleg", "udeleg")) {
            created(admin.call(
                    "POST",
                    base + "/policy/user",
                    Map.of("name", "only-" + u, "users", List.of(id(u)), "logic", "POSITIVE")));
        }
        permission(admin, base, "deleg-members-of-G", "Groups", List.of(g, g2), "manage-membership", "deleg");
        permission(
                admin, base, "deleg-joins-itself", "Users", List.of(id("deleg")), "manage-group-membership", "deleg");
        permission(admin, base, "udeleg-manages-t1", "Users", List.of(id("t1")), "manage", "udeleg");
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static String path(String rest) {
        return "/" + realm.name() + rest;
    }

    private static String id(String username) {
        return realm.adminUser(username).get("id").asText();
    }

    /** The resource server of the realm's admin-permissions client, where v2 permissions live. */
    private static String permissionsBase(AdminApi admin) {
        String client = admin.get(path("/clients?clientId=admin-permissions"))
                .get(0)
                .get("id")
                .asText();
        return path("/clients/" + client + "/authz/resource-server");
    }

    private static void permission(
            AdminApi admin, String base, String name, String type, List<String> resources, String scope, String who) {
        created(admin.call(
                "POST",
                base + "/permission/scope",
                Map.of(
                        "name", name,
                        "resourceType", type,
                        "resources", resources,
                        "scopes", List.of(scope),
                        "policies", List.of("only-" + who))));
    }

    private static void created(Http.Reply r) {
        assertTrue(r.status() == 201 || r.status() == 200, r.toString());
    }

    private static String token(String username) {
        return Http.bearer(realm.accessToken(username, PASSWORD));
    }

    private static Http.Reply custos(String auth, String method, String service, String path, Object body) {
        Http.Request r = Http.request(method, realm.custos(service, path)).auth(auth);
        return (body == null ? r : r.json(body)).send();
    }

    private static Http.Reply join(String auth, String group, String user, String type) {
        Map<String, Object> body = Map.of("group_id", group, "username", user, "membership_type", type);
        return custos(auth, "POST", SERVICE, "user/group/membership", body);
    }

    /** Keycloak's own admin API, called with the delegate's token. */
    private static int keycloak(String auth, String method, String rest, Object body) {
        Http.Request r = Http.request(method, realm.admin().baseUrl() + "/admin/realms" + path(rest))
                .auth(auth);
        return (body == null ? r : r.json(body)).send().status();
    }

    private static Set<String> members(String group) {
        Set<String> names = new TreeSet<>();
        realm.admin()
                .get(path("/groups/" + group + "/members"))
                .forEach(u -> names.add(u.get("username").asText()));
        return names;
    }

    /** Whether {@code user} is a direct member of G with exactly {@code type}, as the tenant client asks. */
    private static boolean hasType(String user, String type) {
        Http.Reply r = custos(
                realm.tenantAuth(),
                "GET",
                SERVICE,
                "user/group/access?group_id=" + g + "&username=" + user + "&type=" + type,
                null);
        assertEquals(200, r.status(), r.toString());
        return r.json().get("status").asBoolean();
    }

    @Test
    void aMembershipDelegateJoinsAsAMemberAndClimbsNoFurther() {
        String deleg = token("deleg");
        assertEquals(403, keycloak(deleg, "PUT", "/users/" + id("t1") + "/groups/" + g, null), "Keycloak: not t1");

        Http.Reply asAdmin = join(deleg, g, "deleg", "ADMIN");
        assertEquals(403, asAdmin.status(), asAdmin.toString());
        assertFalse(hasType("deleg", "ADMIN"), "deleg made itself ADMIN");
        assertEquals(Set.of(), members(g), "the refused join left nobody in G");
        assertEquals(403, join(deleg, g, "deleg", "OWNER").status());
        assertFalse(hasType("deleg", "OWNER"));

        // Keycloak lets deleg put itself into a group it manages the membership of, and so does Custos, as MEMBER.
        assertEquals(204, keycloak(deleg, "PUT", "/users/" + id("deleg") + "/groups/" + g2, null));
        assertEquals(Set.of("deleg"), members(g2));
        Http.Reply asMember = join(deleg, g, "deleg", "MEMBER");
        assertEquals(200, asMember.status(), asMember.toString());
        assertEquals(Set.of("deleg"), members(g));
        assertTrue(hasType("deleg", "MEMBER"));

        // As a member it changes its own type no higher.
        Http.Reply promote = custos(
                deleg,
                "PUT",
                SERVICE,
                "user/group/membership",
                Map.of("group_id", g, "username", "deleg", "type", "ADMIN"));
        assertEquals(403, promote.status(), promote.toString());
        assertTrue(hasType("deleg", "MEMBER"), "still a plain member");

        // Nor does it add anyone else, as Keycloak refuses it too.
        Http.Reply t1 = join(deleg, g, "t1", "MEMBER");
        assertEquals(403, t1.status(), t1.toString());
        assertEquals(Set.of("deleg"), members(g), "t1 was not added");

        // Nor rename G, nor name itself its OWNER through the group's update.
        Http.Reply renamed = custos(deleg, "PUT", SERVICE, "group/" + g, Map.of("group", Map.of("name", "Mine")));
        assertEquals(403, renamed.status(), renamed.toString());
        Http.Reply owned =
                custos(deleg, "PUT", SERVICE, "group/" + g, Map.of("group", Map.of("name", "G", "owner_id", "deleg")));
        assertEquals(403, owned.status(), owned.toString());
        assertEquals("G", realm.admin().get(path("/groups/" + g)).get("name").asText());
        assertFalse(hasType("deleg", "OWNER"));
    }

    @Test
    void aPerUserDelegateDeactivatesExactlyItsUserAsKeycloakDoes() {
        String udeleg = token("udeleg");
        String users = "user-management";
        assertEquals(
                403,
                custos(udeleg, "GET", users, "users", null).status(),
                "the premise: the delegate cannot query users");

        Http.Reply t1 = custos(udeleg, "POST", users, "user/deactivation", Map.of("username", "t1"));
        assertEquals(200, t1.status(), t1.toString());
        assertFalse(realm.adminUser("t1").get("enabled").asBoolean(), "t1 is disabled");
        setEnabled("t1", true);
        assertEquals(204, keycloakDisable(udeleg, "t1"), "Keycloak's admin API lets it too");
        assertFalse(realm.adminUser("t1").get("enabled").asBoolean());

        Http.Reply t2 = custos(udeleg, "POST", users, "user/deactivation", Map.of("username", "t2"));
        assertEquals(403, t2.status(), t2.toString());
        assertEquals(403, keycloakDisable(udeleg, "t2"), "Keycloak's admin API refuses it too");
        assertTrue(realm.adminUser("t2").get("enabled").asBoolean(), "t2 is still enabled");

        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply absent = custos(udeleg, "POST", users, "user/deactivation", Map.of("username", nobody));
        assertEquals(t2.status(), absent.status(), "a user that does not exist answers as t2: " + absent);
        String noId = UUID.randomUUID().toString();
        assertEquals(403, keycloak(udeleg, "PUT", "/users/" + noId, Map.of("enabled", false)), "as Keycloak answers");
    }

    /** The delegate disables a user through Keycloak's admin API, sending the representation as the console does. */
    private static int keycloakDisable(String auth, String username) {
        ObjectNode user = (ObjectNode) realm.adminUser(username);
        user.put("enabled", false);
        return keycloak(auth, "PUT", "/users/" + user.get("id").asText(), user);
    }

    private static void setEnabled(String username, boolean enabled) {
        ObjectNode user = (ObjectNode) realm.adminUser(username);
        user.put("enabled", enabled);
        realm.admin().update(path("/users/" + user.get("id").asText()), user);
    }
}
