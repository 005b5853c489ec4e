package org.custos.keycloak.rest.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;

/**
 * A user in 1,000 groups: the decision query lists a subject's groups, and one SQL list may hold at most 1,000
 * values on some databases (Oracle), so the store asks in slices. A share with the group near the end of the list
 * decides; the user's own share and a group the user is not in do not get lost or leak across slices.
 */
class ManyGroupsIT {

    private static final int GROUPS = 1_000;

    @Test
    void aShareWithAnyOfAThousandGroupsOfTheUserDecides() {
        try (TestRealm realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "many-groups", rep -> {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < GROUPS; i++) {
                String name = String.format("g%04d", i);
                rep.withArray("groups").addObject().put("name", name);
                paths.add("/" + name);
            }
            Map<String, Object> many = TestRealm.user("many", "many-password-1");
            many.put("groups", paths);
            rep.withArray("users").add(Http.JSON.valueToTree(many));
            Map<String, Object> few = TestRealm.user("few", "few-password-1");
            few.put("groups", List.of("/g0000"));
            rep.withArray("users").add(Http.JSON.valueToTree(few));
        })) {
            SharingApi tenant = new SharingApi(realm, realm.tenantAuth());
            tenant.entityType("DOC");
            tenant.permissionType("READ");
            for (String doc : List.of("late-group", "own")) {
                assertEquals(
                        200,
                        tenant.createEntity(doc, "DOC", TestRealm.USER, null).status());
            }
            String late = realm.admin()
                    .call("GET", "/" + realm.name() + "/groups?search=g0950&exact=true", null)
                    .json()
                    .get(0)
                    .get("id")
                    .asText();
            assertEquals(
                    200,
                    tenant.share("groups", "late-group", "READ", List.of(late), true)
                            .status());
            assertEquals(
                    200,
                    tenant.share("users", "own", "READ", List.of("many"), true).status());

            assertTrue(tenant.check("late-group", "READ", "many"), "the share with group 951 of 1,000 decides");
            assertFalse(tenant.check("late-group", "READ", "few"), "not for a user outside that group");
            assertTrue(tenant.check("own", "READ", "many"), "the user's own share, beside 1,000 groups");
            assertFalse(tenant.check("own", "READ", "few"));
        }
    }
}
