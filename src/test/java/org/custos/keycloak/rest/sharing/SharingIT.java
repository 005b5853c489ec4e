package org.custos.keycloak.rest.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sharing management against a real Keycloak, over HTTP: the seed rows, Custos's semantics and our rules. */
class SharingIT {

    private static TestRealm realm;
    private static SharingApi tenant;
    private static String groupA;
    private static String groupChild;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "sharing", rep -> {
            for (String u : List.of("bob", "carol", "dave", "erin")) {
                Map<String, Object> user = TestRealm.user(u, u + "-password-1");
                user.put("emailVerified", true);
                rep.withArray("users").add(Http.JSON.valueToTree(user));
            }
        });
        tenant = new SharingApi(realm, realm.tenantAuth());
        tenant.entityType("EXPERIMENT");
        tenant.entityType("PROJECT");
        tenant.permissionType("READ");
        tenant.permissionType("WRITE");
        groupA = createGroup("team-a", null);
        groupChild = createGroup("team-a-child", groupA);
        realm.admin().call("PUT", "/" + realm.name() + "/users/" + userId("carol") + "/groups/" + groupChild, null);
        realm.admin().call("PUT", "/" + realm.name() + "/users/" + userId("dave") + "/groups/" + groupA, null);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    static String createGroup(String name, String parent) {
        String path = "/" + realm.name() + "/groups" + (parent == null ? "" : "/" + parent + "/children");
        Http.Reply r = realm.admin().call("POST", path, Map.of("name", name));
        assertEquals(201, r.status(), r.toString());
        String location = r.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static String userId(String username) {
        return realm.adminUser(username).get("id").asText();
    }

    private static SharingApi asUser(String username) {
        String password = username.equals(TestRealm.USER) ? TestRealm.USER_PASSWORD : username + "-password-1";
        return tenant.as(Http.bearer(realm.accessToken(username, password)));
    }

    @Test
    void theSeedRowsAsWritten() {
        // Create, update, get, list entity types and permission types (the seed's bodies).
        String seedType =
                """
                {"client_id": "custosId",
                 "entity_type": {"id": "SEED", "name": "SEED", "description": "Experiment entity type"}}""";
        tenant.ok("POST", "entity/type", Http.parse(seedType));
        String changed =
                """
                {"client_id": "custosId", "entity_type": {"id": "SEED", "name": "SEED", "description": "changed"}}""";
        tenant.ok("PUT", "entity/type", Http.parse(changed));
        JsonNode type = tenant.ok("GET", "entity/type?client_id=custosId&entity_type.id=SEED", null);
        assertEquals("changed", type.get("description").asText());
        assertTrue(Long.parseLong(type.get("created_at").asText()) > 0, type.toString());
        JsonNode perms =
                tenant.ok("GET", "permission/types?client_id=custosId", null).get("types");
        assertEquals("OWNER", perms.get(0).get("id").asText(), "OWNER is built in and listed: " + perms);
        // The seed's entity body: parent_id "" means none; cascade as the string "true".
        String exp99 =
                """
                {"client_id": "custoId",
                 "entity": {"id": "exp99", "name": "EXperment 9", "description": "Experiment 9", "type": "SEED",
                            "owner_id": "bob", "parent_id": ""}}""";
        tenant.ok("POST", "entity", Http.parse(exp99));
        tenant.ok("PUT", "entity", Http.parse(exp99.replace("EXperment 9", "Experiment 9")));
        String carolWrites =
                """
                {"client_id": "custosId", "entity": {"id": "exp99"}, "permission_type": {"id": "WRITE"},
                 "owner_id": ["carol"], "cascade": "true"}""";
        tenant.ok("POST", "users/share", Http.parse(carolWrites));
        String groupReads =
                """
                {"client_id": "custosId", "entity": {"id": "exp99"}, "permission_type": {"id": "READ"},
                 "owner_id": ["%s"], "cascade": "true"}"""
                        .formatted(groupA);
        tenant.ok("POST", "groups/share", Http.parse(groupReads));
        assertTrue(tenant.check("exp99", "WRITE", "carol"));
        assertTrue(tenant.check("exp99", "READ", "dave"), "dave is in the group");
        assertEquals(List.of("carol"), tenant.holders("users", "exp99", "WRITE", false));
        assertEquals(List.of(groupA), tenant.holders("groups", "exp99", "READ", false));
        List<String> found = tenant.search(
                "bob",
                List.of(
                        Map.of("search_field", "ENTITY_TYPE_ID", "value", "SEED", "condition", "EQUAL"),
                        Map.of("search_field", "OWNER_ID", "value", "bob", "condition", "EQUAL")));
        assertEquals(List.of("exp99"), found);
        JsonNode entity = tenant.ok("GET", "entity?entity.id=exp99", null);
        assertEquals("bob", entity.get("owner_id").asText());
        assertEquals("Experiment 9", entity.get("name").asText());
        assertEquals("", entity.get("parent_id").asText());
        assertEquals(3, entity.get("shared_count").asInt(), "owner row + two shares: " + entity);
        tenant.ok("DELETE", "users/share", Http.parse(carolWrites));
        assertFalse(tenant.check("exp99", "WRITE", "carol"), "a revoke is seen by the next check");
        String noGroupReads =
                """
                {"entity": {"id": "exp99"}, "permission_type": {"id": "READ"}, "owner_id": ["%s"]}"""
                        .formatted(groupA);
        tenant.ok("DELETE", "groups/share", Http.parse(noGroupReads));
        assertFalse(tenant.check("exp99", "READ", "dave"));
        tenant.ok("DELETE", "entity", Map.of("client_id", "custoId", "entity", Map.of("id", "exp99")));
        assertEquals(404, tenant.call("GET", "entity?entity.id=exp99", null).status());
        tenant.ok("DELETE", "entity/type", Map.of("client_id", "custosId", "entity_type", Map.of("id", "SEED")));
        assertEquals(
                404, tenant.call("GET", "entity/type?entity_type.id=SEED", null).status());
    }

    @Test
    void ownerSatisfiesEveryCheckAndNothingElseImpliesAnything() {
        tenant.createEntity("own-1", "EXPERIMENT", "bob", null);
        assertTrue(tenant.check("own-1", "OWNER", "bob"));
        assertTrue(tenant.check("own-1", "READ", "bob"));
        assertTrue(tenant.check("own-1", "WRITE", "bob"));
        tenant.share("users", "own-1", "WRITE", List.of("erin"), false).status();
        assertTrue(tenant.check("own-1", "WRITE", "erin"));
        assertFalse(tenant.check("own-1", "READ", "erin"), "WRITE does not imply READ");
        assertFalse(tenant.check("own-1", "OWNER", "erin"));
        assertEquals(List.of("bob"), tenant.holders("users", "own-1", "OWNER", false));
    }

    @Test
    void aGroupShareReachesMembersOfSubGroupsButNotOfParents() {
        String parent = createGroup("outer-" + System.nanoTime(), null);
        String inner = createGroup("inner", parent);
        realm.admin().call("PUT", "/" + realm.name() + "/users/" + userId("erin") + "/groups/" + parent, null);
        tenant.createEntity("grp-1", "EXPERIMENT", "bob", null);
        tenant.share("groups", "grp-1", "READ", List.of(groupA), false);
        assertTrue(tenant.check("grp-1", "READ", "carol"), "carol is in a sub-group of team-a");
        assertTrue(tenant.check("grp-1", "READ", "dave"));
        assertFalse(tenant.check("grp-1", "READ", "erin"));
        tenant.share("groups", "grp-1", "WRITE", List.of(inner), false);
        assertFalse(
                tenant.check("grp-1", "WRITE", "erin"), "a share with a sub-group does not reach the parent's members");
        assertEquals(List.of("bob"), tenant.holders("users", "grp-1", "OWNER", false));
        assertEquals(
                List.of(), tenant.holders("users", "grp-1", "READ", false), "group holders are not listed as users");
    }

    @Test
    void cascadeReachesExistingAndLaterChildrenAndARevokeTakesItAllBack() {
        tenant.createEntity("root-c", "PROJECT", "bob", null);
        tenant.createEntity("kid-c", "EXPERIMENT", "bob", "root-c");
        tenant.createEntity("plain-c", "EXPERIMENT", "bob", null);
        assertEquals(
                200,
                tenant.share("users", "root-c", "READ", List.of("carol"), true).status());
        assertEquals(
                200,
                tenant.share("users", "root-c", "WRITE", List.of("erin"), false).status());
        tenant.createEntity("grandkid-c", "EXPERIMENT", "bob", "kid-c");
        assertTrue(tenant.check("kid-c", "READ", "carol"));
        assertTrue(tenant.check("grandkid-c", "READ", "carol"), "a child created later inherits");
        assertFalse(tenant.check("kid-c", "WRITE", "erin"), "a non-cascading share stays on the entity");
        assertEquals(List.of("carol"), tenant.holders("users", "grandkid-c", "READ", false));
        assertEquals(List.of(), tenant.holders("users", "grandkid-c", "READ", true), "not a direct holder");
        // Move a child under another parent: what it inherited goes, what the new parent gives comes.
        assertEquals(200, tenant.setParent("kid-c", "plain-c").status());
        assertFalse(tenant.check("grandkid-c", "READ", "carol"));
        assertEquals(200, tenant.setParent("kid-c", "root-c").status());
        assertTrue(tenant.check("grandkid-c", "READ", "carol"));
        assertEquals(
                200, tenant.revoke("users", "root-c", "READ", List.of("carol")).status());
        assertFalse(tenant.check("root-c", "READ", "carol"));
        assertFalse(tenant.check("grandkid-c", "READ", "carol"), "revoking the cascaded share removes what it gave");
        // The owner of a parent owns what is below (Custos's cascading OWNER row).
        tenant.createEntity("erin-kid", "EXPERIMENT", "erin", "grandkid-c");
        assertTrue(tenant.check("erin-kid", "WRITE", "bob"));
    }

    @Test
    void cyclesAreRefusedAndChangeNothing() {
        tenant.createEntity("cy-a", "PROJECT", "bob", null);
        tenant.createEntity("cy-b", "PROJECT", "bob", "cy-a");
        tenant.createEntity("cy-c", "PROJECT", "bob", "cy-b");
        for (String[] move : new String[][] {{"cy-a", "cy-c"}, {"cy-a", "cy-a"}, {"cy-b", "cy-c"}}) {
            Http.Reply r = tenant.setParent(move[0], move[1]);
            assertEquals(409, r.status(), r.toString());
            assertTrue(r.json().get("error_description").asText().contains("cycle"), r.toString());
        }
        assertEquals(
                "cy-b",
                tenant.ok("GET", "entity?entity.id=cy-c", null).get("parent_id").asText());
        assertEquals(
                "",
                tenant.ok("GET", "entity?entity.id=cy-a", null).get("parent_id").asText());
    }

    @Test
    void creatingATypeThatExistsAsItIsChangesNothingAndSucceeds() {
        tenant.entityType("AGAIN");
        // the same id, name and description (what a client's retry or set-up script sends) answers 200
        tenant.entityType("AGAIN");
        // stating less is not a difference: an absent name or description says nothing
        tenant.ok("POST", "entity/type", Map.of("entity_type", Map.of("id", "AGAIN")));
        // the built-in types, which the Custos portal and Custos's tenant set-up create
        tenant.ok("POST", "entity/type", Map.of("entity_type", Map.of("id", "SECRET", "name", "SECRET")));
        tenant.ok("POST", "permission/type", Map.of("permission_type", Map.of("id", "OWNER")));
        // anything that would change the type is a conflict, and changes nothing
        Http.Reply other = tenant.call(
                "POST", "entity/type", Map.of("entity_type", Map.of("id", "AGAIN", "description", "changed")));
        assertEquals(409, other.status(), other.toString());
        JsonNode type = tenant.ok("GET", "entity/type?entity_type.id=AGAIN", null);
        assertEquals("AGAIN type", type.get("description").asText());
        assertEquals(1, countOf(tenant.ok("GET", "entity/types", null).get("types"), "AGAIN"));
    }

    private static long countOf(JsonNode types, String id) {
        long n = 0;
        for (JsonNode t : types) {
            n += t.get("id").asText().equals(id) ? 1 : 0;
        }
        return n;
    }

    @Test
    void typesInUseAreConflictsAndOwnerIsBuiltIn() {
        tenant.entityType("USED");
        tenant.permissionType("USED_P");
        tenant.createEntity("uses-1", "USED", "bob", null);
        tenant.share("users", "uses-1", "USED_P", List.of("carol"), false);
        assertEquals(
                409,
                tenant.call("DELETE", "entity/type", Map.of("entity_type", Map.of("id", "USED")))
                        .status());
        assertEquals(
                409,
                tenant.call("DELETE", "permission/type", Map.of("permission_type", Map.of("id", "USED_P")))
                        .status());
        assertEquals(
                409,
                tenant.call("POST", "permission/type", Map.of("permission_type", Map.of("id", "OWNER", "name", "Boss")))
                        .status());
        assertEquals(
                400,
                tenant.call("DELETE", "permission/type", Map.of("permission_type", Map.of("id", "OWNER")))
                        .status());
        assertEquals(
                409,
                tenant.call("POST", "entity/type", Map.of("entity_type", Map.of("id", "USED", "name", "Other")))
                        .status());
        assertEquals(409, tenant.createEntity("uses-1", "USED", "bob", null).status());
        assertEquals(
                400,
                tenant.share("users", "uses-1", "OWNER", List.of("carol"), false)
                        .status());
        assertEquals(
                404, tenant.createEntity("uses-2", "NO_SUCH_TYPE", "bob", null).status());
        assertEquals(
                404, tenant.createEntity("uses-2", "USED", "nobody-here", null).status());
        assertEquals(
                404,
                tenant.createEntity("uses-2", "USED", "bob", "no-such-parent").status());
        tenant.revoke("users", "uses-1", "USED_P", List.of("carol"));
        tenant.ok("DELETE", "permission/type", Map.of("permission_type", Map.of("id", "USED_P")));
        tenant.ok("DELETE", "entity", Map.of("entity", Map.of("id", "uses-1")));
        tenant.ok("DELETE", "entity/type", Map.of("entity_type", Map.of("id", "USED")));
    }

    @Test
    void aShareNamingSomeoneMissingIs404AndWritesNothing() {
        tenant.createEntity("miss-1", "EXPERIMENT", "bob", null);
        Http.Reply r = tenant.share("users", "miss-1", "READ", List.of("carol", "ghost-user"), true);
        assertEquals(404, r.status(), r.toString());
        assertTrue(r.json().get("error_description").asText().contains("ghost-user"), r.toString());
        assertFalse(tenant.check("miss-1", "READ", "carol"), "no half-written share");
        assertEquals(
                404,
                tenant.share("groups", "miss-1", "READ", List.of("no-such-group"), true)
                        .status());
        assertEquals(
                404,
                tenant.share("users", "miss-1", "NO_SUCH_PERMISSION", List.of("carol"), true)
                        .status());
        assertEquals(
                404,
                tenant.share("users", "no-such-entity", "READ", List.of("carol"), true)
                        .status());
    }

    @Test
    void onlyHoldersShareAndOnlyOwnersChange() {
        tenant.createEntity("who-1", "EXPERIMENT", "bob", null);
        SharingApi bob = asUser("bob");
        SharingApi carol = asUser("carol");
        SharingApi alice = asUser(TestRealm.USER);
        assertEquals(404, carol.call("GET", "entity?entity.id=who-1", null).status(), "invisible before a share");
        assertEquals(
                200,
                bob.share("users", "who-1", "READ", List.of("carol"), false).status(),
                "the owner shares");
        assertEquals(200, carol.call("GET", "entity?entity.id=who-1", null).status());
        assertEquals(
                200,
                carol.share("users", "who-1", "READ", List.of(TestRealm.USER), false)
                        .status(),
                "carol holds READ");
        Http.Reply lacks = carol.share("users", "who-1", "WRITE", List.of(TestRealm.USER), false);
        assertEquals(403, lacks.status(), "sharing a permission you lack: " + lacks);
        assertEquals(
                403,
                carol.call("PUT", "entity", Map.of("entity", Map.of("id", "who-1", "name", "mine now")))
                        .status());
        assertEquals(
                403,
                carol.call("DELETE", "entity", Map.of("entity", Map.of("id", "who-1")))
                        .status());
        assertEquals(
                403,
                carol.call(
                                "POST",
                                "entity",
                                Map.of("entity", Map.of("id", "who-2", "type", "EXPERIMENT", "owner_id", "bob")))
                        .status(),
                "a user cannot create an entity owned by someone else");
        // A person chooses entity ids only where the realm lets users create entities with their own token.
        assertEquals(
                403,
                carol.call("POST", "entity", Map.of("entity", Map.of("id", "carols", "type", "EXPERIMENT")))
                        .status(),
                "ids are chosen by the tenant's client and sharing admins");
        setPersonsCreateEntities(true);
        try {
            assertEquals(
                    200,
                    carol.call("POST", "entity", Map.of("entity", Map.of("id", "carols", "type", "EXPERIMENT")))
                            .status(),
                    "owner_id defaults to the calling user");
        } finally {
            setPersonsCreateEntities(false);
        }
        assertEquals(
                "carol",
                tenant.ok("GET", "entity?entity.id=carols", null)
                        .get("owner_id")
                        .asText());
        assertEquals(
                403,
                carol.call("GET", "entity/user/access?entity.id=who-1&permission_type.id=READ&owner_id=bob", null)
                        .status(),
                "checking someone else needs view-authorization");
        assertTrue(carol.check("who-1", "READ", "carol"));
        assertEquals(List.of("who-1"), alice.reachable(TestRealm.USER, "READ", null, 10));
        assertEquals(
                403,
                carol.call("POST", "entity/type", Map.of("entity_type", Map.of("id", "NOPE")))
                        .status());
        assertEquals(
                200,
                bob.call("PUT", "entity", Map.of("entity", Map.of("id", "who-1", "name", "renamed")))
                        .status());
        Http.Reply ownerChange =
                bob.call("PUT", "entity", Map.of("entity", Map.of("id", "who-1", "owner_id", "carol")));
        assertEquals(400, ownerChange.status(), ownerChange.toString());
        // shared_by: a user is recorded as themselves and cannot claim to be someone else.
        assertEquals(
                403,
                carol.call(
                                "POST",
                                "users/share",
                                Http.parse(
                                        """
                                        {"entity": {"id": "who-1"}, "permission_type": {"id": "READ"},
                                         "owner_id": ["dave"], "shared_by": "bob"}"""))
                        .status());
        JsonNode data = tenant.ok("GET", "share?entity.id=who-1", null).get("shared_data");
        Set<String> rows = new TreeSet<>();
        data.forEach(d ->
                rows.add(d.get("owner_type").asText() + ":" + d.get("owner_id").asText() + ":"
                        + d.get("permission").get("id").asText() + ":"
                        + d.get("shared_by").asText()));
        assertEquals(Set.of("user:bob:OWNER:", "user:carol:READ:bob", "user:alice:READ:carol"), rows, data.toString());
        assertEquals("who-1", data.get(0).get("entity").get("id").asText());
        assertEquals(
                200,
                bob.call("DELETE", "entity", Map.of("entity", Map.of("id", "who-1")))
                        .status());
    }

    @Test
    void searchWithoutOwnerReturnsWhatTheCallerMaySee() {
        tenant.createEntity("see-1", "EXPERIMENT", "erin", null);
        tenant.createEntity("see-2", "EXPERIMENT", "bob", null);
        tenant.share("users", "see-2", "READ", List.of("erin"), false);
        SharingApi erin = asUser("erin");
        List<String> seen =
                erin.search(null, List.of(Map.of("search_field", "ID", "value", "see-%", "condition", "LIKE")));
        assertEquals(List.of("see-1", "see-2"), seen);
        assertEquals(List.of("see-1"), erin.search(null, List.of(Map.of("search_field", "OWNER_ID", "value", "erin"))));
        assertEquals(
                List.of("see-2"),
                erin.search(
                        null,
                        List.of(
                                Map.of("search_field", "ID", "value", "see-%", "condition", "LIKE"),
                                Map.of("search_field", "PERMISSION_TYPE_ID", "value", "READ"),
                                Map.of("search_field", "OWNER_ID", "value", "erin", "condition", "NOT"))));
        assertEquals(
                List.of("see-2"),
                tenant.search(
                        null,
                        List.of(
                                Map.of("search_field", "ID", "value", "see-%", "condition", "LIKE"),
                                Map.of("search_field", "SHARED_WITH", "value", "erin"))));
        assertEquals(
                List.of("see-2"),
                tenant.search(
                        null,
                        List.of(
                                Map.of("search_field", "ID", "value", "see-%", "condition", "LIKE"),
                                Map.of("search_field", "SHARED_COUNT", "value", "2", "condition", "GTE"))),
                "shared counts: " + tenant.ok("GET", "entity?entity.id=see-1", null)
                        + tenant.ok("GET", "entity?entity.id=see-2", null));
        Http.Reply bad = tenant.call(
                "POST", "entities", Map.of("search_criteria", List.of(Map.of("search_field", "NOPE", "value", "x"))));
        assertEquals(400, bad.status(), bad.toString());
        Http.Reply badNumber = tenant.call(
                "POST",
                "entities",
                Http.parse(
                        """
                        {"search_criteria":
                          [{"search_field": "CREATED_AT", "value": "yesterday", "condition": "GTE"}]}"""));
        assertEquals(400, badNumber.status(), badNumber.toString());
    }

    @Test
    void reverseLookupPagesEachEntityExactlyOnceAndBatchAnswersInOrder() {
        List<String> expected = new ArrayList<>();
        tenant.createEntity("rl-root", "PROJECT", "bob", null);
        for (int i = 0; i < 23; i++) {
            String id = String.format("rl-%02d", i);
            tenant.createEntity(id, i % 2 == 0 ? "EXPERIMENT" : "PROJECT", "bob", i < 10 ? "rl-root" : null);
            if (i >= 10) {
                tenant.share("users", id, "READ", List.of("erin"), false);
                expected.add(id);
            }
        }
        tenant.share("groups", "rl-root", "READ", List.of(groupA), true);
        tenant.share("users", "rl-root", "READ", List.of("erin"), true);
        for (int i = 0; i < 10; i++) {
            expected.add(String.format("rl-%02d", i));
        }
        expected.add("rl-root");
        List<String> all = tenant.reachable("erin", "READ", null, 4).stream()
                .filter(id -> id.startsWith("rl-"))
                .toList();
        assertEquals(new TreeSet<>(expected), new TreeSet<>(all));
        assertEquals(all.size(), new TreeSet<>(all).size(), "no entity twice across pages");
        List<String> experiments = tenant.reachable("erin", "READ", "EXPERIMENT", 5).stream()
                .filter(id -> id.startsWith("rl-"))
                .toList();
        assertEquals(12, experiments.size(), experiments.toString());
        assertEquals(
                400,
                tenant.call("GET", "user/entities?owner_id=erin&permission_type.id=READ&cursor=garbage", null)
                        .status());
        List<Boolean> results = tenant.batch(List.of(
                new String[] {"rl-00", "READ", "carol"},
                new String[] {"rl-00", "WRITE", "carol"},
                new String[] {"rl-15", "READ", "erin"},
                new String[] {"rl-15", "READ", "carol"},
                new String[] {"rl-root", "WRITE", "bob"}));
        assertEquals(List.of(true, false, true, false, true), results);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of(
                    "entity", Map.of("id", "rl-00"), "permission_type", Map.of("id", "READ"), "owner_id", "bob"));
        }
        assertEquals(
                400,
                tenant.call("POST", "entity/user/access/batch", Map.of("checks", tooMany))
                        .status());
    }

    @Test
    void aReverseLookupFindsWhatIsReachedFarApartAsWellAsClose() {
        // Pages of one read a few entities ahead each time; the user reaches one near the start and three 24 later,
        // further than those windows go: they are found from the user's shares instead, in order, each once.
        tenant.entityType("FAR_APART");
        for (int i = 0; i < 30; i++) {
            tenant.createEntity(String.format("fa-%02d", i), "FAR_APART", "bob", null);
        }
        for (int i : new int[] {3, 27, 28, 29}) {
            tenant.share("users", String.format("fa-%02d", i), "WRITE", List.of("erin"), false);
        }
        assertEquals(List.of("fa-03", "fa-27", "fa-28", "fa-29"), tenant.reachable("erin", "WRITE", "FAR_APART", 1));
        assertEquals(List.of("fa-03", "fa-27", "fa-28", "fa-29"), tenant.reachable("erin", "WRITE", "FAR_APART", 3));
        assertEquals(30, tenant.reachable("bob", "WRITE", "FAR_APART", 7).size(), "the owner reaches all 30");
    }

    @Test
    void deletingAUserGroupOrEntityLeavesNoDanglingGrant() {
        String temp = createGroup("temp-" + System.nanoTime(), null);
        realm.admin().call("POST", "/" + realm.name() + "/users", Map.of("username", "leaving", "enabled", true));
        tenant.createEntity("dg-parent", "PROJECT", "leaving", null);
        tenant.createEntity("dg-child", "EXPERIMENT", "bob", "dg-parent");
        tenant.createEntity("dg-other", "EXPERIMENT", "bob", null);
        tenant.share("users", "dg-other", "READ", List.of("leaving"), false);
        tenant.share("groups", "dg-other", "READ", List.of(temp), false);
        tenant.share("users", "dg-parent", "READ", List.of("carol"), true);
        assertTrue(tenant.check("dg-child", "READ", "carol"));
        realm.admin().call("DELETE", "/" + realm.name() + "/groups/" + temp, null);
        assertEquals(List.of(), tenant.holders("groups", "dg-other", "READ", false));
        realm.admin().call("DELETE", "/" + realm.name() + "/users/" + userId("leaving"), null);
        assertEquals(List.of(), tenant.holders("users", "dg-other", "READ", false));
        assertEquals(
                404,
                tenant.call("GET", "entity?entity.id=dg-parent", null).status(),
                "the owner's entity went with them");
        JsonNode child = tenant.ok("GET", "entity?entity.id=dg-child", null);
        assertEquals("", child.get("parent_id").asText(), "the child stays, as a root");
        assertFalse(tenant.check("dg-child", "READ", "carol"), "what it inherited through the deleted parent is gone");
        // A user created later with the same name gets nothing of the old one's.
        realm.admin().call("POST", "/" + realm.name() + "/users", Map.of("username", "leaving", "enabled", true));
        assertFalse(tenant.check("dg-other", "READ", "leaving"));
    }

    @Test
    void everyMutationIsAnAdminEvent() {
        tenant.createEntity("ev-1", "EXPERIMENT", "bob", null);
        tenant.share("users", "ev-1", "READ", List.of("carol"), true);
        JsonNode events = realm.admin().get("/" + realm.name() + "/admin-events?max=200");
        Set<String> seen = new TreeSet<>();
        events.forEach(e -> seen.add(e.get("operationType").asText() + " "
                + e.get("resourceType").asText() + " " + e.path("resourcePath").asText()));
        assertTrue(seen.contains("CREATE CUSTOS_SHARING_ENTITY sharing/entities/ev-1"), seen.toString());
        assertTrue(seen.contains("CREATE CUSTOS_SHARE sharing/entities/ev-1/shares/user/READ"), seen.toString());
        assertTrue(seen.contains("CREATE CUSTOS_ENTITY_TYPE sharing/entity-types/EXPERIMENT"), seen.toString());
    }

    private static void setPersonsCreateEntities(boolean on) {
        com.fasterxml.jackson.databind.node.ObjectNode rep =
                (com.fasterxml.jackson.databind.node.ObjectNode) realm.admin().get("/" + realm.name());
        rep.with("attributes").put("custos.entities.created-by-users", String.valueOf(on));
        realm.admin().update("/" + realm.name(), rep);
    }
}
