package org.custos.keycloak.rest.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin console's Custos endpoints ({@code /admin/realms/{realm}/custos/...}) over HTTP, as the console calls
 * them with an administrator's token: what each page shows and changes, who may open which page (Keycloak's
 * evaluator), what a weaker administrator can gain through them (nothing Keycloak would not give it), another
 * realm's ids, and bad input.
 */
class ConsoleApiIT {

    private static final String PASSWORD = "console-password-1";
    private static AdminApi admin;
    private static TestRealm realm;
    private static TestRealm other;
    private static String groupId;

    @BeforeAll
    static void setUp() {
        admin = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(admin, "console-api", rep -> {
            var users = rep.withArray("users");
            users.add(staff("realmadmin", "realm-admin"));
            users.add(staff("viewer", "view-authorization"));
            users.add(staff("useradmin", "manage-users", "view-users", "query-groups"));
            users.add(staff("auditor", "view-events"));
            users.add(staff("realmmanager", "manage-realm", "manage-users", "view-users"));
            users.add(staff("nobody"));
            users.add(Http.JSON.valueToTree(TestRealm.user("bob", PASSWORD)));
        });
        other = TestRealm.create(
                admin, "console-other", rep -> rep.withArray("users").add(staff("realmadmin", "realm-admin")));
        SharingApi sharing = new SharingApi(realm, realm.tenantAuth());
        sharing.ok("POST", "entity/type", Map.of("entity_type", Map.of("id", "PROJECT")));
        sharing.ok("POST", "permission/type", Map.of("permission_type", Map.of("id", "READ")));
        sharing.ok(
                "POST",
                "entity",
                Map.of("entity", Map.of("id", "p1", "type", "PROJECT", "owner_id", TestRealm.USER, "name", "One")));
        sharing.ok(
                "POST",
                "entity",
                Http.parse(
                        """
                        {"entity": {"id": "p1-data", "type": "PROJECT", "owner_id": "%s", "parent_id": "p1"}}"""
                                .formatted(TestRealm.USER)));
        Http.Reply group = admin.call("POST", "/" + realm.name() + "/groups", Map.of("name", "lab"));
        assertEquals(201, group.status(), group.toString());
        String location = group.headers().get("location").get(0);
        groupId = location.substring(location.lastIndexOf('/') + 1);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
        other.close();
    }

    private static JsonNode staff(String username, String... realmManagementRoles) {
        ObjectNode u = Http.JSON.valueToTree(TestRealm.user(username, PASSWORD));
        u.putObject("clientRoles")
                .putArray("realm-management")
                .addAll(java.util.Arrays.stream(realmManagementRoles)
                        .map(Http.JSON::valueToTree)
                        .map(JsonNode.class::cast)
                        .toList());
        return u;
    }

    private static String token(TestRealm r, String username) {
        return Http.bearer(r.accessToken(username, PASSWORD));
    }

    private static Http.Reply console(String auth, String method, String path, Object body) {
        Http.Request req = Http.request(
                method,
                admin.baseUrl() + "/admin/realms/" + realm.name() + "/custos" + (path.isEmpty() ? "" : "/" + path));
        if (auth != null) {
            req.auth(auth);
        }
        return (body == null ? req : req.json(body)).send();
    }

    private static Http.Reply asMaster(String method, String path, Object body) {
        return admin.call(method, "/" + realm.name() + "/custos" + (path.isEmpty() ? "" : "/" + path), body);
    }

    private static JsonNode ok(Http.Reply r) {
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    @Test
    void eachAdministratorSeesThePagesKeycloakAllowsIt() {
        JsonNode master = ok(asMaster("GET", "", null));
        for (String page : List.of("sharing", "sharingAdmin", "groups", "agents", "secrets", "keys", "audit")) {
            assertTrue(master.get(page).asBoolean(), "the server admin sees " + page + ": " + master);
        }
        JsonNode viewer = ok(console(token(realm, "viewer"), "GET", "", null));
        assertTrue(viewer.get("sharing").asBoolean());
        assertFalse(viewer.get("sharingAdmin").asBoolean());
        assertFalse(viewer.get("secrets").asBoolean());
        assertFalse(viewer.get("audit").asBoolean());
        JsonNode users = ok(console(token(realm, "useradmin"), "GET", "", null));
        assertFalse(users.get("sharing").asBoolean(), users.toString());
        assertTrue(users.get("groups").asBoolean());
        assertFalse(users.get("secrets").asBoolean(), "a user-admin sees no other user's secrets: " + users);
        assertFalse(users.get("agents").asBoolean());
        assertEquals(403, console(token(realm, "nobody"), "GET", "", null).status());
        assertEquals(401, console(null, "GET", "", null).status());
    }

    /** Every page's endpoints, and who is refused by each: weaker administrators get 403, never data. */
    @Test
    void everyEndpointRefusesWhoKeycloakWouldRefuse() {
        String viewer = token(realm, "viewer");
        String users = token(realm, "useradmin");
        String auditor = token(realm, "auditor");
        String nobody = token(realm, "nobody");
        String otherAdmin = token(other, "realmadmin");
        record Call(String method, String path, Object body, List<String> refused) {
            /** Groups the caller may not see are not there (404), as through the Custos API. */
            int status() {
                return path.startsWith("groups/") ? 404 : 403;
            }
        }
        List<Call> calls = List.of(
                new Call("GET", "sharing/entity-types", null, List.of(users, auditor, nobody)),
                new Call("POST", "sharing/entity-types", Map.of("id", "X1"), List.of(viewer, users, nobody)),
                new Call("PUT", "sharing/permission-types/READ", Map.of("name", "r"), List.of(viewer, users)),
                new Call("DELETE", "sharing/entity-types/PROJECT", null, List.of(viewer, users, auditor)),
                new Call("GET", "sharing/entities", null, List.of(users, auditor, nobody)),
                new Call("GET", "sharing/entities/p1", null, List.of(users, auditor, nobody)),
                new Call("GET", "sharing/entities/p1/holders?permission=READ", null, List.of(users, nobody)),
                new Call(
                        "POST",
                        "sharing/entities/p1/shares",
                        Map.of("principal_type", "user", "principal", "bob", "permission", "READ"),
                        List.of(viewer, users, auditor, nobody)),
                new Call(
                        "DELETE",
                        "sharing/entities/p1/shares?principal_type=user&principal=bob&permission=READ",
                        null,
                        List.of(viewer, users)),
                new Call(
                        "GET",
                        "sharing/users/" + realm.adminUser("bob").get("id").asText() + "/reachable?permission=READ",
                        null,
                        List.of(users, nobody)),
                new Call("GET", "groups/" + groupId + "/members", null, List.of(viewer, nobody)),
                new Call("GET", "agents", null, List.of(viewer, users, auditor, nobody)),
                new Call("GET", "secrets", null, List.of(viewer, users, auditor, nobody)),
                new Call("GET", "secrets/keys", null, List.of(viewer, users, auditor, nobody)),
                new Call("GET", "audit", null, List.of(viewer, users, nobody)));
        List<String> wrong = new ArrayList<>();
        for (Call c : calls) {
            for (String caller : c.refused()) {
                Http.Reply r = console(caller, c.method(), c.path(), c.body());
                if (r.status() != c.status() || !r.body().contains("\"error\"")) {
                    wrong.add(c.method() + " " + c.path() + " -> " + r);
                }
            }
            Http.Reply anonymous = console(null, c.method(), c.path(), c.body());
            if (anonymous.status() != 401) {
                wrong.add("no credential: " + c.method() + " " + c.path() + " -> " + anonymous);
            }
            Http.Reply foreign = console(otherAdmin, c.method(), c.path(), c.body());
            if (foreign.status() != 401 && foreign.status() != 403) {
                wrong.add("another realm's admin: " + c.method() + " " + c.path() + " -> " + foreign);
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(
                ok(asMaster("GET", "sharing/entity-types", null)).toString().contains("PROJECT"),
                "the refusals changed nothing: " + asMaster("GET", "sharing/entity-types", null));
    }

    @Test
    void anAdminSharesAndSeesWhoHasAccessAndWhy() {
        String realmAdmin = token(realm, "realmadmin");
        ok(console(realmAdmin, "POST", "sharing/entity-types", Map.of("id", "DATASET", "name", "Dataset")));
        ok(console(
                realmAdmin,
                "POST",
                "sharing/entities",
                Map.of("id", "d1", "type", "DATASET", "owner_id", TestRealm.USER, "name", "Root data")));
        ok(console(
                realmAdmin,
                "POST",
                "sharing/entities",
                Map.of("id", "d1-child", "type", "DATASET", "owner_id", TestRealm.USER, "parent_id", "d1")));
        Http.Reply joined = admin.call(
                "PUT",
                "/" + realm.name() + "/users/"
                        + realm.adminUser("auditor").get("id").asText() + "/groups/" + groupId,
                null);
        assertEquals(204, joined.status(), joined.toString());
        ok(console(
                realmAdmin,
                "POST",
                "sharing/entities/d1/shares",
                Map.of("principal_type", "user", "principal", "bob", "permission", "READ", "cascade", true)));
        ok(console(
                realmAdmin,
                "POST",
                "sharing/entities/d1/shares",
                Map.of("principal_type", "group", "principal", groupId, "permission", "READ", "cascade", true)));

        JsonNode detail = ok(console(realmAdmin, "GET", "sharing/entities/d1-child", null));
        assertEquals(List.of("d1"), Http.JSON.convertValue(detail.get("path"), List.class));
        assertEquals("alice", detail.path("entity").path("owner_id").asText());
        List<String> rows = new ArrayList<>();
        detail.get("shares")
                .forEach(x -> rows.add(
                        x.get("principal").asText() + "/" + x.get("permission").asText() + "/"
                                + x.path("inherited_from").asText("here")));
        assertTrue(rows.containsAll(List.of("alice/OWNER/here", "bob/READ/d1", groupId + "/READ/d1")), rows.toString());

        JsonNode holders = ok(console(realmAdmin, "GET", "sharing/entities/d1-child/holders?permission=READ", null));
        java.util.Map<String, JsonNode> why = new java.util.HashMap<>();
        holders.get("holders").forEach(h -> why.put(h.get("username").asText(), h.get("grant")));
        assertEquals(java.util.Set.of("alice", "bob", "auditor"), why.keySet(), holders.toString());
        assertEquals("owner", why.get("alice").get("kind").asText());
        assertEquals("direct", why.get("bob").get("kind").asText());
        assertEquals("d1", why.get("bob").get("cascaded_from").asText());
        assertEquals("group", why.get("auditor").get("kind").asText());
        assertEquals(groupId, why.get("auditor").get("group").asText());

        JsonNode page1 =
                ok(console(realmAdmin, "GET", "sharing/entities/d1-child/holders?permission=READ&max=2", null));
        assertEquals(2, page1.get("holders").size());
        JsonNode page2 = ok(console(
                realmAdmin,
                "GET",
                "sharing/entities/d1-child/holders?permission=READ&max=2&after="
                        + page1.get("next").asText(),
                null));
        assertEquals(1, page2.get("holders").size());
        assertTrue(page2.get("next").isNull(), "the last page says so");

        // Holders far apart in username order: pages of one read a few users ahead each time, and find those
        // further on from the shares instead — in order, each once.
        for (int i = 0; i < 30; i++) {
            realm.admin()
                    .call(
                            "POST",
                            "/" + realm.name() + "/users",
                            java.util.Map.of("username", String.format("zh-%02d", i), "enabled", true));
        }
        SharingApi sharing = new SharingApi(realm, realm.tenantAuth());
        sharing.createEntity("zh-doc", "DATASET", "alice", null);
        for (int i : new int[] {3, 27, 28, 29}) {
            sharing.share("users", "zh-doc", "READ", List.of(String.format("zh-%02d", i)), false);
        }
        List<String> walked = new ArrayList<>();
        String holderAfter = "";
        for (int guard = 0; guard < 10 && holderAfter != null; guard++) {
            JsonNode page = ok(console(
                    realmAdmin,
                    "GET",
                    "sharing/entities/zh-doc/holders?permission=READ&max=1&after=" + holderAfter,
                    null));
            page.get("holders").forEach(h -> walked.add(h.get("username").asText()));
            holderAfter = page.get("next").isNull() ? null : page.get("next").asText();
        }
        assertEquals(List.of("alice", "zh-03", "zh-27", "zh-28", "zh-29"), walked);

        String bobId = realm.adminUser("bob").get("id").asText();
        JsonNode reach = ok(console(realmAdmin, "GET", "sharing/users/" + bobId + "/reachable?permission=READ", null));
        List<String> ids = new ArrayList<>();
        reach.get("entity_array").forEach(e -> ids.add(e.get("id").asText()));
        assertEquals(List.of("d1", "d1-child"), ids);

        ok(console(
                realmAdmin,
                "DELETE",
                "sharing/entities/d1/shares?principal_type=user&principal=bob&permission=READ",
                null));
        JsonNode after = ok(console(realmAdmin, "GET", "sharing/entities/d1-child/holders?permission=READ", null));
        assertFalse(after.toString().contains("\"bob\""), "bob dropped out once revoked: " + after);
        assertEquals(
                0,
                ok(console(realmAdmin, "GET", "sharing/users/" + bobId + "/reachable?permission=READ", null))
                        .get("entity_array")
                        .size());
    }

    @Test
    void aSharingViewerCannotClimbThroughTheConsole() {
        String viewer = token(realm, "viewer");
        assertEquals(
                403,
                console(
                                viewer,
                                "POST",
                                "sharing/entities/p1/shares",
                                Map.of("principal_type", "user", "principal", "viewer", "permission", "READ"))
                        .status());
        assertEquals(
                403,
                console(viewer, "POST", "sharing/entities", Map.of("id", "mine", "type", "PROJECT", "owner_id", "bob"))
                        .status());
        JsonNode holders = ok(console(viewer, "GET", "sharing/entities/p1/holders?permission=READ", null));
        assertFalse(holders.toString().contains("\"viewer\""), "the viewer gained nothing on p1: " + holders);
        assertFalse(ok(asMaster("GET", "sharing/entity-types", null)).toString().contains("X1"));
    }

    @Test
    void membershipTypesAreShownAndChangedByWhoKeycloakLetsManageTheGroup() {
        String bobId = realm.adminUser("bob").get("id").asText();
        assertEquals(
                204,
                admin.call("PUT", "/" + realm.name() + "/users/" + bobId + "/groups/" + groupId, null)
                        .status());
        String users = token(realm, "useradmin");
        JsonNode members = ok(console(users, "GET", "groups/" + groupId + "/members", null));
        assertTrue(members.toString().contains("\"membership_type\":\"MEMBER\""), members.toString());
        ok(console(users, "PUT", "groups/" + groupId + "/members/" + bobId, Map.of("membership_type", "ADMIN")));
        assertTrue(ok(console(users, "GET", "groups/" + groupId + "/members", null))
                .toString()
                .contains("\"username\":\"bob\",\"membership_type\":\"ADMIN\""));
        Http.Reply unseen = console(
                token(realm, "viewer"),
                "PUT",
                "groups/" + groupId + "/members/" + bobId,
                Map.of("membership_type", "OWNER"));
        assertEquals(404, unseen.status(), "a group the caller may not see is not there: " + unseen);
        // The auditor is a plain MEMBER of the group: no climbing to OWNER through the console.
        String auditorId = realm.adminUser("auditor").get("id").asText();
        assertEquals(
                204,
                admin.call("PUT", "/" + realm.name() + "/users/" + auditorId + "/groups/" + groupId, null)
                        .status());
        Http.Reply refused = console(
                token(realm, "auditor"),
                "PUT",
                "groups/" + groupId + "/members/" + auditorId,
                Map.of("membership_type", "OWNER"));
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(
                ok(asMaster("GET", "groups/" + groupId + "/members", null))
                        .toString()
                        .contains("\"username\":\"bob\",\"membership_type\":\"ADMIN\""),
                "the refusal changed nothing");
        Http.Reply bad =
                console(users, "PUT", "groups/" + groupId + "/members/" + bobId, Map.of("membership_type", "BOSS"));
        assertEquals(400, bad.status(), bad.toString());
    }

    @Test
    void agentsAreListedAndSwitchedOff() {
        String realmAdmin = token(realm, "realmadmin");
        Http.Reply enable = Http.request("POST", realm.custos("agent-management", "enable"))
                .auth(realmAdmin)
                .json(Map.of())
                .send();
        assertEquals(200, enable.status(), enable.toString());
        Http.Reply agent = Http.request("POST", realm.custos("agent-management", "agent"))
                .auth(realmAdmin)
                .json(Map.of("id", "crawler"))
                .send();
        assertEquals(200, agent.status(), agent.toString());
        JsonNode agents = ok(console(realmAdmin, "GET", "agents", null));
        assertTrue(agents.get("enabled").asBoolean());
        assertEquals("crawler", agents.get("agents").get(0).get("id").asText(), agents.toString());
        assertTrue(agents.get("agents").get(0).get("isEnabled").asBoolean());
        ok(console(realmAdmin, "PUT", "agents/crawler/enabled", Map.of("enabled", false)));
        assertFalse(ok(console(realmAdmin, "GET", "agents", null))
                .get("agents")
                .get(0)
                .get("isEnabled")
                .asBoolean());
        assertFalse(
                admin.call("GET", "/" + realm.name() + "/clients?clientId=crawler", null)
                        .json()
                        .get(0)
                        .get("enabled")
                        .asBoolean(),
                "the agent's client is disabled in Keycloak");
        ok(console(realmAdmin, "PUT", "agents/token-lifetime", Map.of("seconds", 900)));
        assertEquals(
                900,
                ok(console(realmAdmin, "GET", "agents", null))
                        .get("token_lifetime")
                        .asLong());
        assertEquals(
                400,
                console(realmAdmin, "PUT", "agents/crawler/enabled", Map.of()).status());
        assertEquals(
                404,
                console(realmAdmin, "PUT", "agents/tenant/enabled", Map.of("enabled", false))
                        .status(),
                "a client that is no agent is not switched through the agents page");
    }

    @Test
    void secretsAreListedWithoutValuesFilteredAndDeletedByWhoMayManageTheirOwner() {
        String value = "never-in-the-console-" + java.util.UUID.randomUUID();
        List<String> tokens = new ArrayList<>();
        for (String owner : List.of("bob", "bob", "realmadmin")) {
            Http.Reply r = Http.request("POST", realm.custos("resource-secret-management", "secret/password"))
                    .auth(realm.tenantAuth())
                    .jsonBody(
                            """
                            {"metadata": {"client_id": "%s", "owner_id": "%s", "description": "login of %s"},
                             "password": "%s"}"""
                                    .formatted(TestRealm.TENANT_CLIENT, owner, owner, value))
                    .send();
            assertEquals(200, r.status(), r.toString());
            tokens.add(r.json().get("token").asText());
        }
        String users = token(realm, "useradmin");
        String manager = token(realm, "realmmanager");
        // A user-admin sees no other user's secrets here, as through the Custos API; nor can it probe tokens.
        assertEquals(403, console(users, "GET", "secrets", null).status());
        Http.Reply probe = console(users, "DELETE", "secrets?token=" + enc(tokens.get(0)), null);
        assertEquals(403, probe.status(), probe.toString());
        assertFalse(probe.body().contains("bob"), "a refused probe names no owner: " + probe);
        Http.Reply all = console(manager, "GET", "secrets", null);
        assertFalse(all.body().contains(value), "no value in the list");
        assertEquals(3, ok(all).get("secrets").size(), all.toString());
        assertEquals(
                2,
                ok(console(manager, "GET", "secrets?owner=bob", null))
                        .get("secrets")
                        .size());
        assertEquals(
                1,
                ok(console(manager, "GET", "secrets?owner=bob&max=1", null))
                        .get("secrets")
                        .size());
        assertEquals(
                0,
                ok(console(manager, "GET", "secrets?type=SSH", null))
                        .get("secrets")
                        .size());
        assertEquals(
                3,
                ok(console(manager, "GET", "secrets?client=tenant", null))
                        .get("secrets")
                        .size());
        assertEquals(400, console(manager, "GET", "secrets?type=PLAIN", null).status());
        assertEquals(400, console(manager, "GET", "secrets?first=-1", null).status());

        // A realm manager deletes what its owner's deletion would delete, but not a realm admin's: that owner holds
        // power the manager could not grant.
        ok(console(
                manager,
                "DELETE",
                "secrets?token=" + java.net.URLEncoder.encode(tokens.get(0), java.nio.charset.StandardCharsets.UTF_8),
                null));
        Http.Reply refused = console(
                manager,
                "DELETE",
                "secrets?token=" + java.net.URLEncoder.encode(tokens.get(2), java.nio.charset.StandardCharsets.UTF_8),
                null);
        assertEquals(403, refused.status(), refused.toString());
        assertEquals(
                404,
                console(
                                manager,
                                "DELETE",
                                "secrets?token="
                                        + java.net.URLEncoder.encode(
                                                tokens.get(0), java.nio.charset.StandardCharsets.UTF_8),
                                null)
                        .status());
        assertEquals(2, ok(asMaster("GET", "secrets", null)).get("secrets").size());

        JsonNode keys = ok(asMaster("GET", "secrets/keys", null));
        assertTrue(keys.get("configured").asBoolean(), keys.toString());
        assertEquals(
                2,
                keys.get("secrets_per_key").get(keys.get("active_key").asText()).asLong());
        assertEquals(0, keys.get("under_old_keys").asLong());
        assertFalse(keys.toString().contains(value));
    }

    private static String enc(String token) {
        return java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aServerAdminIsNobodyOfTheRealm() {
        // The master realm's admin owns, holds and shares nothing in the realm as itself.
        Http.Reply ownerless = asMaster("POST", "sharing/entities", Map.of("id", "m1", "type", "PROJECT"));
        assertEquals(400, ownerless.status(), "an owner must be named: " + ownerless);
        ok(asMaster("POST", "sharing/entities", Map.of("id", "m1", "type", "PROJECT", "owner_id", "realmmanager")));
        ok(asMaster(
                "POST",
                "sharing/entities/m1/shares",
                Map.of("principal_type", "user", "principal", TestRealm.USER, "permission", "READ")));
        JsonNode detail = ok(asMaster("GET", "sharing/entities/m1", null));
        assertTrue(
                detail.toString().contains("\"shared_by\":\"" + KeycloakServer.ADMIN_USER + "@master\""),
                "the sharer is named with its realm: " + detail);
        JsonNode events = ok(asMaster("GET", "audit?operation=CREATE_CUSTOS_SHARE", null));
        assertTrue(
                events.toString().contains("\"username\":\"" + KeycloakServer.ADMIN_USER + "\""),
                "the audit log names the server admin: " + events);
    }

    @Test
    void theAuditLogIsFilteredByServiceOperationActorAndTime() {
        String realmAdmin = token(realm, "realmadmin");
        ok(console(realmAdmin, "POST", "sharing/permission-types", Map.of("id", "AUDITED")));
        String actor = realm.adminUser("realmadmin").get("id").asText();
        String auditor = token(realm, "auditor");
        JsonNode mine = ok(console(
                auditor,
                "GET",
                "audit?service=org.apache.custos.sharing.management.service.SharingManagementService&actor=" + actor,
                null));
        assertTrue(mine.get("events").size() >= 1, mine.toString());
        mine.get("events")
                .forEach(e -> assertEquals("realmadmin", e.path("username").asText(), e.toString()));
        JsonNode future = ok(console(auditor, "GET", "audit?from=" + (System.currentTimeMillis() + 3_600_000), null));
        assertEquals(0, future.get("events").size());
        assertEquals(400, console(auditor, "GET", "audit?from=yesterday", null).status());
        assertEquals(
                400, console(auditor, "GET", "audit?service=nonsense", null).status());
    }

    @Test
    void anotherRealmsIdsAreNotHere() {
        SharingApi foreign = new SharingApi(other, other.tenantAuth());
        foreign.ok("POST", "entity/type", Map.of("entity_type", Map.of("id", "FOREIGN")));
        foreign.ok(
                "POST", "entity", Map.of("entity", Map.of("id", "f1", "type", "FOREIGN", "owner_id", TestRealm.USER)));
        assertEquals(404, asMaster("GET", "sharing/entities/f1", null).status());
        assertEquals(
                404,
                asMaster("GET", "sharing/entities/f1/holders?permission=OWNER", null)
                        .status());
        String otherAlice = other.adminUser(TestRealm.USER).get("id").asText();
        assertEquals(
                404,
                asMaster("GET", "sharing/users/" + otherAlice + "/reachable?permission=OWNER", null)
                        .status());
        Http.Reply otherGroup = admin.call("POST", "/" + other.name() + "/groups", Map.of("name", "elsewhere"));
        String location = otherGroup.headers().get("location").get(0);
        String foreignGroup = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(
                404,
                asMaster("GET", "groups/" + foreignGroup + "/members", null).status());
        assertEquals(
                404,
                asMaster(
                                "POST",
                                "sharing/entities/p1/shares",
                                Map.of("principal_type", "group", "principal", foreignGroup, "permission", "READ"))
                        .status());
    }

    @Test
    void badInputIsA400NamingTheProblemAndChangesNothing() {
        String root = admin.baseUrl() + "/admin/realms/" + realm.name() + "/custos/";
        String auth = token(realm, "realmadmin");
        // What the pages show before: the types, p1 with its shares, the agents' settings.
        JsonNode typesBefore = ok(asMaster("GET", "sharing/entity-types", null));
        JsonNode p1Before = ok(asMaster("GET", "sharing/entities/p1", null));
        JsonNode agentsBefore = ok(asMaster("GET", "agents", null));
        Http.Reply text = Http.request("POST", root + "sharing/entity-types")
                .auth(auth)
                .body("id=X", "text/plain")
                .send();
        assertEquals(415, text.status(), text.toString());
        Http.Reply broken = Http.request("POST", root + "sharing/entity-types")
                .auth(auth)
                .body("{\"id\":", "application/json")
                .send();
        assertEquals(400, broken.status(), broken.toString());
        record Call(String method, String page, Object body) {}
        for (Call c : List.of(
                new Call("POST", "sharing/entity-types", Map.of("name", "no id")),
                new Call("POST", "sharing/entity-types", Map.of("id", "  ")),
                new Call("GET", "sharing/entities/p1/holders?permission=READ&max=0", null),
                new Call("GET", "sharing/entities/p1/holders?permission=READ&max=101", null),
                new Call("GET", "sharing/entities/p1/holders?permission=READ&max=many", null),
                new Call("GET", "sharing/entities?first=-3", null),
                new Call(
                        "POST",
                        "sharing/entities/p1/shares",
                        Map.of("principal_type", "robot", "principal", "x", "permission", "READ")),
                new Call("POST", "sharing/entities/p1/shares", Map.of("principal_type", "user", "permission", "READ")),
                new Call(
                        "POST",
                        "sharing/entities/p1/shares",
                        Map.of("principal_type", "user", "principal", "bob", "permission", "OWNER")),
                new Call("PUT", "agents/token-lifetime", Map.of("seconds", -5)))) {
            Http.Reply r = console(auth, c.method(), c.page(), c.body());
            assertTrue(
                    r.status() == 400 && r.body().contains("\"error_description\""),
                    c.method() + " " + c.page() + " -> " + r);
        }
        assertEquals(
                404, console(auth, "GET", "sharing/entities/nothing-here", null).status());
        assertEquals(
                404,
                console(auth, "GET", "sharing/entities/p1/holders?permission=NOPE", null)
                        .status());
        assertEquals(404, console(auth, "GET", "no/such/page", null).status());
        Http.Reply method = console(auth, "PATCH", "sharing/entity-types", Map.of());
        assertEquals(405, method.status(), method.toString());
        // The pages show what they showed before: no type was created (neither "no id" nor a blank id), nobody was
        // shared p1 (bob holds nothing on it), the agents' token lifetime is what it was.
        assertEquals(typesBefore, ok(asMaster("GET", "sharing/entity-types", null)), "no entity type was created");
        assertEquals(p1Before, ok(asMaster("GET", "sharing/entities/p1", null)), "p1's shares are unchanged");
        for (String permission : List.of("READ", "OWNER")) {
            List<String> holders = new ArrayList<>();
            ok(asMaster("GET", "sharing/entities/p1/holders?permission=" + permission, null))
                    .get("holders")
                    .forEach(h -> holders.add(h.get("username").asText()));
            assertFalse(holders.contains("bob"), "bob holds " + permission + ": " + holders);
        }
        assertEquals(agentsBefore, ok(asMaster("GET", "agents", null)), "the agents' settings are unchanged");
    }
}
