package org.custos.keycloak.model.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.LegacyCustos;
import org.junit.jupiter.api.Test;

/**
 * The legacy reader on a real MariaDB, in both layouts Custos used: the 2022–2023 {@code core_services_db} and the
 * 2021 database per core service ({@code core_sharing}, {@code core_user_profile}, ...). The same tenant, moved from
 * one layout to the other, reads as the same rows — found on its own under the 2021 names, and under other names when
 * the operator names them ({@code legacy-db-schemas}).
 */
class LegacyLayoutIT {

    private static final String TENANT = "10000";

    /** Everything the reader hands a migration, the streamed sharing rows included. */
    private record Read(LegacyTenant tenant, List<LegacyTenant.Sharing> sharing) {}

    private static Read read(Map<String, String> schemas) {
        return read(LegacyCustos.setting("url"), schemas);
    }

    private static Read read(String url, Map<String, String> schemas) {
        LegacyDatabase db =
                new LegacyDatabase(url, LegacyCustos.setting("username"), LegacyCustos.setting("password"), schemas);
        return db.read(TENANT, 100_000, (tenant, sharing) -> {
            List<LegacyTenant.Sharing> rows = new ArrayList<>();
            sharing.each(rows::addAll);
            return new Read(tenant, rows);
        });
    }

    /** The rows as read, without where they were read from. */
    private static LegacyTenant rows(LegacyTenant t) {
        return new LegacyTenant(
                t.id(),
                Map.of(),
                t.clientId(),
                t.profiles(),
                t.entityTypes(),
                t.permissionTypes(),
                t.entities(),
                t.groups(),
                t.groupEdges(),
                t.memberships(),
                t.secrets(),
                t.agents());
    }

    private static Map<String, String> everyService(String database) {
        Map<String, String> all = new LinkedHashMap<>();
        for (LegacyTables.Service s : LegacyTables.Service.values()) {
            all.put(s.key(), database);
        }
        return all;
    }

    private static void assertSameRows(Read expected, Read actual) {
        assertEquals(rows(expected.tenant()), rows(actual.tenant()));
        assertEquals(expected.sharing(), actual.sharing());
    }

    @Test
    void custos2021sDatabasePerServiceIsFoundAndReadsAsTheOneDatabaseDid() {
        LegacyCustos legacy = LegacyCustos.load("sample-tenant.sql");
        Read one = read(Map.of());
        assertEquals(everyService("core_services_db"), one.tenant().databases());
        // the sample tenant has something in every table the reader reads, so the comparison below means something
        LegacyTenant t = one.tenant();
        for (List<?> table : List.of(
                t.profiles(),
                t.entityTypes(),
                t.permissionTypes(),
                t.entities(),
                t.groups(),
                t.groupEdges(),
                t.memberships(),
                t.secrets(),
                t.agents(),
                one.sharing())) {
            assertFalse(table.isEmpty(), t.toString());
        }
        assertTrue(t.clientId() != null, "the tenant's client from custos_credentials");

        legacy.splitPerService(Map.of());
        Read split = read(Map.of());
        assertEquals(
                Map.of(
                        "tenant-profile", "core_tenant",
                        "credential-store", "core_credential_store",
                        "sharing", "core_sharing",
                        "user-profile", "core_user_profile",
                        "resource-secret", "core_resource_secret",
                        "agent-profile", "core_agent_profile"),
                split.tenant().databases());
        assertSameRows(one, split);

        // the server alone, no database in the URL: the same
        String url = LegacyCustos.setting("url");
        String server = url.substring(0, url.indexOf('/', "jdbc:mariadb://".length()) + 1);
        Read fromServer = read(server, Map.of());
        assertEquals(split.tenant().databases(), fromServer.tenant().databases());
        assertSameRows(one, fromServer);
    }

    @Test
    void databasesTheOperatorNamesAreReadAndWithoutThemTheMissingTableIsNamed() {
        LegacyCustos legacy = LegacyCustos.load("sample-tenant.sql");
        Read one = read(Map.of());
        legacy.splitPerService(Map.of("core_sharing", "legacy_sharing", "core_user_profile", "legacy_user_profile"));

        LegacyDatabase.ReadFailure missing = assertThrows(LegacyDatabase.ReadFailure.class, () -> read(Map.of()));
        assertFalse(missing.unreachable(), "the server answered: a table is missing, not the database");
        assertTrue(missing.getMessage().contains("`core_services_db`.entity"), missing.getMessage());
        assertTrue(missing.getMessage().contains("legacy-db-schemas"), "says how to name it: " + missing.getMessage());

        Read named = read(Map.of("sharing", "legacy_sharing", "user-profile", "legacy_user_profile"));
        assertEquals("legacy_sharing", named.tenant().databases().get("sharing"));
        assertEquals("core_tenant", named.tenant().databases().get("tenant-profile"), "the others still found");
        assertSameRows(one, named);
    }
}
