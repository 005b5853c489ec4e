package org.custos.keycloak.rest.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A realm's Custos data bundle over HTTP ({@code /admin/realms/{realm}/custos/bundle}): exported from one realm and
 * imported into another with the same users, groups and client (other ids), every check answers the same and every
 * secret reads back to its owner; a dry run writes nothing; conflicts are refused or kept; what cannot be imported
 * writes nothing; a weaker administrator gains nothing through it.
 */
class BundleIT {

    private static final String PASSWORD = "bundle-password-1";
    private static final List<String> PEOPLE = List.of("alice", "bob", "carol", "dave");
    private static final List<String> ENTITIES = List.of("proj", "proj-data", "proj-data-raw", "solo");
    private static final List<String> PERMISSIONS = List.of("OWNER", "READ", "WRITE");
    private static AdminApi admin;
    private static TestRealm source;
    private static String kvValue;
    /** Where broken bundles are sent: nothing ever lands in it. */
    private static TestRealm brokenTarget;

    @BeforeAll
    static void setUp() {
        admin = new AdminApi(KeycloakServer.get());
        source = realm("bundle-src", false); // bob joins lab through Custos below, as its ADMIN
        SharingApi sharing = new SharingApi(source, source.tenantAuth());
        sharing.entityType("PROJECT");
        sharing.permissionType("READ");
        sharing.permissionType("WRITE");
        assertEquals(200, sharing.createEntity("proj", "PROJECT", "alice", null).status());
        assertEquals(
                200,
                sharing.createEntity("proj-data", "PROJECT", "alice", "proj").status());
        assertEquals(
                200,
                sharing.createEntity("proj-data-raw", "PROJECT", "carol", "proj-data")
                        .status());
        assertEquals(200, sharing.createEntity("solo", "PROJECT", "dave", null).status());
        assertEquals(
                200,
                sharing.share("groups", "proj", "READ", List.of(groupId(source, "lab")), true)
                        .status());
        assertEquals(
                200,
                sharing.share("users", "proj-data", "WRITE", List.of("carol"), false)
                        .status());
        assertEquals(
                200,
                sharing.share("users", "solo", "READ", List.of("bob"), true).status());
        Http.Reply typed = custos(source, "group-management", "POST", "user/group/membership")
                .json(Map.of("group_id", groupId(source, "lab"), "username", "bob", "membership_type", "ADMIN"))
                .send();
        assertEquals(200, typed.status(), typed.toString());
        kvValue = "kv-" + java.util.UUID.randomUUID();
        Http.Reply kv = custos(source, "resource-secret-management", "POST", "secret/kv")
                .header("user-token", source.accessToken("alice", PASSWORD))
                .json(Map.of("metadata", Map.of("client_id", TestRealm.TENANT_CLIENT), "key", "db", "value", kvValue))
                .send();
        assertEquals(200, kv.status(), kv.toString());
        brokenTarget = realm("bundle-broken");
    }

    @AfterAll
    static void tearDown() {
        source.close();
        if (brokenTarget != null) {
            brokenTarget.close();
        }
    }

    /** A realm the bundle moves to: the same people, bob in lab (Keycloak's membership travels with the realm). */
    private static TestRealm realm(String prefix) {
        return realm(prefix, true);
    }

    /** A realm with the same people, the group lab (carol in it, and bob if asked) and the tenant client. */
    private static TestRealm realm(String prefix, boolean bobInLab) {
        Consumer<ObjectNode> people = rep -> {
            rep.putArray("groups").add(Http.parse("{\"name\": \"lab\", \"subGroups\": [{\"name\": \"sub\"}]}"));
            for (String name : PEOPLE) {
                ObjectNode u = Http.JSON.valueToTree(TestRealm.user(name, PASSWORD));
                if ((name.equals("bob") && bobInLab) || name.equals("carol")) {
                    u.putArray("groups").add("/lab");
                }
                if (name.equals("dave")) {
                    u.putArray("groups").add("/lab/sub"); // in lab only through its sub-group
                }
                if (name.equals("alice")) {
                    continue; // TestRealm adds alice
                }
                rep.withArray("users").add(u);
            }
            rep.withArray("users").add(staff("realmadmin", "realm-admin"));
            rep.withArray("users").add(staff("manager", "manage-realm", "view-realm"));
            rep.withArray("users").add(staff("viewer", "view-realm", "view-authorization"));
            // one role short each: of an import (the sharing admin's), of an export (seeing users and groups)
            rep.withArray("users").add(staff("noshare", "manage-realm", "manage-users", "view-authorization"));
            rep.withArray("users").add(staff("nousers", "manage-realm", "manage-authorization"));
        };
        TestRealm r = TestRealm.create(admin, prefix, people);
        Http.Reply pw = admin.call(
                "PUT",
                "/" + r.name() + "/users/" + r.adminUser("alice").get("id").asText() + "/reset-password",
                Map.of("type", "password", "value", PASSWORD, "temporary", false));
        assertEquals(204, pw.status(), pw.toString());
        return r;
    }

    private static JsonNode staff(String username, String... roles) {
        ObjectNode u = Http.JSON.valueToTree(TestRealm.user(username, PASSWORD));
        var list = u.putObject("clientRoles").putArray("realm-management");
        for (String role : roles) {
            list.add(role);
        }
        return u;
    }

    private static String groupId(TestRealm r, String name) {
        return admin.call("GET", "/" + r.name() + "/groups?search=" + name + "&exact=true", null)
                .json()
                .get(0)
                .get("id")
                .asText();
    }

    private static Http.Request custos(TestRealm r, String service, String method, String path) {
        return Http.request(method, r.custos(service, path)).auth(r.tenantAuth());
    }

    private static Http.Reply bundle(TestRealm r, String auth, String method, String query, Object body) {
        if (auth == null) {
            return admin.call(method, "/" + r.name() + "/custos/bundle" + query, body); // the server's admin
        }
        Http.Request req = Http.request(
                        method, admin.baseUrl() + "/admin/realms/" + r.name() + "/custos/bundle" + query)
                .auth(auth);
        return (body == null ? req : req.json(body)).send();
    }

    private static JsonNode exported() {
        Http.Reply r = bundle(source, null, "GET", "", null);
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    /** Every person's answer for every entity and permission, as the Custos check gives it. */
    private static List<Boolean> answers(TestRealm r) {
        List<String[]> checks = new ArrayList<>();
        for (String e : ENTITIES) {
            for (String p : PERMISSIONS) {
                for (String u : PEOPLE) {
                    checks.add(new String[] {e, p, u});
                }
            }
        }
        return new SharingApi(r, r.tenantAuth()).batch(checks);
    }

    private static String kvOf(TestRealm r, String user) {
        Http.Reply got = custos(r, "resource-secret-management", "GET", "secret/kv?key=db")
                .header("user-token", r.accessToken(user, PASSWORD))
                .send();
        return got.status() == 200 ? got.json().get("value").asText() : "status " + got.status();
    }

    @Test
    void aRealmsDataMovesToAnotherRealmAndAnswersTheSame() {
        ObjectNode bundle = (ObjectNode) exported();
        assertEquals("keycloak-custos-bundle", bundle.get("format").asText());
        assertFalse(bundle.toString().contains(kvValue), "no secret value in plain text");
        try (TestRealm target = realm("bundle-dst")) {
            // A secret goes to the very user it was sealed for: another realm's alice (another id) gets nothing.
            Http.Reply withSecret = bundle(target, null, "POST", "", bundle);
            assertEquals(400, withSecret.status(), withSecret.toString());
            assertTrue(withSecret.body().contains("same user ids only"), withSecret.toString());
            assertEquals("status 404", kvOf(target, "alice"), "the other realm's alice gained no secret");
            assertEquals(404, entityStatus(target, "proj"), "and nothing else was written");

            bundle.putArray("secrets");
            JsonNode dry = ok(bundle(target, null, "POST", "?mode=dry-run", bundle));
            assertFalse(dry.get("applied").asBoolean());
            assertEquals(4, dry.get("added").get("entities").asInt(), dry.toString());
            assertEquals(0, dry.get("problems").size(), dry.toString());
            assertEquals(404, entityStatus(target, "proj"), "a dry run writes nothing");

            JsonNode done = ok(bundle(target, null, "POST", "", bundle));
            assertTrue(done.get("applied").asBoolean(), done.toString());
            assertEquals(answers(source), answers(target), "every check answers the same");
            JsonNode members = custos(
                            target,
                            "group-management",
                            "GET",
                            "user/group/memberships/child?group.id=" + groupId(target, "lab"))
                    .send()
                    .json();
            assertTrue(
                    members.toString().contains("ADMIN"),
                    members + " after importing " + bundle.get("memberships") + ": " + done);

            JsonNode again = ok(bundle(target, null, "POST", "", bundle));
            assertEquals(0, again.get("added").size(), "importing again adds nothing: " + again);
            assertEquals(0, again.get("conflicts").size(), again.toString());
        }
    }

    @Test
    void aDeletedSecretComesBackToItsOwnerFromTheRealmsBundle() {
        JsonNode bundle = exported();
        Http.Reply deleted = custos(source, "resource-secret-management", "DELETE", "secret/kv")
                .header("user-token", source.accessToken("alice", PASSWORD))
                .json(Map.of("metadata", Map.of("client_id", TestRealm.TENANT_CLIENT), "key", "db"))
                .send();
        assertEquals(200, deleted.status(), deleted.toString());
        assertEquals("status 404", kvOf(source, "alice"));

        // An altered value does not open: refused, nothing written.
        ObjectNode altered = bundle.deepCopy();
        ObjectNode sealed = (ObjectNode) altered.get("secrets").get(0);
        String text = sealed.get("ciphertext").asText();
        sealed.put("ciphertext", (text.charAt(0) == 'A' ? "B" : "A") + text.substring(1));
        Http.Reply refused = bundle(source, null, "POST", "", altered);
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().contains("does not open"), refused.toString());
        assertEquals("status 404", kvOf(source, "alice"));

        JsonNode restored = ok(bundle(source, null, "POST", "", bundle));
        assertEquals(1, restored.get("added").get("secrets").asInt(), restored.toString());
        assertEquals(kvValue, kvOf(source, "alice"), "the value reads back to its owner");
        assertEquals("status 404", kvOf(source, "bob"), "and to nobody else");
    }

    private static int entityStatus(TestRealm r, String id) {
        return new SharingApi(r, r.tenantAuth())
                .call("GET", "entity?entity.id=" + id, null)
                .status();
    }

    @Test
    void conflictsAreRefusedOrKeptAndADryRunListsThem() {
        ObjectNode bundle = (ObjectNode) exported();
        bundle.putArray("secrets"); // they go to the same user ids only: not into this realm
        try (TestRealm target = realm("bundle-conflict")) {
            SharingApi sharing = new SharingApi(target, target.tenantAuth());
            sharing.entityType("PROJECT");
            sharing.ok("POST", "entity", Map.of("entity", Map.of("id", "solo", "type", "PROJECT", "owner_id", "bob")));
            JsonNode dry = ok(bundle(target, null, "POST", "?mode=dry-run", bundle));
            assertTrue(dry.get("conflicts").toString().contains("solo"), dry.toString());

            Http.Reply refused = bundle(target, null, "POST", "", bundle);
            assertEquals(409, refused.status(), refused.toString());
            assertEquals(404, sharing.call("GET", "entity?entity.id=proj", null).status(), "refused: nothing written");

            JsonNode merged = ok(bundle(target, null, "POST", "?mode=merge", bundle));
            assertTrue(merged.get("applied").asBoolean());
            assertEquals(
                    "bob",
                    sharing.ok("GET", "entity?entity.id=solo", null)
                            .get("owner_id")
                            .asText(),
                    "a merge keeps the realm's row");
            assertTrue(sharing.check("proj-data-raw", "READ", "bob"), "and adds the rest");
        }
    }

    @Test
    void anotherRealmsAdministratorAndMalformedBodiesGetKeycloaksOrOurErrorAndWriteNothing() {
        String url = admin.baseUrl() + "/admin/realms/" + brokenTarget.name() + "/custos/bundle";
        // the source realm's own realm admin administers nothing of another realm
        String foreign = Http.bearer(source.accessToken("realmadmin", PASSWORD));
        Http.Reply read = Http.request("GET", url).auth(foreign).send();
        assertTrue(read.status() == 401 || read.status() == 403, read.toString());
        Http.Reply write =
                Http.request("POST", url).auth(foreign).json(exported()).send();
        assertTrue(write.status() == 401 || write.status() == 403, write.toString());
        String realmAdmin = Http.bearer(brokenTarget.accessToken("realmadmin", PASSWORD));
        Http.Reply malformed = Http.request("POST", url)
                .auth(realmAdmin)
                .body("{not json", "application/json")
                .send();
        assertEquals(400, malformed.status(), malformed.toString());
        assertTrue(malformed.json().has("error_description"), malformed.toString());
        Http.Reply form = Http.request("POST", url)
                .auth(realmAdmin)
                .body("a=b", "application/x-www-form-urlencoded")
                .send();
        assertEquals(415, form.status(), form.toString());
        assertEquals(404, entityStatus(brokenTarget, "proj"), "nothing written");
    }

    @Test
    void whatCannotBeImportedWritesNothing() {
        ObjectNode bundle = (ObjectNode) exported();
        // A secret moved to another owner: refused (and its value would not open: it was sealed for alice).
        ObjectNode secret = (ObjectNode) bundle.get("secrets").get(0);
        secret.set("owner", Http.parse("{\"id\": null, \"name\": \"bob\"}"));
        try (TestRealm target = realm("bundle-bad")) {
            Http.Reply r = bundle(target, null, "POST", "", bundle);
            assertEquals(400, r.status(), r.toString());
            assertTrue(r.json().get("error_description").asText().contains("is not here"), r.toString());
            assertEquals(
                    404,
                    new SharingApi(target, target.tenantAuth())
                            .call("GET", "entity?entity.id=proj", null)
                            .status(),
                    "nothing written");
            assertEquals("status 404", kvOf(target, "bob"), "bob gained no secret");
            assertEquals(
                    400,
                    bundle(target, null, "POST", "?mode=sometimes", exported()).status());
            assertEquals(
                    400,
                    bundle(target, null, "POST", "", Map.of("format", "other")).status());
        }
    }

    /** A bundle that breaks a rule of the realm, what the refusal says, and how the bundle is changed to break it. */
    record Broken(String rule, String says, Consumer<ObjectNode> change) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static List<Broken> brokenBundles() {
        return List.of(
                new Broken(
                        "a membership type for someone in the group only through a sub-group",
                        "not a direct member",
                        b -> b.withArray("memberships")
                                .add(
                                        Http.parse(
                                                """
                                {"group": {"name": "/lab"}, "user": {"name": "dave"}, "type": "OWNER"}"""))),
                new Broken("a membership type the realm does not know", "must be one of", b -> ((ObjectNode)
                                b.withArray("memberships").get(0))
                        .put("type", "KING")),
                new Broken("an entity twice", "comes twice", b -> b.withArray("entities")
                        .add(b.withArray("entities").get(0).deepCopy())),
                new Broken("a tree deeper than 100 levels", "deeper than 100", b -> {
                    for (int i = 0; i <= 100; i++) {
                        ObjectNode e = Http.JSON
                                .createObjectNode()
                                .put("id", "deep-" + i)
                                .put("type", "PROJECT");
                        e.set("owner", Http.parse("{\"name\": \"alice\"}"));
                        if (i > 0) {
                            e.put("parent", "deep-" + (i - 1));
                        }
                        b.withArray("entities").add(e);
                    }
                }),
                new Broken("Custos clients naming a client the realm lacks", "not a client here", b -> ((ObjectNode)
                                b.get("settings"))
                        .put("custos.clients", "tenant,nobody-here")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBundles")
    void aBundleThatBreaksARuleOfTheRealmIsRefusedWhole(Broken broken) {
        ObjectNode bundle = (ObjectNode) exported();
        bundle.putArray("secrets");
        broken.change().accept(bundle);
        Http.Reply dry = bundle(brokenTarget, null, "POST", "?mode=dry-run", bundle);
        assertEquals(200, dry.status(), dry.toString());
        assertTrue(dry.json().get("problems").toString().contains(broken.says()), dry.toString());
        Http.Reply r = bundle(brokenTarget, null, "POST", "?mode=merge", bundle);
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.body().contains(broken.says()), r.toString());
        assertEquals(404, entityStatus(brokenTarget, "proj"), "nothing written");
    }

    @Test
    void aWeakerAdministratorGainsNothingThroughABundle() {
        ObjectNode bundle = (ObjectNode) exported();
        bundle.putArray("secrets");
        Http.Reply viewer = bundle(source, Http.bearer(source.accessToken("viewer", PASSWORD)), "GET", "", null);
        assertEquals(403, viewer.status(), "view-realm does not export sealed secrets and shares: " + viewer);
        try (TestRealm target = realm("bundle-weak")) {
            // manage-realm alone neither reads the sharing graph, users and groups (export) nor writes shares and
            // ADMIN memberships for everyone (import): each needs what the same data needs through Keycloak.
            String manager = Http.bearer(target.accessToken("manager", PASSWORD));
            assertEquals(403, bundle(target, manager, "GET", "", null).status());
            Http.Reply climb = bundle(target, manager, "POST", "", bundle);
            assertEquals(403, climb.status(), climb.toString());
            assertEquals(
                    404,
                    new SharingApi(target, target.tenantAuth())
                            .call("GET", "entity?entity.id=solo", null)
                            .status(),
                    "nothing written");
            assertEquals(
                    403,
                    bundle(target, Http.bearer(target.accessToken("noshare", PASSWORD)), "POST", "", bundle)
                            .status());
            assertEquals(
                    200,
                    bundle(target, Http.bearer(target.accessToken("noshare", PASSWORD)), "GET", "", null)
                            .status());
            assertEquals(
                    403,
                    bundle(target, Http.bearer(target.accessToken("nousers", PASSWORD)), "GET", "", null)
                            .status());
            assertEquals(404, entityStatus(target, "solo"), "nothing written");
            String realmAdmin = Http.bearer(target.accessToken("realmadmin", PASSWORD));
            assertEquals(200, bundle(target, realmAdmin, "GET", "", null).status());
            assertEquals(
                    200,
                    bundle(target, realmAdmin, "POST", "?mode=dry-run", bundle).status());
        }
    }

    private static JsonNode ok(Http.Reply r) {
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }
}
