package org.custos.keycloak.rest.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.custos.keycloak.testing.LegacyCustos;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;

/**
 * A tenant of a 2021 Custos, which ran one database per core service ({@code core_sharing}, {@code core_user_profile},
 * ...) on one MySQL server, migrated over HTTP by a server configured as for a 2022–2023 Custos (its URL names {@code
 * core_services_db}, which no longer holds the tables): the migration finds each service's database, says where it
 * read each, and every answer Custos gave is given here, as for the one-database layout (LegacyMigrationIT).
 */
class Custos2021MigrationIT {

    @Test
    void aTenantSpreadOverCustos2021sDatabasesMovesAsAnyOther() {
        LegacyCustos legacy = LegacyCustos.load("sample-tenant.sql");
        String tenant = LegacyMigrationIT.TENANT;
        List<String[]> checks = new ArrayList<>();
        List<Boolean> custos = new ArrayList<>();
        for (String e : legacy.entities(tenant)) {
            for (String p : LegacyMigrationIT.PERMISSIONS) {
                for (String u : LegacyMigrationIT.PEOPLE) {
                    checks.add(new String[] {e, p, u});
                    custos.add(legacy.hasAccess(tenant, e, p, u)); // the oracle reads the one-database layout
                }
            }
        }
        legacy.splitPerService(Map.of());

        AdminApi admin = new AdminApi(KeycloakServer.get());
        try (TestRealm realm = LegacyMigrationIT.legacyRealm(admin, "legacy2021")) {
            Http.Reply reply = admin.call(
                    "POST",
                    "/" + realm.name() + "/custos/migrate?tenant=" + tenant + "&mode=refuse",
                    Http.parse(LegacyCustos.resource("vault-export.json")));
            assertEquals(200, reply.status(), reply.toString());
            JsonNode report = reply.json();
            assertEquals(
                    Http.parse(
                            """
                    {"tenant-profile": "core_tenant", "credential-store": "core_credential_store",
                     "sharing": "core_sharing", "user-profile": "core_user_profile",
                     "resource-secret": "core_resource_secret", "agent-profile": "core_agent_profile"}"""),
                    report.get("databases"),
                    report.toString());
            JsonNode added = report.get("import").get("added");
            assertEquals(8, added.get("entities").asInt(), report.toString());
            assertEquals(4, added.get("secrets").asInt(), report.toString());
            assertEquals(2, report.get("groups_created").asInt(), report.toString());
            assertEquals(1, report.get("agents_registered").asInt(), report.toString());

            List<Boolean> ours = new SharingApi(realm, realm.tenantAuth()).batch(checks);
            Set<String> differ = new TreeSet<>();
            for (int i = 0; i < checks.size(); i++) {
                if (!ours.get(i).equals(custos.get(i))) {
                    differ.add(checks.get(i)[0] + "/" + checks.get(i)[2] + "/" + checks.get(i)[1]);
                }
            }
            // as in the one-database layout: Custos copied dave's cascading READ to ds-x but not to ds-y
            assertEquals(Set.of("ds-y/dave/READ"), differ, "checks: " + checks.size());
            assertTrue(custos.contains(true) && custos.contains(false), "the oracle grants some and refuses some");
        }
    }
}
