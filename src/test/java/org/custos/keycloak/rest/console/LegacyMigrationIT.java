package org.custos.keycloak.rest.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.LegacyCustos;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A legacy Custos tenant moved from a real MariaDB (Custos's schema, a tenant written by replaying Custos's own
 * sharing algorithm, its Vault export) into a realm with the jar, over HTTP as an operator runs it
 * ({@code POST /admin/realms/{realm}/custos/migrate}): a dry run writes nothing; afterwards every answer Custos gave
 * is given here, except the one the report names; every secret reads back to its owner and its storing client; a
 * re-run adds nothing; a tenant that breaks the rules is refused whole, with every broken row named; a weaker admin
 * is refused and gains nothing.
 */
class LegacyMigrationIT {

    static final String TENANT = "10000";
    private static final String LEGACY_CLIENT = "custos-6vq2jz0xk8c1m3n5p7r9-10000";
    private static final String LEGACY_SECRET = "legacy-tenant-secret-1";
    private static final String PASSWORD = "legacy-password-1";
    static final List<String> PEOPLE = List.of("alice", "bob", "carol", "dave");
    static final List<String> PERMISSIONS = List.of("OWNER", "READ", "WRITE");
    /** 2023-02-27T00:00:00Z: when the realm's people got their Keycloak accounts. */
    private static final long CUSTOS_ERA = 1677456000000L;

    private static LegacyCustos legacy;
    private static AdminApi admin;
    private static TestRealm realm;
    private static JsonNode vault;
    private static JsonNode dryRun;
    private static int entityAfterDryRun;
    private static JsonNode groupsAfterDryRun;
    private static JsonNode applied;
    private static JsonNode rerun;
    /** Tenant 30000: Keycloak's own groups, and an account newer than Custos's user of that name. */
    private static JsonNode groupsTenant;

    @BeforeAll
    static void migrate() {
        legacy = LegacyCustos.load("sample-tenant.sql", "broken-tenant.sql", "groups-tenant.sql");
        admin = new AdminApi(KeycloakServer.get());
        realm = legacyRealm(admin, "legacy");
        Http.Reply pw = admin.call(
                "PUT",
                "/" + realm.name() + "/users/"
                        + realm.adminUser("alice").get("id").asText() + "/reset-password",
                Map.of("type", "password", "value", PASSWORD, "temporary", false));
        assertEquals(204, pw.status(), pw.toString());
        vault = Http.parse(LegacyCustos.resource("vault-export.json"));
        dryRun = ok(migrate(TENANT, "dry-run", vault));
        entityAfterDryRun = entityStatus("proj-root");
        groupsAfterDryRun = admin.get("/" + realm.name() + "/groups?search=Research%20Lab&exact=true");
        applied = ok(migrate(TENANT, "refuse", vault));
        rerun = ok(migrate(TENANT, "refuse", vault));
        groupsTenant = ok(migrate("30000", "refuse", Http.JSON.createObjectNode()));
    }

    /**
     * A realm as Custos left it for tenant 10000 (sample-tenant.sql) and 30000: its people (older than their Custos
     * profiles but erin), the tenant's client, Custos's agent user, two Keycloak groups, a realm admin and a weaker
     * one.
     */
    static TestRealm legacyRealm(AdminApi admin, String name) {
        return TestRealm.create(admin, name, rep -> {
            for (String person : PEOPLE) {
                if (!person.equals("alice")) {
                    rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user(person, PASSWORD)));
                }
            }
            // The accounts Custos made its profiles for (sample-tenant.sql: 2023-02-27 and after) are older than them.
            rep.withArray("users").forEach(u -> {
                if (PEOPLE.contains(u.get("username").asText())) {
                    ((ObjectNode) u).put("createdTimestamp", CUSTOS_ERA);
                }
            });
            rep.withArray("users").add(staff("realmadmin", "realm-admin"));
            rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user("erin", PASSWORD))); // registered today
            // Keycloak's own groups, which tenant 30000 names: one it mirrored (carol still in it), one by name only
            rep.withArray("groups")
                    .add(
                            Http.parse(
                                    """
                            {"id": "7c1f0000-0000-4000-8000-00000000abcd", "name": "Mirrored Ops",
                             "realmRoles": ["data-ingest"]}"""));
            rep.withArray("groups").add(Http.parse("{\"name\": \"Admins\", \"realmRoles\": [\"data-ingest\"]}"));
            rep.withArray("users").forEach(u -> {
                if (u.get("username").asText().equals("carol")) {
                    ((ObjectNode) u).putArray("groups").add("/Mirrored Ops");
                }
            });
            rep.withArray("users").add(staff("weak", "manage-realm", "manage-authorization", "query-groups"));
            // Custos kept its agent as a user of the realm, with a realm role (AgentManagementService)
            rep.putObject("roles").putArray("realm").add(Http.parse("{\"name\": \"data-ingest\"}"));
            rep.withArray("users")
                    .add(
                            Http.parse(
                                    """
                    {"username": "ingest-bot", "enabled": true, "realmRoles": ["data-ingest"],
                     "attributes": {"custos-realm-agent": ["true"], "agent-id": ["ingest-bot"]}}"""));
            rep.withArray("clients")
                    .add(Http.parse(
                            """
                    {"clientId": "%s", "publicClient": false, "secret": "%s", "serviceAccountsEnabled": true,
                     "standardFlowEnabled": false, "directAccessGrantsEnabled": true}"""
                                    .formatted(LEGACY_CLIENT, LEGACY_SECRET)));
            rep.withArray("users")
                    .add(Http.parse(
                            """
                    {"username": "service-account-%s", "enabled": true, "serviceAccountClientId": "%s",
                     "clientRoles": {"realm-management": ["view-users", "manage-users", "manage-authorization"]}}"""
                                    .formatted(LEGACY_CLIENT, LEGACY_CLIENT)));
        });
    }

    @AfterAll
    static void tearDown() {
        if (realm != null) {
            realm.close();
        }
    }

    private static JsonNode staff(String username, String... roles) {
        ObjectNode u = Http.JSON.valueToTree(TestRealm.user(username, PASSWORD));
        var list = u.putObject("clientRoles").putArray("realm-management");
        for (String role : roles) {
            list.add(role);
        }
        return u;
    }

    private static Http.Reply migrate(String tenant, String mode, JsonNode body) {
        return admin.call(
                "POST",
                "/" + realm.name() + "/custos/migrate?tenant=" + tenant + (mode == null ? "" : "&mode=" + mode),
                body);
    }

    private static JsonNode ok(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static int entityStatus(String id) {
        return new SharingApi(realm, realm.tenantAuth())
                .call("GET", "entity?entity.id=" + id, null)
                .status();
    }

    private static Http.Request legacyClient(String method, String path) {
        return Http.request(method, realm.custos("resource-secret-management", path))
                .auth(Http.custosBearer(LEGACY_CLIENT, LEGACY_SECRET));
    }

    /** A user's token issued to the legacy tenant client, as its gateway gets one. */
    private static String userToken(String username) {
        return realm.nativePasswordGrant(LEGACY_CLIENT, LEGACY_SECRET, username, PASSWORD)
                .get("access_token")
                .asText();
    }

    @Test
    void aDryRunPlansEverythingAndWritesNothing() {
        assertFalse(dryRun.get("applied").asBoolean());
        JsonNode added = dryRun.get("import").get("added");
        assertEquals(8, added.get("entities").asInt(), dryRun.toString());
        assertEquals(4, added.get("secrets").asInt(), dryRun.toString());
        assertEquals(2, dryRun.get("groups_created").asInt(), dryRun.toString());
        assertEquals(404, entityAfterDryRun, "no entity written by the dry run");
        assertEquals(0, groupsAfterDryRun.size(), "no group left behind by the dry run: " + groupsAfterDryRun);
        assertEquals(1, dryRun.get("agents_registered").asInt(), "planned, and rolled back with the rest");
        dryRun.get("databases").forEach(d -> assertEquals("core_services_db", d.asText(), dryRun.toString()));
        assertEquals(6, dryRun.get("databases").size(), dryRun.toString());
    }

    @Test
    void everyAnswerCustosGaveIsGivenHereButTheOneTheReportNames() {
        List<String[]> checks = new ArrayList<>();
        for (String e : legacy.entities(TENANT)) {
            for (String p : PERMISSIONS) {
                for (String u : PEOPLE) {
                    checks.add(new String[] {e, p, u});
                }
            }
        }
        List<Boolean> ours = new SharingApi(realm, realm.tenantAuth()).batch(checks);
        Set<String> differ = new TreeSet<>();
        for (int i = 0; i < checks.size(); i++) {
            String[] c = checks.get(i);
            if (ours.get(i) != legacy.hasAccess(TENANT, c[0], c[1], c[2])) {
                differ.add(c[0] + "/" + c[2] + "/" + c[1] + (ours.get(i) ? " granted here" : " refused here"));
            }
        }
        // ds-x moved below proj-a after dave's cascading READ there: Custos copied it to ds-x but not to ds-y.
        assertEquals(Set.of("ds-y/dave/READ granted here"), differ, "checks: " + checks.size());
        assertTrue(
                notes(applied).stream().anyMatch(n -> n.contains("ds-y/dave/READ (from proj-a)")), applied.toString());
        assertTrue(
                notes(applied).stream().anyMatch(n -> n.contains("ds-y/bob/READ") && n.contains("carried")),
                applied.toString());
    }

    private static List<String> notes(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("notes").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void everySecretReadsBackToItsOwnerAndItsClient() {
        JsonNode ssh = ok(legacyClient("GET", "secret/ssh?token=3b8e5a0c-1d2f-4e6a-8b9c-0d1e2f3a4b5c")
                .send());
        assertEquals("legacy-pass", ssh.get("passphrase").asText());
        assertTrue(ssh.get("private_key").asText().contains("legacy-ssh-private"), ssh.toString());
        JsonNode password = ok(legacyClient("GET", "secret/password?token=5d2c8b7a-0e1f-4a3b-8c9d-1e2f3a4b5c6d")
                .send());
        assertEquals("legacy-cluster-password", password.get("password").asText());
        JsonNode cert = ok(legacyClient("GET", "secret/certificate?token=7e6f5a4b-3c2d-4e1f-9a8b-7c6d5e4f3a2b")
                .send());
        assertTrue(cert.get("private_key").asText().contains("legacy-tls-key"), cert.toString());
        JsonNode kv = ok(legacyClient("GET", "secret/kv?key=S3_ACCESS_KEY")
                .header("user-token", userToken("bob"))
                .send());
        assertEquals("legacy-s3-value", kv.get("value").asText());
        Http.Reply alicesKv = legacyClient("GET", "secret/kv?key=S3_ACCESS_KEY")
                .header("user-token", userToken("alice"))
                .send();
        assertEquals(404, alicesKv.status(), "bob's key is bob's only: " + alicesKv);
        Http.Reply otherClient = Http.request(
                        "GET",
                        realm.custos(
                                "resource-secret-management", "secret/ssh?token=3b8e5a0c-1d2f-4e6a-8b9c-0d1e2f3a4b5c"))
                .auth(realm.tenantAuth())
                .send();
        assertEquals(404, otherClient.status(), "another client of the realm does not read it: " + otherClient);
    }

    @Test
    void groupsAndMembershipsArriveWithTheirCustosTypes() {
        JsonNode groups = admin.get("/" + realm.name() + "/groups?search=Data%20Team&exact=true");
        assertEquals("Research Lab", groups.get(0).get("name").asText(), groups.toString());
        assertEquals(
                "Data Team", groups.get(0).get("subGroups").get(0).get("name").asText(), groups.toString());
        assertEquals(4, applied.get("import").get("added").get("memberships").asInt(), applied.toString());
        assertEquals(4, applied.get("members_joined").asInt(), applied.toString());
    }

    @Test
    void anAgentKeepsItsIdSecretAndRolesAsAKeycloakClient() {
        assertEquals(1, applied.get("agents_registered").asInt(), applied.toString());
        String token = realm.nativeClientCredentials("ingest-bot", "legacy-agent-secret-1")
                .get("access_token")
                .asText();
        JsonNode claims = Http.parse(new String(
                java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(claims.get("realm_access").get("roles").toString().contains("data-ingest"), claims.toString());
        JsonNode legacyUser = admin.get("/" + realm.name() + "/users?username=ingest-bot.legacy-agent&exact=true");
        assertEquals(1, legacyUser.size(), "Custos's agent user is kept, renamed: " + legacyUser);
        assertFalse(legacyUser.get(0).get("enabled").asBoolean(), "and disabled");
    }

    @Test
    void aRerunFindsEverythingThereAndAddsNothing() {
        assertTrue(rerun.get("applied").asBoolean());
        assertEquals(0, rerun.get("import").get("added").size(), rerun.toString());
        assertEquals(0, rerun.get("groups_created").asInt());
        assertEquals(0, rerun.get("members_joined").asInt());
        assertEquals(0, rerun.get("agents_registered").asInt());
        assertEquals(1, rerun.get("agents_unchanged").asInt());
        assertEquals(applied.get("notes"), rerun.get("notes"), "the same report of what did not move as it was");
    }

    @Test
    void whatCouldNotMoveIsNamedAndNothingElse() {
        List<String> notes = notes(applied);
        // the two sharing notes above, and Custos's credential map, which this server does not hold
        assertEquals(3, notes.size(), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("1 secrets are of a kind")), notes.toString());
        for (String value : List.of("legacy-s3-value", "legacy-agent-secret-1", "legacy-pass")) {
            assertFalse(applied.toString().contains(value), "no secret value in the report");
        }
    }

    @Test
    void aTenantThatBreaksTheRulesIsRefusedWholeWithEveryRowNamed() {
        JsonNode plan = ok(migrate("20000", "dry-run", Http.JSON.createObjectNode()));
        String problems = plan.get("import").get("problems").toString();
        assertTrue(problems.contains("'zed'"), plan.toString());
        // tenant 20000's alice and bob had Custos profiles in 2022; the realm's alice and bob came later: not them
        assertTrue(problems.contains("'alice (the realm's account is newer than Custos's profile"), problems);
        List<String> planned = notes(plan);
        assertTrue(planned.stream().anyMatch(n -> n.contains("bob in Old Team")), "bob's rows left out: " + planned);
        List<String> notes = notes(plan);
        assertTrue(notes.stream().anyMatch(n -> n.contains("old-orphan")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("1 membership rows name no group")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("no value in the Vault export")), notes.toString());
        Http.Reply refused = migrate("20000", "refuse", Http.JSON.createObjectNode());
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().contains("'zed'"), refused.toString());
        assertEquals(404, entityStatus("old-orphan"), "nothing of the tenant written");
        JsonNode team = admin.get("/" + realm.name() + "/groups?search=Old%20Team&exact=true");
        assertEquals(0, team.size(), "no group created: " + team);
        assertEquals(404, migrate("40000", "dry-run", null).status(), "a tenant the database lacks");
    }

    @Test
    void noCustosMembershipPutsAnyoneIntoAKeycloakGroup() {
        JsonNode report = groupsTenant;
        assertEquals(0, report.get("groups_created").asInt(), report.toString());
        assertEquals(0, report.get("members_joined").asInt(), report.toString());
        List<String> notes = notes(report);
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("group 'Admins' not carried")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("bob in Mirrored Ops")), notes.toString());
        String bob = realm.adminUser("bob").get("id").asText();
        JsonNode bobsGroups = admin.get("/" + realm.name() + "/users/" + bob + "/groups");
        assertTrue(bobsGroups.toString().contains("Research Lab"), "tenant 10000's group, which Custos kept itself");
        assertFalse(bobsGroups.toString().contains("Mirrored Ops"), "bob left it in Keycloak: " + bobsGroups);
        assertFalse(bobsGroups.toString().contains("Admins"), "a Keycloak group Custos never had: " + bobsGroups);
        assertEquals(1, report.get("import").get("added").get("memberships").asInt(), "carol's ADMIN type only");
    }

    @Test
    void anAccountNewerThanCustossUserOfThatNameGetsNothing() {
        assertTrue(groupsTenant.get("applied").asBoolean(), groupsTenant.toString());
        SharingApi sharing = new SharingApi(realm, realm.tenantAuth());
        assertTrue(sharing.check("doc-1", "OWNER", "carol"), "carol's entity arrived");
        assertTrue( // 'CAROL'/'USER' is carol: one holder, her grant once
                notes(groupsTenant).stream().anyMatch(n -> n.startsWith("1 sharing rows repeat another row")),
                groupsTenant.toString());
        assertFalse(sharing.check("doc-1", "READ", "erin"), "Custos's erin had READ; today's erin is someone else");
        assertTrue(legacy.hasAccess("30000", "doc-1", "READ", "erin"), "as Custos answered for its erin");
        assertTrue(notes(groupsTenant).stream().anyMatch(n -> n.contains("doc-1/erin/READ")), groupsTenant.toString());
    }

    @Test
    void aRealmsAdminMigratesOnlyItsOwnTenantAndOnlyWhenAskedTo() {
        String realmAdmin = Http.bearer(realm.accessToken("realmadmin", PASSWORD));
        Http.Reply other = asAdmin(realmAdmin, "?tenant=20000&mode=merge");
        assertEquals(403, other.status(), "another tenant of the shared legacy database: " + other);
        assertEquals(400, asAdmin(realmAdmin, "?mode=merge").status(), "this realm's name is no Custos tenant id");
        assertEquals(400, asAdmin(realmAdmin, "?tenant=10000abc").status(), "a tenant id is a number");
        JsonNode unasked = ok(migrate(TENANT, null, vault));
        assertEquals("dry-run", unasked.get("mode").asText(), "without mode= nothing is written");
        assertFalse(unasked.get("applied").asBoolean());
        assertEquals(404, entityStatus("old-orphan"));
    }

    private static Http.Reply asAdmin(String auth, String query) {
        return Http.request("POST", admin.baseUrl() + "/admin/realms/" + realm.name() + "/custos/migrate" + query)
                .auth(auth)
                .json(Map.of())
                .send();
    }

    @Test
    void aWeakerAdminIsRefusedAndGainsNothing() {
        String weak = Http.bearer(realm.accessToken("weak", PASSWORD));
        Http.Reply refused = Http.request(
                        "POST",
                        admin.baseUrl() + "/admin/realms/" + realm.name() + "/custos/migrate?tenant=20000&mode=merge")
                .auth(weak)
                .json(Map.of())
                .send();
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.body().contains("manage-users"), refused.toString());
        assertEquals(404, entityStatus("old-orphan"));
    }
}
