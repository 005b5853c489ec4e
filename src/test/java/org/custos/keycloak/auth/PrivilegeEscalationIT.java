package org.custos.keycloak.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.SharingApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four privilege escalations found on the API before Keycloak's evaluator decided for it, replayed verbatim:
 * each is refused with our JSON error and leaves nothing changed — checked in Keycloak's own admin API, which is
 * what the attacker wanted to reach.
 */
class PrivilegeEscalationIT {

    private static final String GROUPS = "group-management";
    private static AuthzRealm r;

    @BeforeAll
    static void setUp() {
        r = new AuthzRealm("escalation");
    }

    @AfterAll
    static void tearDown() {
        r.realm.close();
    }

    private static void refused(Http.Reply reply) {
        assertTrue(reply.status() == 403 || reply.status() == 404, reply.toString());
        assertTrue(reply.json().has("error") && reply.json().has("error_description"), reply.toString());
    }

    /** 1. A manage-users client puts a plain user into a group that inherits realm-admin. */
    @Test
    void manageUsersClientCannotSeatAUserUnderAnAdminGroup() {
        String p = r.groupId("realm-admins");
        String tenant = r.realm.tenantAuth();
        refused(r.custos(tenant, "POST", GROUPS, "group").json(Map.of("group",
                Map.of("name", "x", "owner_id", "plain", "parent_id", p))).send());
        // The same through POST groups, whatever it answers: plain must not end up anywhere under P.
        r.custos(tenant, "POST", GROUPS, "groups").json(Map.of("groups", List.of(Map.of("name", "x2",
                "owner_id", "plain", "parent_id", p, "sub_groups", List.of(Map.of("name", "x3")))))).send();
        // Through PUT group/{id} with owner_id on a child of P.
        String inner = r.groupId("realm-admins/inner");
        refused(r.custos(tenant, "PUT", GROUPS, "group/" + inner).json(Map.of("group",
                Map.of("name", "inner", "owner_id", "plain"))).send());
        // Through re-parenting a group plain owns under P.
        JsonNode own = r.custos(tenant, "POST", GROUPS, "group").json(Map.of("group",
                Map.of("name", "plains", "owner_id", "plain"))).send().json();
        refused(r.custos(tenant, "POST", GROUPS, "group/membership").json(Map.of("child_id",
                own.get("id").asText(), "parent_id", p)).send());
        // And the direct way, which was already refused.
        refused(r.custos(tenant, "POST", GROUPS, "user/group/membership").json(Map.of("group_id", p,
                "username", "plain")).send());

        assertEquals(Set.of(), r.adminRoles("plain"));
        assertTrue(r.groupPaths("plain").stream().noneMatch(g -> g.startsWith("/realm-admins")), r.groupPaths("plain").toString());
        assertEquals(403, r.keycloakUserList(r.realm.accessToken("plain", AuthzRealm.PASSWORD)));
    }

    /** 2. A plain user who owns a group maps roles on it (and so on themselves). */
    @Test
    void groupOwnerCannotMapRolesOrAttributesOnItsGroup() {
        String team = r.custos(r.realm.tenantAuth(), "POST", GROUPS, "group").json(Map.of("group",
                Map.of("name", "team", "owner_id", "owen"))).send().json().get("id").asText();
        String owen = Http.bearer(r.token("owen"));
        refused(r.custos(owen, "PUT", GROUPS, "group/" + team).json(Map.of("group", Map.of("name", "team",
                "realm_roles", List.of("custos-secrets-admin", "superpower")))).send());
        refused(r.custos(owen, "PUT", GROUPS, "group/" + team).json(Map.of("group", Map.of("name", "team",
                "attributes", List.of(Map.of("key", "k", "values", List.of("v")))))).send());
        assertEquals(0, r.realm.admin().get("/" + r.realm.name() + "/groups/" + team + "/role-mappings/realm").size());
        assertTrue(r.realm.admin().get("/" + r.realm.name() + "/groups/" + team).path("attributes").isEmpty());
        assertFalse(r.realmRoles("owen").contains("custos-secrets-admin"));
        assertFalse(r.realmRoles("owen").contains("superpower"));
        // Ownership still manages what Custos gives it: the name and description.
        assertEquals(200, r.custos(owen, "PUT", GROUPS, "group/" + team).json(Map.of("group",
                Map.of("name", "team-renamed", "description", "ours"))).send().status());
        // A user-admin may map a plain role on the group; the Custos power role needs a caller that holds it.
        assertEquals(200, r.custos(r.realm.tenantAuth(), "PUT", GROUPS, "group/" + team).json(Map.of("group",
                Map.of("name", "team-renamed", "realm_roles", List.of("superpower")))).send().status());
        refused(r.custos(r.realm.tenantAuth(), "PUT", GROUPS, "group/" + team).json(Map.of("group",
                Map.of("name", "team-renamed", "realm_roles", List.of("superpower", "custos-secrets-admin")))).send());
        assertFalse(r.realmRoles("owen").contains("custos-secrets-admin"));
    }

    /** 3. A grantee of a non-cascading share widens it to cascade, and revokes other people's grants. */
    @Test
    void granteeCannotWidenItsShareNorRevokeOthersGrants() {
        SharingApi admin = new SharingApi(r.realm, Http.bearer(r.token("radmin")));
        admin.entityType("doc");
        admin.permissionType("READ");
        assertEquals(200, admin.createEntity("root", "doc", "radmin", null).status());
        assertEquals(200, admin.createEntity("child", "doc", "radmin", "root").status());
        assertEquals(200, admin.share("users", "root", "READ", List.of("plain"), false).status());
        assertEquals(200, admin.share("users", "root", "READ", List.of("mel"), false).status());
        assertFalse(admin.check("child", "READ", "plain"));

        SharingApi plain = admin.as(Http.bearer(r.token("plain")));
        refused(plain.share("users", "root", "READ", List.of("plain"), true));
        assertFalse(admin.check("child", "READ", "plain"));
        assertEquals(200, admin.createEntity("grandchild", "doc", "radmin", "child").status());
        assertFalse(admin.check("grandchild", "READ", "plain"));

        refused(plain.revoke("users", "root", "READ", List.of("mel")));
        assertTrue(admin.check("root", "READ", "mel"));

        // What a holder may do: pass on exactly what it holds, and take back its own grant.
        assertEquals(200, plain.share("users", "root", "READ", List.of("sam"), false).status());
        assertTrue(admin.check("root", "READ", "sam"));
        assertFalse(admin.check("child", "READ", "sam"));
        assertEquals(200, plain.revoke("users", "root", "READ", List.of("sam")).status());
        assertFalse(admin.check("root", "READ", "sam"));
    }

    /** 4. A realm admin's token from a client whose scope carries no realm-management role. */
    @Test
    void aTokenCountsOnlyForTheRolesItCarries() {
        String low = r.lowScopeAdminToken();
        assertEquals(403, r.keycloakUserList(low), "Keycloak's own admin API refuses this token");
        refused(r.custos(Http.bearer(low), "POST", "user-management", "user/admin")
                .json(Map.of("username", "plain")).send());
        refused(r.custos(Http.bearer(low), "POST", "user-management", "users/roles")
                .json(Map.of("usernames", List.of("plain"), "roles", List.of("sneaky"))).send());
        assertEquals(Set.of(), r.adminRoles("plain"));
        // The same user's full-scope token is a realm admin, here as in Keycloak.
        assertEquals(200, r.keycloakUserList(r.token("radmin")));
    }
}
