package org.custos.keycloak.rest.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;

/** Walking {@code GET users} page by page over 10,000 users returns each exactly once, with a true total. */
class UserPagingIT {

    private static final int USERS = 10_000;

    @Test
    void pagingOverTenThousandUsersReturnsEachUserExactlyOnce() {
        try (TestRealm realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "paging", rep -> {
            ArrayNode users = rep.withArray("users");
            for (int i = 0; i < USERS; i++) {
                users.add(Http.JSON.valueToTree(Map.of("username", String.format("bulk-%05d", i), "enabled", true)));
            }
        })) {
            int expectedTotal = USERS + 1; // plus the test realm's own user, alice; never the service accounts
            Set<String> seen = new HashSet<>();
            int pages = 0;
            for (int offset = 0; ; offset += 1000) {
                Http.Reply r = Http.request("GET", realm.custos("user-management", "users?limit=1000&offset=" + offset))
                        .auth(realm.tenantAuth())
                        .send();
                assertEquals(200, r.status(), r.toString());
                JsonNode body = r.json();
                assertEquals(expectedTotal, body.get("total_size").asInt());
                JsonNode users = body.get("users");
                for (JsonNode u : users) {
                    assertTrue(seen.add(u.get("username").asText()), "returned twice: " + u.get("username"));
                }
                pages++;
                if (users.size() < 1000) {
                    break;
                }
            }
            assertEquals(expectedTotal, seen.size());
            assertEquals(11, pages);
            assertTrue(seen.contains("bulk-00000") && seen.contains("bulk-09999") && seen.contains(TestRealm.USER));
        }
    }
}
