package org.custos.keycloak.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.Postgres;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Secrets at rest, checked in the real PostgreSQL: after writing known plaintexts, no row of any table contains
 * them; and a ciphertext copied into another row — or another realm's row — fails to decrypt (an error, never the
 * other secret). Runs in the PostgreSQL pass of {@code .ci/run}.
 */
@EnabledIfSystemProperty(
        named = "custos.test.db",
        matches = "postgres",
        disabledReason = "needs -Dcustos.test.db=postgres (the PostgreSQL pass of .ci/run)")
class PostgresSecretScanIT {

    private static String save(TestRealm realm, String password) {
        Http.Reply r = Http.request("POST", realm.custos("resource-secret-management", "secret/password"))
                .auth(realm.tenantAuth())
                .json(Map.of("metadata", Map.of("owner_id", "alice"), "password", password))
                .send();
        assertEquals(200, r.status(), r.toString());
        return r.json().get("token").asText();
    }

    private static Http.Reply read(TestRealm realm, String token) {
        return Http.request("GET", realm.custos("resource-secret-management", "secret/password?token=" + token))
                .auth(realm.tenantAuth())
                .send();
    }

    @Test
    void noTableHoldsAPlaintextAndMovedCiphertextsFailToDecrypt() throws SQLException {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        try (TestRealm a = TestRealm.create(admin, "pg-secrets-a");
                TestRealm b = TestRealm.create(admin, "pg-secrets-b")) {
            String first = "first-" + UUID.randomUUID();
            String second = "second-" + UUID.randomUUID();
            String third = "third-" + UUID.randomUUID();
            String t1 = save(a, first);
            String t2 = save(a, second);
            String t3 = save(b, third);
            Http.Request kv = Http.request("POST", a.custos("resource-secret-management", "secret/kv"))
                    .auth(a.tenantAuth())
                    .header("user-token", a.userAccessToken());
            String kvValue = "kv-" + UUID.randomUUID();
            assertEquals(
                    200, kv.json(Map.of("key", "scan", "value", kvValue)).send().status());

            // Every row of every table, as text.
            List<String> tables = new ArrayList<>();
            try (Connection c = Postgres.connect();
                    ResultSet r = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (r.next()) {
                    tables.add(r.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.stream().anyMatch(t -> t.equalsIgnoreCase("custos_secret")));
            try (Connection c = Postgres.connect();
                    Statement s = c.createStatement()) {
                for (String table : tables) {
                    try (ResultSet rows = s.executeQuery("select t::text from \"" + table + "\" t")) {
                        while (rows.next()) {
                            String row = rows.getString(1);
                            for (String plaintext : List.of(first, second, third, kvValue)) {
                                assertFalse(row.contains(plaintext), "plaintext found in table " + table);
                            }
                        }
                    }
                }
            }

            // Copy row t1's sealed value into row t2 (same realm), and into t3 (another realm).
            try (Connection c = Postgres.connect();
                    PreparedStatement copy = c.prepareStatement(
                            "update custos_secret set key_id = src.key_id, wrapped_key = src.wrapped_key, ciphertext "
                                    + "= src.ciphertext "
                                    + "from custos_secret src where src.token = ? and custos_secret.token = ?")) {
                copy.setString(1, t1);
                copy.setString(2, t2);
                assertEquals(1, copy.executeUpdate());
                copy.setString(1, t1);
                copy.setString(2, t3);
                assertEquals(1, copy.executeUpdate());
            }
            assertEquals(first, read(a, t1).json().get("password").asText());
            for (Http.Reply moved : List.of(read(a, t2), read(b, t3))) {
                assertEquals(500, moved.status(), moved.toString());
                assertEquals("secret_unreadable", moved.json().get("error").asText());
                assertFalse(moved.body().contains(first), "never someone else's secret");
            }
        }
    }
}
