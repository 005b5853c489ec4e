package org.custos.keycloak.compat;

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
 * The Custos portal's service layer (airavata-custos-portal, {@code src/lib/service/custos-service}), as its Django
 * proxy sends it: the tenant admin's access token, axios's {@code Content-Type: application/json} on every call,
 * bodies exactly as the portal builds them (undefined fields left out, {@code null}s kept), and DELETE bodies.
 * Each step asserts the fields the portal's pages read next.
 */
class PortalClientIT {

    private static final String ADMIN = "portal-admin";
    private static final String ADMIN_PASSWORD = "portal-admin-password-1";
    private static final String CLIENT_ID = TestRealm.TENANT_CLIENT;
    private static TestRealm realm;
    private static String adminToken;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "portal", rep -> {
            rep.put("duplicateEmailsAllowed", false);
            rep.putObject("roles")
                    .set(
                            "realm",
                            Http.JSON.valueToTree(
                                    List.of(Map.of("name", "tenant-role", "description", "A tenant role"))));
            ((com.fasterxml.jackson.databind.node.ObjectNode) rep.get("roles"))
                    .putObject("client")
                    .set(CLIENT_ID, Http.JSON.valueToTree(List.of(Map.of("name", "viewer", "description", "Views"))));
            Map<String, Object> admin = TestRealm.user(ADMIN, ADMIN_PASSWORD);
            String adminRoles =
                    """
                    {"realm-management": ["manage-users", "view-users", "query-groups", "view-realm", "manage-realm",
                                          "view-clients", "manage-clients", "manage-authorization"]}""";
            admin.put("clientRoles", Http.parse(adminRoles));
            rep.withArray("users").add(Http.JSON.valueToTree(admin));
            Map<String, Object> bob = TestRealm.user("bob", "bob-password-1");
            bob.put("clientRoles", Map.of(CLIENT_ID, List.of("viewer")));
            rep.withArray("users").add(Http.JSON.valueToTree(bob));
            rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user("carol", "carol-password-1")));
        });
        adminToken = realm.accessToken(ADMIN, ADMIN_PASSWORD);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    /** The portal's axios instance (Accept any, Content-Type application/json) behind its Django proxy. */
    private static Http.Request portal(String method, String service, String path) {
        return Http.request(method, realm.custos(service, path))
                .header("Accept", "*/*")
                .header("Content-Type", "application/json")
                .auth(Http.bearer(adminToken));
    }

    private static JsonNode ok(Http.Request request) {
        Http.Reply r = request.send();
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private static Set<String> names(JsonNode roles) {
        Set<String> names = new TreeSet<>();
        roles.forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    @Test
    void rolesPagesListCreateAssignAndDeleteRoles() {
        // custos-service-users.js getRoles({isClientLevel}) and custos-service-tenants.js fetchTenantRoles.
        JsonNode realmRoles =
                ok(portal("GET", "user-management", "roles?client_level=false")).get("roles");
        assertTrue(names(realmRoles).contains("tenant-role"), realmRoles.toString());
        JsonNode tenantRole = java.util.stream.StreamSupport.stream(realmRoles.spliterator(), false)
                .filter(r -> r.get("name").asText().equals("tenant-role"))
                .findFirst()
                .orElseThrow();
        assertEquals("A tenant role", tenantRole.get("description").asText());
        assertFalse(tenantRole.get("composite").asBoolean());
        assertFalse(tenantRole.get("id").asText().isEmpty());
        assertEquals(
                Set.of("viewer"),
                names(ok(portal("GET", "user-management", "roles?client_level=true"))
                        .get("roles")));
        assertEquals(
                names(realmRoles),
                names(ok(portal("GET", "tenant-management", "roles?client_id=" + CLIENT_ID + "&client_level=false"))
                        .get("roles")));

        // createTenantRole, then deleteTenantRole (the role's name in role.id).
        JsonNode created = ok(portal("POST", "tenant-management", "roles")
                .json("{\"roles\":[{\"name\":\"curator\","
                        + "\"description\":\"Curates\"}],\"client_level\":false,\"client_id\":\"" + CLIENT_ID
                        + "\",\"composite\":false}"));
        assertTrue(names(created.get("roles")).contains("curator"), created.toString());
        assertEquals(
                "Curates",
                realm.admin()
                        .get("/" + realm.name() + "/roles/curator")
                        .get("description")
                        .asText());

        ok(portal("POST", "user-management", "users/roles")
                .jsonBody(
                        """
                        {"client_id": "%s", "roles": ["curator"], "usernames": ["carol"], "client_level": false}"""
                                .formatted(CLIENT_ID)));
        assertTrue(realm.realmRoleNames("carol").contains("curator"));
        ok(portal("DELETE", "tenant-management", "role")
                .json("{\"role\":{\"id\":\"curator\"},\"client_level\":false," + "\"client_id\":\"" + CLIENT_ID
                        + "\"}"));
        assertEquals(
                404,
                realm.admin()
                        .call("GET", "/" + realm.name() + "/roles/curator", null)
                        .status());
        assertFalse(realm.realmRoleNames("carol").contains("curator"));
    }

    @Test
    void userRolesDialogRemovesAClientRole() {
        // addRolesToUser / deleteRolesFromUser with client_level: the roles are the client's.
        String bobId = realm.adminUser("bob").get("id").asText();
        String tenantInternalId = realm.admin()
                .get("/" + realm.name() + "/clients?clientId=" + CLIENT_ID)
                .get(0)
                .get("id")
                .asText();
        String mappings = "/" + realm.name() + "/users/" + bobId + "/role-mappings/clients/" + tenantInternalId;
        ok(portal("POST", "user-management", "users/roles")
                .jsonBody(
                        """
                        {"client_id": "%s", "roles": ["viewer"], "usernames": ["bob"], "client_level": true}"""
                                .formatted(CLIENT_ID)));
        assertEquals(1, realm.admin().get(mappings).size(), "bob holds the client role viewer");
        JsonNode deleted = ok(portal("DELETE", "user-management", "user/roles")
                .jsonBody(
                        """
                        {"client_id": "%s", "roles": ["viewer"], "username": "bob", "client_level": true}"""
                                .formatted(CLIENT_ID)));
        assertTrue(deleted.get("status").asBoolean());
        assertEquals(0, realm.admin().get(mappings).size(), "bob lost the client role viewer");
        Http.Reply otherClient = portal("DELETE", "user-management", "user/roles")
                .jsonBody(
                        """
                        {"client_id": "another", "roles": ["viewer"], "username": "bob", "client_level": true}""")
                .send();
        assertEquals(400, otherClient.status(), "client_id names the calling client: " + otherClient);
        // A weaker caller (a plain user's token) cannot use the client-level path to take or give the role.
        ok(portal("POST", "user-management", "users/roles")
                .jsonBody(
                        """
                        {"client_id": "%s", "roles": ["viewer"], "usernames": ["bob"], "client_level": true}"""
                                .formatted(CLIENT_ID)));
        String carol = realm.accessToken("carol", "carol-password-1");
        for (String method : List.of("DELETE", "POST")) {
            Http.Reply climb = Http.request(
                            method,
                            realm.custos("user-management", method.equals("DELETE") ? "user/roles" : "users/roles"))
                    .auth(Http.bearer(carol))
                    .jsonBody(
                            """
                            {"client_id": "%s", "roles": ["viewer"], "username": "bob", "usernames": ["carol"],
                             "client_level": true}"""
                                    .formatted(CLIENT_ID))
                    .send();
            assertEquals(403, climb.status(), method + ": " + climb);
        }
        assertEquals(1, realm.admin().get(mappings).size(), "bob still holds viewer");
        String carolId = realm.adminUser("carol").get("id").asText();
        assertEquals(
                0,
                realm.admin()
                        .get("/" + realm.name() + "/users/" + carolId + "/role-mappings/clients/" + tenantInternalId)
                        .size(),
                "carol gained nothing");
    }

    @Test
    void groupEditorUpdatesWithAFlatBody() {
        String id = ok(portal("POST", "group-management", "group")
                        .json("{\"clientId\":\"" + CLIENT_ID
                                + "\",\"group\":{\"name\":\"flat-lab\",\"description\":\"The "
                                + "lab\",\"ownerId\":\"bob\"}}"))
                .get("id")
                .asText();
        // updateGroup({groupId, name, description, ownerId}): a flat body, no "group" wrapper.
        JsonNode updated = ok(portal("PUT", "group-management", "group/" + id)
                .json("{\"groupId\":\"" + id
                        + "\",\"name\":\"flat-lab-renamed\",\"description\":\"The renamed lab\",\"ownerId\":\"bob\"}"));
        assertEquals("flat-lab-renamed", updated.get("name").asText());
        assertEquals(
                "The renamed lab",
                realm.admin()
                        .get("/" + realm.name() + "/groups/" + id)
                        .get("description")
                        .asText());
        Http.Reply wrongId = portal("PUT", "group-management", "group/" + id)
                .json("{\"groupId\":\"someone-else\"," + "\"name\":\"x\"}")
                .send();
        assertEquals(400, wrongId.status(), wrongId.toString());
        assertEquals(
                "flat-lab-renamed",
                realm.admin()
                        .get("/" + realm.name() + "/groups/" + id)
                        .get("name")
                        .asText());
        // deleteGroup({clientId, groupId}): DELETE with a body.
        ok(portal("DELETE", "group-management", "group/" + id).json("{\"client_id\":\"" + CLIENT_ID + "\"}"));
    }

    @Test
    void groupPagesReadTheOwnerInBothSpellings() {
        // createGroup({clientId, name, description, ownerId, ...undefined}) reads data.id.
        String id = ok(portal("POST", "group-management", "group")
                        .json("{\"clientId\":\"" + CLIENT_ID
                                + "\",\"group\":{\"name\":\"lab\",\"description\":\"The lab\",\"ownerId\":\"bob\"}}"))
                .get("id")
                .asText();
        // getAllGroups({clientId}): the group list reads owner_id.
        JsonNode listed = ok(portal("GET", "group-management", "groups?clientId=" + CLIENT_ID))
                .get("groups");
        JsonNode lab = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                .filter(g -> g.get("id").asText().equals(id))
                .findFirst()
                .orElseThrow();
        assertEquals("bob", lab.get("owner_id").asText(), lab.toString());
        assertEquals("bob", lab.get("ownerId").asText());
        for (String field : List.of(
                "parent_id",
                "created_time",
                "last_modified_time",
                "description",
                "realm_roles",
                "client_roles",
                "attributes",
                "sub_groups")) {
            assertTrue(lab.has(field), field + " in " + lab);
        }
        // findGroup({clientId, groupId}) reads ownerId.
        JsonNode found = ok(portal("GET", "group-management", "group?group.id=" + id + "&client_id=" + CLIENT_ID));
        assertEquals("bob", found.get("ownerId").asText());
        Set<String> listFields = new TreeSet<>();
        lab.fieldNames().forEachRemaining(listFields::add);
        Set<String> findFields = new TreeSet<>();
        found.fieldNames().forEachRemaining(findFields::add);
        assertEquals(listFields, findFields, "the same fields in every group response");
    }

    @Test
    void userPagesReadAttributeValuesAfterAProfileUpdate() {
        ok(portal("POST", "user-management", "attributes")
                .jsonBody(
                        """
                        {"client_id": "%s", "attributes": [{"key": "phone", "values": ["8123"]}], "users": ["carol"]}"""
                                .formatted(CLIENT_ID)));
        // updateProfile({clientId, username, firstName, lastName, email}) reads attributes[].values.
        JsonNode profile = ok(portal("PUT", "user-management", "user/profile")
                .jsonBody(
                        """
                        {"username": "carol", "first_name": "Carol", "last_name": "Cole", "email": "carol@example.org",
                         "client_id": "%s"}"""
                                .formatted(CLIENT_ID)));
        assertEquals("Cole", profile.get("last_name").asText());
        JsonNode phone = profile.get("attributes").get(0);
        assertEquals("phone", phone.get("key").asText(), profile.toString());
        assertEquals("8123", phone.get("values").get(0).asText());
        // findUsers({offset, limit, clientId, username}) reads users[].username.
        JsonNode users = ok(portal(
                        "GET", "user-management", "users?offset=0&limit=20&client_id=" + CLIENT_ID + "&user.id=carol"))
                .get("users");
        assertEquals("carol", users.get(0).get("username").asText());
    }

    @Test
    void passwordSecretWithThePasswordInMetadata() {
        // custos-service-entities-secrets-password.js createSecret, then getSecret.
        String password = "portal-password-" + java.util.UUID.randomUUID();
        String token = ok(portal("POST", "resource-secret-management", "secret/password")
                        .jsonBody(
                                """
                                {"metadata": {"client_id": "%s", "description": "db password", "owner_id": "%s",
                                              "password": "%s"}}"""
                                        .formatted(CLIENT_ID, ADMIN, password)))
                .get("token")
                .asText();
        assertEquals(
                password,
                ok(portal(
                                "GET",
                                "resource-secret-management",
                                "secret/password?client_id=" + CLIENT_ID + "&token=" + token))
                        .get("password")
                        .asText());
        Http.Reply both = portal("POST", "resource-secret-management", "secret/password")
                .jsonBody(
                        """
                        {"metadata": {"owner_id": "%s", "password": "pw-first-7731"}, "password": "pw-second-9142"}"""
                                .formatted(ADMIN))
                .send();
        assertEquals(400, both.status(), both.toString());
        assertFalse(both.body().contains("pw-first") || both.body().contains("pw-second"), "no password in the error");
    }

    @Test
    void shareDialogReadsOnePermissionObjectPerRow() {
        ok(portal("POST", "sharing-management", "entity/type")
                .json("{\"client_id\":\"" + CLIENT_ID
                        + "\",\"entity_type\":{\"id\":\"PROJECT\",\"name\":\"PROJECT\",\"description\":null}}"));
        ok(portal("POST", "sharing-management", "permission/type")
                .json("{\"client_id\":\"" + CLIENT_ID
                        + "\",\"permission_type\":{\"id\":\"EDIT\",\"name\":\"EDIT\",\"description\":null}}"));
        ok(portal("POST", "sharing-management", "entity")
                .jsonBody(
                        """
                        {"client_id": "%s",
                         "entity": {"id": "project-1", "name": "Project 1", "type": "PROJECT", "owner_id": "%s"}}"""
                                .formatted(CLIENT_ID, ADMIN)));
        String groupId = ok(portal("POST", "group-management", "group")
                        .json(Map.of("clientId", CLIENT_ID, "group", Map.of("name", "editors"))))
                .get("id")
                .asText();
        ok(portal("POST", "sharing-management", "users/share")
                .jsonBody(
                        """
                        {"client_id": "%s", "entity": {"id": "project-1"}, "permission_type": {"id": "EDIT"},
                         "owner_id": ["bob"], "cascade": true, "shared_by": "%s"}"""
                                .formatted(CLIENT_ID, ADMIN)));
        ok(portal("POST", "sharing-management", "groups/share")
                .jsonBody(
                        """
                        {"client_id": "%s", "entity": {"id": "project-1"}, "permission_type": {"id": "EDIT"},
                         "owner_id": ["%s"], "cascade": true, "shared_by": "%s"}"""
                                .formatted(CLIENT_ID, groupId, ADMIN)));
        // getSharedOwners: shared_data[].permission.id (modal-share-entity.vue) and owner_type.
        Set<String> rows = new TreeSet<>();
        ok(portal("GET", "sharing-management", "share?entity.id=project-1&client_id=" + CLIENT_ID))
                .get("shared_data")
                .forEach(d -> rows.add(
                        d.get("owner_type").asText() + ":" + d.get("owner_id").asText() + ":"
                                + d.get("permission").get("id").asText()));
        assertEquals(Set.of("user:" + ADMIN + ":OWNER", "user:bob:EDIT", "group:" + groupId + ":EDIT"), rows);
        Set<String> direct = new TreeSet<>();
        ok(portal("GET", "sharing-management", "share/direct?entity.id=project-1&client_id=" + CLIENT_ID))
                .get("shared_data")
                .forEach(d -> direct.add(d.get("permission").get("id").asText()));
        assertEquals(Set.of("OWNER", "EDIT"), direct);
    }

    @Test
    void secretEntitiesUnderTheBuiltInSecretType() {
        // The built-in entity type SECRET is listed (TenantEntityTypes.vue shows it, undeletable).
        JsonNode types = ok(portal("GET", "sharing-management", "entity/types?client_id=" + CLIENT_ID))
                .get("types");
        assertTrue(
                java.util.stream.StreamSupport.stream(types.spliterator(), false)
                        .anyMatch(t -> t.get("id").asText().equals("SECRET")),
                types.toString());
        assertEquals(
                400,
                portal("DELETE", "sharing-management", "entity/type")
                        .json(Map.of("client_id", CLIENT_ID, "entity_type", Map.of("id", "SECRET")))
                        .send()
                        .status());
        // createPermissionType({clientId, id, name, description = null}): a JSON null.
        ok(portal("POST", "sharing-management", "permission/type")
                .json("{\"client_id\":\"" + CLIENT_ID
                        + "\",\"permission_type\":{\"id\":\"READ\",\"name\":\"READ\",\"description\":null}}"));

        // custos-service-entities-secrets-password.js createSecret: the password inside metadata.
        String token = ok(portal("POST", "resource-secret-management", "secret/password")
                        .jsonBody(
                                """
                                {"metadata": {"client_id": "%s", "description": "db password", "owner_id": "%s",
                                              "password": "portal-password-%s"}}"""
                                        .formatted(CLIENT_ID, ADMIN, java.util.UUID.randomUUID())))
                .get("token")
                .asText();
        // entities/index.js createEntity with type SECRET and the secret's token as its id.
        Map<String, Object> entity = new HashMap<>(
                Map.of("id", token, "name", "db password", "description", "db", "type", "SECRET", "owner_id", ADMIN));
        ok(portal("POST", "sharing-management", "entity").json(Map.of("client_id", CLIENT_ID, "entity", entity)));

        // shareEntity: users/share with cascade and shared_by; getSharedOwners reads shared_data.
        ok(portal("POST", "sharing-management", "users/share")
                .jsonBody(
                        """
                        {"client_id": "%s", "entity": {"id": "%s"}, "permission_type": {"id": "READ"},
                         "owner_id": ["bob"], "cascade": true, "shared_by": "%s"}"""
                                .formatted(CLIENT_ID, token, ADMIN)));
        JsonNode shared = ok(portal(
                        "GET", "sharing-management", "share?entity.id=" + token + "&client_id=" + CLIENT_ID))
                .get("shared_data");
        Set<String> rows = new TreeSet<>();
        shared.forEach(d ->
                rows.add(d.get("owner_type").asText() + ":" + d.get("owner_id").asText() + ":"
                        + d.get("permission").get("id").asText() + ":"
                        + d.get("permissions").get(0).get("id").asText()));
        assertEquals(Set.of("user:" + ADMIN + ":OWNER:OWNER", "user:bob:READ:READ"), rows, shared.toString());
        assertEquals("SECRET", shared.get(0).get("entity").get("type").asText());
    }
}
