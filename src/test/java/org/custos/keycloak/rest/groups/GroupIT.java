package org.custos.keycloak.rest.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Group Management against a real Keycloak: every seed row and every membership rule, one test each. */
class GroupIT {

    private static final String SERVICE = "group-management";
    private static final String PASSWORD = "group-password-1";
    private static TestRealm realm;
    private static TestRealm otherRealm;
    private static final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    static void setUp() {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(admin, "groups", rep -> {
            rep.putObject("attributes").put("custos.group.membership-types", "reader");
            rep.putObject("roles")
                    .set(
                            "realm",
                            Http.parse(
                                    """
                                    [{"name": "lab_role"},
                                     {"name": "sneaky", "composite": true,
                                      "composites": {"client": {"realm-management": ["realm-admin"]}}}]"""));
            for (String u : List.of("olive", "adam", "mia", "oscar", "xena", "root")) {
                Map<String, Object> user = TestRealm.user(u, PASSWORD);
                if (u.equals("root")) {
                    user.put("clientRoles", Map.of("realm-management", List.of("realm-admin")));
                }
                rep.withArray("users").add(Http.JSON.valueToTree(user));
            }
        });
        otherRealm = TestRealm.create(admin, "groups-other");
        for (String u : List.of("olive", "adam", "mia", "oscar", "root")) {
            tokens.put(u, realm.accessToken(u, PASSWORD));
        }
    }

    @AfterAll
    static void tearDown() {
        realm.close();
        otherRealm.close();
    }

    private static Http.Request tenant(String method, String path) {
        return Http.request(method, realm.custos(SERVICE, path)).auth(realm.tenantAuth());
    }

    private static Http.Request as(String user, String method, String path) {
        return Http.request(method, realm.custos(SERVICE, path)).auth(Http.bearer(tokens.get(user)));
    }

    /** Creates a top-level group owned by {@code owner} through the tenant client; returns its id. */
    private static String group(String owner, Object... extra) {
        Map<String, Object> g = new HashMap<>(Map.ofEntries(
                Map.entry("name", "g-" + UUID.randomUUID().toString().substring(0, 8)),
                Map.entry("ownerId", owner),
                Map.entry("description", "test group")));
        for (int i = 0; i < extra.length; i += 2) {
            g.put((String) extra[i], extra[i + 1]);
        }
        Http.Reply r = tenant("POST", "groups")
                .json(Map.of("clientId", TestRealm.TENANT_CLIENT, "groups", List.of(g)))
                .send();
        assertEquals(200, r.status(), r.toString());
        return r.json().get("groups").get(0).get("id").asText();
    }

    private static Http.Reply join(Http.Request request, String groupId, String username, String type) {
        return request.json(Map.of("group_id", groupId, "username", username, "membership_type", type))
                .send();
    }

    private static Map<String, String> members(String groupId) {
        Map<String, String> types = new HashMap<>();
        tenant("GET", "user/group/memberships/child?group.id=" + groupId)
                .send()
                .json()
                .get("profiles")
                .forEach(p -> types.put(
                        p.get("username").asText(), p.get("membership_type").asText()));
        return types;
    }

    @Test
    void batchCreateCreatesEveryGroupWithSubGroupsOwnerRolesAndAttributes() {
        String a = "lab-" + UUID.randomUUID().toString().substring(0, 6);
        String b = "dept-" + UUID.randomUUID().toString().substring(0, 6);
        Http.Reply r = tenant("POST", "groups")
                .jsonBody(
                        """
                        {"clientId": "ignored",
                         "groups": [{"name": "%s", "ownerId": "olive", "description": "This is test group.",
                                     "realm_roles": ["lab_role"], "client_roles": [],
                                     "attributes": [{"key": "site", "values": ["iu"]}],
                                     "sub_groups": [{"name": "students", "ownerId": "olive"}]},
                                    {"name": "%s", "ownerId": "adam"}]}"""
                                .formatted(a, b))
                .send();
        assertEquals(200, r.status(), r.toString());
        JsonNode groups = r.json().get("groups");
        assertEquals(2, groups.size(), "every group of the array is created (Custos kept only the first)");
        JsonNode first = groups.get(0);
        assertEquals(a, first.get("name").asText());
        assertEquals("olive", first.get("ownerId").asText());
        assertEquals("This is test group.", first.get("description").asText());
        assertEquals("lab_role", first.get("realm_roles").get(0).asText());
        assertEquals("iu", first.get("attributes").get(0).get("values").get(0).asText());
        assertEquals("students", first.get("sub_groups").get(0).get("name").asText());

        // It is a Keycloak group tree the admin console shows.
        JsonNode kc = realm.admin()
                .get("/" + realm.name() + "/groups/" + first.get("id").asText());
        assertEquals(a, kc.get("name").asText());
        assertEquals("This is test group.", kc.get("description").asText());
        JsonNode children = realm.admin()
                .get("/" + realm.name() + "/groups/" + first.get("id").asText() + "/children");
        assertEquals("students", children.get(0).get("name").asText());
        assertEquals(Map.of("olive", "OWNER"), members(first.get("id").asText()));
    }

    @Test
    void findByIdOrNameAndListAll() {
        String id = group("olive");
        JsonNode byId = tenant("GET", "group?group.id=" + id).send().json();
        assertEquals(id, byId.get("id").asText());
        JsonNode byName = tenant("GET", "group?group.name=" + byId.get("name").asText())
                .send()
                .json();
        assertEquals(id, byName.get("id").asText());
        JsonNode all = tenant("GET", "groups?limit=1000").send().json();
        assertTrue(all.get("total_size").asLong() >= 1);
        assertTrue(all.get("groups").toString().contains(id));
        assertEquals(400, tenant("GET", "groups?limit=5000").send().status());
        assertEquals(
                404, tenant("GET", "group?group.id=" + UUID.randomUUID()).send().status());
    }

    @Test
    void anotherRealmsGroupIdsAreInvisible() {
        Http.Reply r = Http.request("POST", otherRealm.custos(SERVICE, "groups"))
                .auth(otherRealm.tenantAuth())
                .json(Map.of("groups", List.of(Map.of("name", "elsewhere"))))
                .send();
        String foreign = r.json().get("groups").get(0).get("id").asText();
        assertEquals(404, tenant("GET", "group?group.id=" + foreign).send().status());
        assertEquals(404, tenant("DELETE", "group/" + foreign).send().status());
        assertEquals(
                404,
                join(tenant("POST", "user/group/membership"), foreign, "mia", "MEMBER")
                        .status());
    }

    @Test
    void updateReplacesNameDescriptionAttributesAndRoles() {
        String id = group(
                "olive",
                "realm_roles",
                List.of("lab_role"),
                "attributes",
                List.of(Map.of("key", "old", "values", List.of("1"))));
        Http.Reply r = tenant("PUT", "group/" + id)
                .jsonBody(
                        """
                        {"clientId": "x",
                         "group": {"name": "renamed-%s", "description": "Group of admin users with read-only access.",
                                   "realm_roles": [], "attributes": [{"key": "new", "values": ["2"]}]}}"""
                                .formatted(id))
                .send();
        assertEquals(200, r.status(), r.toString());
        JsonNode g = r.json();
        assertEquals("renamed-" + id, g.get("name").asText());
        assertEquals(0, g.get("realm_roles").size());
        assertEquals(1, g.get("attributes").size());
        assertEquals("new", g.get("attributes").get(0).get("key").asText());
        assertEquals("olive", g.get("ownerId").asText(), "the OWNER membership is kept");
    }

    @Test
    void ownersAndAdminsManageMembersOthersCannot() {
        String id = group("olive");
        assertEquals(
                200,
                join(as("olive", "POST", "user/group/membership"), id, "adam", "ADMIN")
                        .status());
        assertEquals(
                200,
                join(as("adam", "POST", "user/group/membership"), id, "mia", "member")
                        .status());
        assertEquals(Map.of("olive", "OWNER", "adam", "ADMIN", "mia", "MEMBER"), members(id));
        assertEquals(
                403,
                join(as("mia", "POST", "user/group/membership"), id, "xena", "MEMBER")
                        .status(),
                "a MEMBER manages nobody");
        assertEquals(
                404,
                join(as("oscar", "POST", "user/group/membership"), id, "xena", "MEMBER")
                        .status(),
                "an outsider does not even see the group");
        assertEquals(404, as("oscar", "GET", "group?group.id=" + id).send().status());
        assertEquals(200, as("mia", "GET", "group?group.id=" + id).send().status(), "members see their group");
        Http.Reply removed = as("adam", "DELETE", "user/group/membership")
                .json(Map.of("group_id", id, "username", "mia"))
                .send();
        assertEquals(200, removed.status(), removed.toString());
        assertFalse(members(id).containsKey("mia"));
    }

    @Test
    void onlyAnOwnerMakesOwnersOrDeletesTheGroup() {
        String id = group("olive");
        join(tenant("POST", "user/group/membership"), id, "adam", "ADMIN");
        join(tenant("POST", "user/group/membership"), id, "mia", "MEMBER");
        assertEquals(
                403,
                join(as("adam", "POST", "user/group/membership"), id, "xena", "OWNER")
                        .status());
        assertEquals(
                403,
                as("adam", "PUT", "user/group/membership")
                        .json(Map.of("group_id", id, "username", "mia", "type", "OWNER"))
                        .send()
                        .status());
        assertEquals(
                403,
                as("adam", "PUT", "user/group/membership")
                        .json(Map.of("group_id", id, "username", "olive", "type", "MEMBER"))
                        .send()
                        .status(),
                "an ADMIN cannot demote the OWNER");
        assertEquals(403, as("adam", "DELETE", "group/" + id).send().status());
        assertEquals(
                200,
                as("olive", "PUT", "user/group/membership")
                        .json(Map.of("group_id", id, "username", "mia", "type", "OWNER"))
                        .send()
                        .status());
        assertEquals("OWNER", members(id).get("mia"));
        assertEquals(200, as("olive", "DELETE", "group/" + id).send().status());
        assertEquals(404, tenant("GET", "group?group.id=" + id).send().status());
    }

    @Test
    void aGroupNeverLosesItsLastOwner() {
        String id = group("olive");
        Http.Reply leave = as("olive", "DELETE", "user/group/membership")
                .json(Map.of("group_id", id, "username", "olive"))
                .send();
        assertEquals(409, leave.status(), leave.toString());
        assertEquals(
                409,
                tenant("PUT", "user/group/membership")
                        .json(Map.of("group_id", id, "username", "olive", "type", "ADMIN"))
                        .send()
                        .status(),
                "not even a user-admin can leave a group without OWNER");
        join(tenant("POST", "user/group/membership"), id, "mia", "OWNER");
        assertEquals(
                200,
                tenant("PUT", "user/group/membership")
                        .json(Map.of("group_id", id, "username", "olive", "type", "ADMIN"))
                        .send()
                        .status());
    }

    @Test
    void membershipTypesAreValidatedAndRealmsMayDefineMore() {
        String id = group("olive");
        Http.Reply bad = join(tenant("POST", "user/group/membership"), id, "mia", "SUPREME");
        assertEquals(400, bad.status());
        assertTrue(bad.json().get("error_description").asText().contains("READER"), bad.toString());
        assertEquals(
                200,
                join(tenant("POST", "user/group/membership"), id, "mia", "reader")
                        .status());
        assertEquals("READER", members(id).get("mia"));
        assertTrue(tenant("GET", "user/group/access?group_id=" + id + "&username=mia&type=READER")
                .send()
                .json()
                .get("status")
                .asBoolean());
        assertFalse(tenant("GET", "user/group/access?group_id=" + id + "&username=mia&type=ADMIN")
                .send()
                .json()
                .get("status")
                .asBoolean());
        assertEquals(
                200,
                join(tenant("POST", "user/group/membership"), id, "xena", "").status(),
                "empty means MEMBER");
        assertEquals("MEMBER", members(id).get("xena"));
    }

    @Test
    void childGroupsAreKeycloakSubGroupsWithCycleAndParentChecks() {
        String parent = group("olive");
        String child = group("olive");
        String grandchild = group("olive");
        assertEquals(
                200,
                tenant("POST", "group/membership")
                        .json(Map.of("child_id", child, "parent_id", parent))
                        .send()
                        .status());
        assertEquals(
                200,
                tenant("POST", "group/membership")
                        .json(Map.of("child_id", child, "parent_id", parent))
                        .send()
                        .status(),
                "idempotent");
        assertEquals(
                200,
                tenant("POST", "group/membership")
                        .json(Map.of("child_id", grandchild, "parent_id", child))
                        .send()
                        .status());
        assertEquals(
                409,
                tenant("POST", "group/membership")
                        .json(Map.of("child_id", parent, "parent_id", grandchild))
                        .send()
                        .status(),
                "cycle");
        assertEquals(
                409,
                tenant("POST", "group/membership")
                        .json(Map.of("child_id", parent, "parent_id", parent))
                        .send()
                        .status(),
                "cycle");
        String other = group("olive");
        assertEquals(
                409,
                tenant("POST", "group/membership")
                        .json(Map.of("child_id", grandchild, "parent_id", other))
                        .send()
                        .status(),
                "a Keycloak group has one parent");

        JsonNode kids = tenant("GET", "groups/memberships/child?group.id=" + parent)
                .send()
                .json()
                .get("groups");
        assertEquals(1, kids.size());
        assertEquals(child, kids.get(0).get("id").asText());
        assertEquals(parent, kids.get(0).get("parent_id").asText());
        JsonNode parents = tenant("GET", "groups/memberships?group.id=" + grandchild)
                .send()
                .json()
                .get("groups");
        assertEquals(child, parents.get(0).get("id").asText());
        assertEquals(
                child,
                realm.admin()
                        .get("/" + realm.name() + "/groups/" + grandchild)
                        .get("parentId")
                        .asText());

        assertEquals(
                200,
                tenant("DELETE", "group/membership")
                        .json(Map.of("child_id", grandchild, "parent_id", child))
                        .send()
                        .status());
        assertTrue(realm.admin()
                        .get("/" + realm.name() + "/groups/" + grandchild)
                        .path("parentId")
                        .isMissingNode()
                || realm.admin()
                        .get("/" + realm.name() + "/groups/" + grandchild)
                        .path("parentId")
                        .isNull());
        assertEquals(
                404,
                tenant("DELETE", "group/membership")
                        .json(Map.of("child_id", grandchild, "parent_id", child))
                        .send()
                        .status());
    }

    @Test
    void reParentingNeedsRightsOnBothGroups() {
        String mine = group("adam");
        String theirs = group("olive");
        assertEquals(
                404,
                as("adam", "POST", "group/membership")
                        .json(Map.of("child_id", mine, "parent_id", theirs))
                        .send()
                        .status(),
                "no lifting my group under one I do not manage (which I cannot even see)");
        join(tenant("POST", "user/group/membership"), theirs, "adam", "MEMBER");
        assertEquals(
                403,
                as("adam", "POST", "group/membership")
                        .json(Map.of("child_id", theirs, "parent_id", mine))
                        .send()
                        .status(),
                "no pulling a wider group under mine");
        join(tenant("POST", "user/group/membership"), mine, "olive", "ADMIN");
        assertEquals(
                200,
                as("olive", "POST", "group/membership")
                        .json(Map.of("child_id", mine, "parent_id", theirs))
                        .send()
                        .status(),
                "an ADMIN of both may");
    }

    @Test
    void noEscalationThroughGroupRoles() {
        Http.Reply sneaky = tenant("POST", "groups")
                .jsonBody(
                        """
                        {"groups": [{"name": "sneaky-%s", "ownerId": "olive", "realm_roles": ["sneaky"]}]}"""
                                .formatted(UUID.randomUUID()))
                .send();
        assertEquals(403, sneaky.status(), "manage-users cannot create a group that carries realm-admin: " + sneaky);

        Http.Reply byRoot = as("root", "POST", "groups")
                .jsonBody(
                        """
                        {"groups": [{"name": "admins-%s", "ownerId": "olive", "realm_roles": ["sneaky"]}]}"""
                                .formatted(UUID.randomUUID()))
                .send();
        assertEquals(200, byRoot.status(), byRoot.toString());
        String admins = byRoot.json().get("groups").get(0).get("id").asText();
        // Its OWNER holds realm-admin through the group itself; a manage-users tenant does not, and so may not
        // hand it out by adding members, nor by moving a group (whose members would inherit it) beneath it.
        Http.Reply tenantAdds = join(tenant("POST", "user/group/membership"), admins, "oscar", "MEMBER");
        assertEquals(403, tenantAdds.status(), "membership would grant realm-admin: " + tenantAdds);
        assertFalse(members(admins).containsKey("oscar"));
        String plain = group("adam");
        assertEquals(
                403,
                tenant("POST", "group/membership")
                        .json(Map.of("child_id", plain, "parent_id", admins))
                        .send()
                        .status());
        assertEquals(
                200,
                join(as("olive", "POST", "user/group/membership"), admins, "oscar", "MEMBER")
                        .status(),
                "the OWNER holds every role the group grants, so she may");
    }

    @Test
    void aUsersGroupsIncludeAncestors() {
        String parent = group("olive");
        String child = group("olive");
        tenant("POST", "group/membership")
                .json(Map.of("child_id", child, "parent_id", parent))
                .send();
        join(tenant("POST", "user/group/membership"), child, "xena", "MEMBER");
        List<String> ids = new ArrayList<>();
        tenant("GET", "user/group/memberships?profile.username=xena")
                .send()
                .json()
                .get("groups")
                .forEach(g -> ids.add(g.get("id").asText()));
        assertTrue(ids.contains(child) && ids.contains(parent), ids.toString());
        assertEquals(
                1,
                tenant("GET", "user/group/memberships?profile.username=xena&limit=1")
                        .send()
                        .json()
                        .get("groups")
                        .size(),
                "the list is paged");
        assertEquals(
                403,
                as("oscar", "GET", "user/group/memberships?profile.username=xena")
                        .send()
                        .status());
    }

    @Test
    void deletingAGroupDeletesItsSubGroupsAsKeycloakDoes() {
        String parent = group("olive");
        String child = group("olive");
        tenant("POST", "group/membership")
                .json(Map.of("child_id", child, "parent_id", parent))
                .send();
        assertEquals(200, tenant("DELETE", "group/" + parent).send().status());
        assertEquals(
                404,
                realm.admin()
                        .call("GET", "/" + realm.name() + "/groups/" + child, null)
                        .status());
    }

    @Test
    void deletingAUserRemovesTheirMembershipTypes() {
        String id = group("olive");
        String username = "gone-" + UUID.randomUUID().toString().substring(0, 6);
        realm.admin().call("POST", "/" + realm.name() + "/users", Map.of("username", username, "enabled", true));
        join(tenant("POST", "user/group/membership"), id, username, "OWNER");
        String userId = realm.adminUser(username).get("id").asText();
        assertEquals(
                204,
                realm.admin()
                        .call("DELETE", "/" + realm.name() + "/users/" + userId, null)
                        .status());
        // Had the deleted user's OWNER row survived, olive would not be the last OWNER and could leave.
        assertEquals(
                409,
                tenant("DELETE", "user/group/membership")
                        .json(Map.of("group_id", id, "username", "olive"))
                        .send()
                        .status());
        assertEquals(Map.of("olive", "OWNER"), members(id));
    }

    @Test
    void mutationsAreAdminEvents() {
        String id = group("olive");
        JsonNode events = realm.admin()
                .get("/" + realm.name() + "/admin-events?resourceTypes=GROUP&resourceTypes=GROUP_MEMBERSHIP&max=1000");
        assertTrue(events.toString().contains("groups/" + id), events.toString());
    }

    /** Naming a new OWNER through a group update is a membership change, recorded as POST user/group/membership is. */
    @Test
    void anOwnerNamedByAGroupUpdateIsAMembershipEvent() {
        String id = group("olive");
        String mia = realm.adminUser("mia").get("id").asText();
        Http.Reply r = tenant("PUT", "group/" + id)
                .json(Map.of("group", Map.of("name", "renamed-" + id.substring(0, 8), "owner_id", "mia")))
                .send();
        assertEquals(200, r.status(), r.toString());
        assertEquals("OWNER", members(id).get("mia"));
        JsonNode events =
                realm.admin().get("/" + realm.name() + "/admin-events?resourceTypes=GROUP_MEMBERSHIP&max=1000");
        boolean recorded = false;
        for (JsonNode e : events) {
            recorded |= e.path("resourcePath").asText().equals("users/" + mia + "/groups/" + id)
                    && e.path("representation").asText().contains("OWNER");
        }
        assertTrue(recorded, "the new OWNER's membership is an admin event: " + events);
    }

    @Test
    void singleGroupCreateOfTheLaterApi() {
        String parent = group("olive");
        Http.Reply r = tenant("POST", "group")
                .jsonBody(
                        """
                        {"client_id": "x",
                         "group": {"name": "single", "description": "d", "owner_id": "mia", "parent_id": "%s"}}"""
                                .formatted(parent))
                .send();
        assertEquals(200, r.status(), r.toString());
        JsonNode g = r.json();
        assertEquals(parent, g.get("parent_id").asText());
        assertEquals("mia", g.get("owner_id").asText());
        assertEquals(
                409,
                tenant("POST", "group")
                        .json(Map.of("group", Map.of("name", "single", "parent_id", parent)))
                        .send()
                        .status());
    }
}
