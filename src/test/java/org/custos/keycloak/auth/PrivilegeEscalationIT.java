package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.SharingApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        refused(r.custos(tenant, "POST", GROUPS, "group")
                .json(Map.of("group", Map.of("name", "x", "owner_id", "plain", "parent_id", p)))
                .send());
        // The same through POST groups, whatever it answers: plain must not end up anywhere under P.
        r.custos(tenant, "POST", GROUPS, "groups")
                .jsonBody(
                        """
                        {"groups": [{"name": "x2", "owner_id": "plain", "parent_id": "%s",
                                     "sub_groups": [{"name": "x3"}]}]}"""
                                .formatted(p))
                .send();
        // Through PUT group/{id} with owner_id on a child of P.
        String inner = r.groupId("realm-admins/inner");
        refused(r.custos(tenant, "PUT", GROUPS, "group/" + inner)
                .json(Map.of("group", Map.of("name", "inner", "owner_id", "plain")))
                .send());
        // Through re-parenting a group plain owns under P.
        JsonNode own = r.custos(tenant, "POST", GROUPS, "group")
                .json(Map.of("group", Map.of("name", "plains", "owner_id", "plain")))
                .send()
                .json();
        refused(r.custos(tenant, "POST", GROUPS, "group/membership")
                .json(Map.of("child_id", own.get("id").asText(), "parent_id", p))
                .send());
        // And the direct way, which was already refused.
        refused(r.custos(tenant, "POST", GROUPS, "user/group/membership")
                .json(Map.of("group_id", p, "username", "plain"))
                .send());

        assertEquals(Set.of(), r.adminRoles("plain"));
        assertTrue(
                r.groupPaths("plain").stream().noneMatch(g -> g.startsWith("/realm-admins")),
                r.groupPaths("plain").toString());
        assertEquals(403, r.keycloakUserList(r.realm.accessToken("plain", AuthzRealm.PASSWORD)));
    }

    /** 2. A plain user who owns a group maps roles on it (and so on themselves). */
    @Test
    void groupOwnerCannotMapRolesOrAttributesOnItsGroup() {
        String team = r.custos(r.realm.tenantAuth(), "POST", GROUPS, "group")
                .json(Map.of("group", Map.of("name", "team", "owner_id", "owen")))
                .send()
                .json()
                .get("id")
                .asText();
        String owen = Http.bearer(r.token("owen"));
        refused(r.custos(owen, "PUT", GROUPS, "group/" + team)
                .jsonBody(
                        """
                        {"group": {"name": "team", "realm_roles": ["custos-secrets-admin", "superpower"]}}""")
                .send());
        refused(r.custos(owen, "PUT", GROUPS, "group/" + team)
                .jsonBody(
                        """
                        {"group": {"name": "team", "attributes": [{"key": "k", "values": ["v"]}]}}""")
                .send());
        assertEquals(
                0,
                r.realm
                        .admin()
                        .get("/" + r.realm.name() + "/groups/" + team + "/role-mappings/realm")
                        .size());
        assertTrue(r.realm
                .admin()
                .get("/" + r.realm.name() + "/groups/" + team)
                .path("attributes")
                .isEmpty());
        assertFalse(r.realmRoles("owen").contains("custos-secrets-admin"));
        assertFalse(r.realmRoles("owen").contains("superpower"));
        // Ownership still manages what Custos gives it: the name and description.
        assertEquals(
                200,
                r.custos(owen, "PUT", GROUPS, "group/" + team)
                        .json(Map.of("group", Map.of("name", "team-renamed", "description", "ours")))
                        .send()
                        .status());
        // A user-admin may map a plain role on the group; the Custos power role needs a caller that holds it.
        assertEquals(
                200,
                r.custos(r.realm.tenantAuth(), "PUT", GROUPS, "group/" + team)
                        .json(Map.of("group", Map.of("name", "team-renamed", "realm_roles", List.of("superpower"))))
                        .send()
                        .status());
        refused(r.custos(r.realm.tenantAuth(), "PUT", GROUPS, "group/" + team)
                .jsonBody(
                        """
                        {"group": {"name": "team-renamed", "realm_roles": ["superpower", "custos-secrets-admin"]}}""")
                .send());
        assertFalse(r.realmRoles("owen").contains("custos-secrets-admin"));
        // Taking a member out of a group takes its roles away: ownership does not revoke roles either.
        assertEquals(
                200,
                r.custos(r.realm.tenantAuth(), "POST", GROUPS, "user/group/membership")
                        .json(Map.of("group_id", team, "username", "mel"))
                        .send()
                        .status());
        refused(r.custos(owen, "DELETE", GROUPS, "user/group/membership")
                .json(Map.of("group_id", team, "username", "mel"))
                .send());
        assertTrue(r.realmRoles("mel").contains("superpower"));
        refused(r.custos(owen, "DELETE", GROUPS, "group/" + team).send());
        assertEquals(
                200,
                r.realm
                        .admin()
                        .call("GET", "/" + r.realm.name() + "/groups/" + team, null)
                        .status());
    }

    /** 3. A grantee of a non-cascading share widens it to cascade, and revokes other people's grants. */
    @Test
    void granteeCannotWidenItsShareNorRevokeOthersGrants() {
        SharingApi admin = new SharingApi(r.realm, Http.bearer(r.token("radmin")));
        admin.entityType("doc");
        admin.permissionType("READ");
        assertEquals(200, admin.createEntity("root", "doc", "radmin", null).status());
        assertEquals(200, admin.createEntity("child", "doc", "radmin", "root").status());
        assertEquals(
                200,
                admin.share("users", "root", "READ", List.of("plain"), false).status());
        assertEquals(
                200, admin.share("users", "root", "READ", List.of("mel"), false).status());
        assertFalse(admin.check("child", "READ", "plain"));

        SharingApi plain = admin.as(Http.bearer(r.token("plain")));
        // A check of one's own access tells nothing about which ids exist.
        assertEquals(
                200,
                plain.call(
                                "GET",
                                "entity/user/access?entity.id=no-such-entity&permission_type.id=READ"
                                        + "&owner_id=plain",
                                null)
                        .status());
        assertFalse(plain.check("no-such-entity", "READ", "plain"));
        refused(plain.share("users", "root", "READ", List.of("plain"), true));
        assertFalse(admin.check("child", "READ", "plain"));
        assertEquals(
                200, admin.createEntity("grandchild", "doc", "radmin", "child").status());
        assertFalse(admin.check("grandchild", "READ", "plain"));

        refused(plain.revoke("users", "root", "READ", List.of("mel")));
        assertTrue(admin.check("root", "READ", "mel"));

        // A grant the owner also makes (wider) is the owner's: the holder who made it first cannot take it back.
        assertEquals(
                200,
                plain.share("users", "root", "READ", List.of("owen"), false).status());
        assertEquals(
                200, admin.share("users", "root", "READ", List.of("owen"), true).status());
        refused(plain.revoke("users", "root", "READ", List.of("owen")));
        assertTrue(admin.check("child", "READ", "owen"));

        // What a holder may do: pass on exactly what it holds, and take back its own grant.
        assertEquals(
                200, plain.share("users", "root", "READ", List.of("sam"), false).status());
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
                .json(Map.of("username", "plain"))
                .send());
        refused(r.custos(Http.bearer(low), "POST", "user-management", "users/roles")
                .json(Map.of("usernames", List.of("plain"), "roles", List.of("sneaky")))
                .send());
        assertEquals(Set.of(), r.adminRoles("plain"));
        // The same user's full-scope token is a realm admin, here as in Keycloak.
        assertEquals(200, r.keycloakUserList(r.token("radmin")));
    }

    /** A user-admin may not take over an account that holds realm-admin through a group (password, profile). */
    @Test
    void aUserAdminCannotTakeOverAnAdminByGroup() {
        String gina = r.id("gina");
        assertEquals(
                204,
                r.realm
                        .admin()
                        .call(
                                "PUT",
                                "/" + r.realm.name() + "/users/" + gina + "/groups/" + r.groupId("realm-admins"),
                                null)
                        .status());
        try {
            refused(r.custos(r.realm.tenantAuth(), "PUT", "user-management", "user/password")
                    .json(Map.of("username", "gina", "password", "Taken-over-1!"))
                    .send());
            refused(r.custos(r.realm.tenantAuth(), "PUT", "user-management", "user/profile")
                    .jsonBody(
                            """
                            {"username": "gina", "first_name": "x", "last_name": "y",
                             "email": "attacker@example.org"}""")
                    .send());
            assertEquals(
                    200,
                    Http.request("POST", r.realm.realmUrl() + "/protocol/openid-connect/token")
                            .form(Map.of(
                                    "grant_type", "password",
                                    "client_id", "tenant",
                                    "client_secret", r.realm.tenantSecret(),
                                    "username", "gina",
                                    "password", AuthzRealm.PASSWORD))
                            .send()
                            .status(),
                    "gina's own password still works");
        } finally {
            r.realm
                    .admin()
                    .call(
                            "DELETE",
                            "/" + r.realm.name() + "/users/" + gina + "/groups/" + r.groupId("realm-admins"),
                            null);
        }
    }

    /**
     * A manage-clients caller writes a protocol mapper that puts "custos-secrets-admin" into an agent's
     * realm_access claim: the claim is not the role, and opens no secret.
     */
    @Test
    void aForgedRoleClaimOpensNoSecret() {
        String sam = r.token("sam");
        assertEquals(
                200,
                r.custos(Http.bearer(sam), "POST", "resource-secret-management", "secret/kv")
                        .json(Map.of("key", "sams-key", "value", "sams-value"))
                        .send()
                        .status());
        String clients = Http.custosBearer(AuthzRealm.CLIENTS_ADMIN, AuthzRealm.CLIENTS_ADMIN_SECRET);
        String agents = "agent-management";
        assertEquals(
                200,
                r.custos(clients, "POST", agents, "enable")
                        .json(Map.of())
                        .send()
                        .status());
        assertEquals(
                200,
                r.custos(clients, "POST", agents, "protocol/mapper")
                        .jsonBody(
                                """
                                {"name": "forge", "mapper_type": "USER_ATTRIBUTE", "attribute_name": "forge",
                                 "claim_name": "realm_access.roles", "claim_type": "STRING", "multi_valued": true,
                                 "add_to_access_token": true}""")
                        .send()
                        .status());
        JsonNode agent = r.custos(clients, "POST", agents, "agent")
                .jsonBody(
                        """
                        {"id": "forger", "attributes": [{"key": "forge", "values": ["custos-secrets-admin"]}]}""")
                .send()
                .json();
        Http.Reply token = Http.request("POST", r.realm.custos("identity-management", "agent/token/tenant"))
                .auth(Http.custosBearer("forger", agent.get("secret").asText()))
                .json(Map.of("grant_type", "client_credentials"))
                .send();
        assertEquals(200, token.status(), token.toString());
        String jwt = token.json().get("access_token").asText();
        assertTrue(
                new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]))
                        .contains("custos-secrets-admin"),
                "the forged claim is in the token");
        Http.Reply read = r.custos(
                        Http.bearer(jwt),
                        "GET",
                        "resource-secret-management",
                        "secret/kv?key=sams-key&metadata.owner_id=sam")
                .send();
        assertTrue(read.status() == 403 || read.status() == 404, read.toString());
        assertFalse(read.body().contains("sams-value"));
    }

    /** An OWNER removed from the group in Keycloak's own console keeps no Custos power over it. */
    @Test
    void anOwnerRemovedInKeycloakIsNoLongerOwner() {
        String club = r.custos(r.realm.tenantAuth(), "POST", GROUPS, "group")
                .json(Map.of("group", Map.of("name", "club", "owner_id", "gina")))
                .send()
                .json()
                .get("id")
                .asText();
        assertEquals(
                204,
                r.realm
                        .admin()
                        .call("DELETE", "/" + r.realm.name() + "/users/" + r.id("gina") + "/groups/" + club, null)
                        .status());
        String gina = Http.bearer(r.token("gina"));
        refused(r.custos(gina, "POST", GROUPS, "user/group/membership")
                .json(Map.of("group_id", club, "username", "gina", "membership_type", "OWNER"))
                .send());
        refused(r.custos(gina, "DELETE", GROUPS, "group/" + club).send());
        assertEquals(
                200,
                r.realm
                        .admin()
                        .call("GET", "/" + r.realm.name() + "/groups/" + club, null)
                        .status());
        assertEquals(Set.of(), r.groupPaths("gina"));
    }

    /** Attributes Keycloak keeps read-only for administrators are not written, nor copied from another account. */
    @Test
    void readOnlyAttributesAreNotWrittenNorCopiedFromAnUnmanageableAccount() {
        String tenant = r.realm.tenantAuth();
        refused(r.custos(tenant, "POST", "user-management", "attributes")
                .jsonBody(
                        """
                        {"users": ["plain"], "attributes": [{"key": "LDAP_ID", "values": ["radmins-ldap-id"]}]}""")
                .send());
        refused(r.custos(tenant, "POST", "user-management", "user/profile/mapper")
                .jsonBody(
                        """
                        {"previous_username": "radmin", "current_username": "plain",
                         "linking_attributes": ["email"]}""")
                .send());
        assertTrue(r.realm.adminUser("plain").path("attributes").path("LDAP_ID").isMissingNode());
        assertEquals(
                "plain@example.org", r.realm.adminUser("plain").get("email").asText());
    }

    /** A group ADMIN may not move the group under one it owns (whose OWNER then deletes it with its sub-groups). */
    @Test
    void anAdminCannotMoveTheGroupIntoOneItOwns() {
        String tenant = r.realm.tenantAuth();
        String victim = r.custos(tenant, "POST", GROUPS, "group")
                .json(Map.of("group", Map.of("name", "victim-group", "owner_id", "owen")))
                .send()
                .json()
                .get("id")
                .asText();
        assertEquals(
                200,
                r.custos(tenant, "POST", GROUPS, "user/group/membership")
                        .json(Map.of("group_id", victim, "username", "mel", "membership_type", "ADMIN"))
                        .send()
                        .status());
        String mine = r.custos(tenant, "POST", GROUPS, "group")
                .json(Map.of("group", Map.of("name", "mels-group", "owner_id", "mel")))
                .send()
                .json()
                .get("id")
                .asText();
        String mel = Http.bearer(r.token("mel"));
        refused(r.custos(mel, "POST", GROUPS, "group/membership")
                .json(Map.of("child_id", victim, "parent_id", mine))
                .send());
        assertEquals(
                200, r.custos(mel, "DELETE", GROUPS, "group/" + mine).send().status());
        assertEquals(
                200,
                r.realm
                        .admin()
                        .call("GET", "/" + r.realm.name() + "/groups/" + victim, null)
                        .status());
    }

    /** Listing groups (query-groups) is not seeing who is in them: that is view-users in Keycloak, and here. */
    @Test
    void queryGroupsAloneSeesNoMembers() {
        String team = r.custos(r.realm.tenantAuth(), "POST", GROUPS, "group")
                .json(Map.of("group", Map.of("name", "closed-team", "owner_id", "owen")))
                .send()
                .json()
                .get("id")
                .asText();
        String rm = r.realmManagementId();
        JsonNode queryGroups = r.realm.admin().get("/" + r.realm.name() + "/clients/" + rm + "/roles/query-groups");
        String gina = r.id("gina");
        assertEquals(
                204,
                r.realm
                        .admin()
                        .call(
                                "POST",
                                "/" + r.realm.name() + "/users/" + gina + "/role-mappings/clients/" + rm,
                                List.of(queryGroups))
                        .status());
        String token = Http.bearer(r.realm.accessToken("gina", AuthzRealm.PASSWORD));
        assertEquals(200, r.custos(token, "GET", GROUPS, "groups").send().status(), "query-groups lists groups");
        refused(r.custos(token, "GET", GROUPS, "user/group/memberships/child?group.id=" + team)
                .send());
        refused(r.custos(token, "GET", GROUPS, "user/group/memberships?profile.username=owen")
                .send());
        refused(r.custos(token, "GET", GROUPS, "user/group/access?group_id=" + team + "&username=owen&type=OWNER")
                .send());
    }

    /** Updating a group leaves its membership alone unless an owner is named: the caller is not made OWNER. */
    @Test
    void updatingAGroupDoesNotMakeTheCallerItsOwner() {
        String team = r.custos(r.realm.tenantAuth(), "POST", GROUPS, "group")
                .json(Map.of("group", Map.of("name", "owned-by-owen", "owner_id", "owen")))
                .send()
                .json()
                .get("id")
                .asText();
        assertEquals(
                200,
                r.custos(Http.bearer(r.token("radmin")), "PUT", GROUPS, "group/" + team)
                        .json(Map.of("group", Map.of("name", "owned-by-owen", "description", "edited by an admin")))
                        .send()
                        .status());
        assertFalse(
                r.groupPaths("radmin").contains("/owned-by-owen"),
                r.groupPaths("radmin").toString());
        assertTrue(r.groupPaths("owen").contains("/owned-by-owen"));
    }
}
