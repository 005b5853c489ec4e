package org.custos.keycloak.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.Postgres;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Looks into our table on the real PostgreSQL the server runs on: our schema exists (with its own Liquibase history
 * table), and rows go when their user, group or realm goes. Runs only in the PostgreSQL pass of {@code .ci/run}
 * ({@code -Dcustos.test.db=postgres}); on the default in-memory H2 the database lives inside the server process and
 * cannot be opened from here, and the same cleanup is checked through the API in {@code GroupIT}.
 */
@EnabledIfSystemProperty(
        named = "custos.test.db",
        matches = "postgres",
        disabledReason = "needs -Dcustos.test.db=postgres (the PostgreSQL pass of .ci/run)")
class PostgresCleanupIT {

    private static long rows(String where, String value) throws SQLException {
        return count("CUSTOS_GROUP_MEMBERSHIP", where, value);
    }

    private static long count(String table, String column, String value) throws SQLException {
        try (Connection c = Postgres.connect();
                PreparedStatement s =
                        c.prepareStatement("select count(*) from " + table + " where " + column + " = ?")) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void theSchemaIsOursAndIndexedByRealm() throws SQLException {
        try (Connection c = Postgres.connect();
                ResultSet r = c.getMetaData().getIndexInfo(null, null, "custos_group_membership", false, false)) {
            boolean realmIndex = false;
            while (r.next()) {
                realmIndex |= "idx_custos_gm_realm".equalsIgnoreCase(r.getString("INDEX_NAME"));
            }
            assertTrue(realmIndex, "REALM_ID is indexed");
        }
        try (Connection c = Postgres.connect();
                ResultSet r = c.getMetaData().getTables(null, null, "databasechangelog_custos%", null)) {
            assertTrue(r.next(), "our Liquibase history lives in its own table");
        }
    }

    @Test
    void rowsGoWithTheirUserGroupAndRealm() throws SQLException {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        TestRealm realm = TestRealm.create(admin, "pg-cleanup", rep -> {
            for (String u : List.of("owner1", "owner2", "member1")) {
                rep.withArray("users").add(Http.JSON.valueToTree(Map.of("username", u, "enabled", true)));
            }
        });
        String realmId = admin.get("/" + realm.name()).get("id").asText();
        String groupA = create(realm, "a", "owner1");
        String groupB = create(realm, "b", "owner2");
        for (String[] m :
                new String[][] {{groupA, "owner2", "OWNER"}, {groupA, "member1", "MEMBER"}, {groupB, "member1", "ADMIN"}
                }) {
            assertEquals(
                    200,
                    Http.request("POST", realm.custos("group-management", "user/group/membership"))
                            .auth(realm.tenantAuth())
                            .json(Map.of("group_id", m[0], "username", m[1], "membership_type", m[2]))
                            .send()
                            .status());
        }
        assertEquals(5, rows("REALM_ID", realmId));

        String member1 = realm.adminUser("member1").get("id").asText();
        assertEquals(2, rows("USER_ID", member1));
        assertEquals(
                204,
                admin.call("DELETE", "/" + realm.name() + "/users/" + member1, null)
                        .status());
        assertEquals(0, rows("USER_ID", member1), "a deleted user's membership types are gone");

        assertEquals(1, rows("GROUP_ID", groupB));
        assertEquals(
                204,
                admin.call("DELETE", "/" + realm.name() + "/groups/" + groupB, null)
                        .status());
        assertEquals(0, rows("GROUP_ID", groupB), "a deleted group's membership types are gone");

        assertEquals(2, rows("REALM_ID", realmId));
        realm.close();
        assertEquals(0, rows("REALM_ID", realmId), "a deleted realm's rows are gone");
    }

    /** Sharing rows go with their realm; the check's plan uses the indexes (printed for the README). */
    @Test
    void sharingRowsGoWithTheirRealmAndTheCheckIsIndexed() throws SQLException {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        TestRealm realm = TestRealm.create(admin, "pg-sharing", rep -> rep.withArray("users")
                .add(Http.JSON.valueToTree(Map.of("username", "owner1", "enabled", true))));
        String realmId = admin.get("/" + realm.name()).get("id").asText();
        SharingApi api = new SharingApi(realm, realm.tenantAuth());
        api.entityType("DOC");
        api.permissionType("READ");
        assertEquals(200, api.createEntity("p", "DOC", "owner1", null).status());
        assertEquals(200, api.createEntity("c", "DOC", "owner1", "p").status());
        assertEquals(
                200,
                api.share("users", "p", "READ", List.of(TestRealm.USER), true).status());
        List<String> tables = List.of(
                "CUSTOS_ENTITY_TYPE",
                "CUSTOS_PERMISSION_TYPE",
                "CUSTOS_SHARING_ENTITY",
                "CUSTOS_ENTITY_ANCESTOR",
                "CUSTOS_SHARE");
        List<Long> expected = List.of(1L, 1L, 2L, 3L, 3L);
        for (int i = 0; i < tables.size(); i++) {
            assertEquals(expected.get(i), count(tables.get(i), "REALM_ID", realmId), tables.get(i));
        }
        try (Connection c = Postgres.connect()) {
            // The tables of a test are tiny, where a sequential scan is cheapest; show the plan PostgreSQL uses at
            // scale.
            c.createStatement().execute("set enable_seqscan = off");
            // The decision query (SharingDecisions.decide -> JpaShareStore.grants), as Hibernate sends it.
            PreparedStatement s = c.prepareStatement("explain select e.EXTERNAL_ID, e.TYPE_ID, s.PERMISSION_ID, "
                    + "s.PRINCIPAL_TYPE, s.PRINCIPAL_ID, a.DEPTH, src.EXTERNAL_ID from CUSTOS_SHARING_ENTITY e, "
                    + "CUSTOS_ENTITY_ANCESTOR a, CUSTOS_SHARE s, CUSTOS_SHARING_ENTITY src where e.REALM_ID = ? "
                    + "and e.EXTERNAL_ID in (?) and a.ENTITY_ID = e.ID and s.ENTITY_ID = a.ANCESTOR_ID and "
                    + "(a.DEPTH = 0 or s.CASCADING = true) and src.ID = s.ENTITY_ID and s.PERMISSION_ID in (?, "
                    + "'OWNER') and ((s.PRINCIPAL_TYPE = 'USER' and s.PRINCIPAL_ID in (?)) or (s.PRINCIPAL_TYPE = "
                    + "'GROUP' and s.PRINCIPAL_ID in (?, ?)))");
            s.setString(1, realmId);
            s.setString(2, "e");
            s.setString(3, "READ");
            s.setString(4, "u");
            s.setString(5, "g1");
            s.setString(6, "g2");
            StringBuilder plan = new StringBuilder();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    plan.append(r.getString(1)).append('\n');
                }
            }
            System.out.println("EXPLAIN of the sharing check:\n" + plan);
            assertTrue(plan.toString().contains("Index"), plan.toString());
            assertTrue(!plan.toString().contains("Seq Scan"), plan.toString());
        }
        realm.close();
        for (String table : tables) {
            assertEquals(0, count(table, "REALM_ID", realmId), table + ": a deleted realm's sharing rows are gone");
        }
    }

    private static String create(TestRealm realm, String name, String owner) {
        return Http.request("POST", realm.custos("group-management", "groups"))
                .auth(realm.tenantAuth())
                .json(Map.of("groups", List.of(Map.of("name", name, "ownerId", owner))))
                .send()
                .json()
                .get("groups")
                .get(0)
                .get("id")
                .asText();
    }
}
