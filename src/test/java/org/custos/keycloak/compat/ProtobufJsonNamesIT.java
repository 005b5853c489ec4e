package org.custos.keycloak.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What any client of Custos's gateway could send, because protobuf's JSON parser accepted it: every field under its
 * lowerCamelCase name as well as its proto name, quoted numbers and booleans, and — for bodiless calls — the fields
 * as query parameters. One request per service, each checked by its effect.
 */
class ProtobufJsonNamesIT {

    private static TestRealm realm;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "protonames", rep -> rep.withArray("users")
                .add(Http.JSON.valueToTree(TestRealm.user("bob", "bob-password-1"))));
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static Http.Reply call(String method, String service, String path, String json) {
        Http.Request r = Http.request(method, realm.custos(service, path)).auth(realm.tenantAuth());
        return (json == null ? r : r.body(json, "application/json")).send();
    }

    private static JsonNode ok(String method, String service, String path, String json) {
        Http.Reply r = call(method, service, path, json);
        assertEquals(200, r.status(), method + " " + path + ": " + r);
        return r.json();
    }

    @Test
    void camelCaseFieldsAreReadEverywhere() {
        ok(
                "POST",
                "user-management",
                "user",
                "{\"username\":\"carla\",\"firstName\":\"Carla\",\"lastName\":\"Camel\","
                        + "\"email\":\"carla@example.org\",\"password\":\"carla-password-1\","
                        + "\"temporaryPassword\":false}");
        JsonNode carla = realm.adminUser("carla");
        assertEquals("Camel", carla.get("lastName").asText());
        assertTrue(carla.get("requiredActions").isEmpty(), "temporaryPassword=false was read");

        ok(
                "POST",
                "user-management",
                "attributes",
                "{\"attributes\":[{\"key\":\"lab\",\"values\":[\"7\"]}]," + "\"users\":[\"carla\"]}");
        ok(
                "POST",
                "user-management",
                "user/profile/mapper",
                "{\"currentUsername\":\"bob\",\"previousUsername\":\"carla\"," + "\"linkingAttributes\":[\"lab\"]}");
        assertEquals(
                "7", realm.adminUser("bob").get("attributes").get("lab").get(0).asText());

        ok("POST", "sharing-management", "entity/type", "{\"entityType\":{\"id\":\"DOC\"}}");
        ok("POST", "sharing-management", "permission/type", "{\"permissionType\":{\"id\":\"READ\"}}");
        ok(
                "POST",
                "sharing-management",
                "entity",
                "{\"entity\":{\"id\":\"doc-1\",\"type\":\"DOC\",\"ownerId\":\"carla\","
                        + "\"fullText\":\"quarterly report\",\"originalCreationTime\":\"1700000000000\"}}");
        ok(
                "POST",
                "sharing-management",
                "users/share",
                "{\"entity\":{\"id\":\"doc-1\"},\"permissionType\":{\"id\":\"READ\"},"
                        + "\"ownerId\":[\"bob\"],\"cascade\":\"true\"}");
        assertTrue(ok(
                        "GET",
                        "sharing-management",
                        "entity/user/access?entity.id=doc-1&permission_type.id=READ&owner_id=bob",
                        null)
                .get("status")
                .asBoolean());
        JsonNode found = ok(
                "POST",
                "sharing-management",
                "entities",
                "{\"ownerId\":\"bob\",\"searchCriteria\":"
                        + "[{\"searchField\":\"FULL_TEXT\",\"value\":\"%quarterly%\","
                        + "\"condition\":\"LIKE\"}],\"limit\":\"10\"}");
        assertEquals("doc-1", found.get("entity_array").get(0).get("id").asText(), found.toString());

        String token = ok(
                        "POST",
                        "resource-secret-management",
                        "secret/password",
                        "{\"metadata\":{\"ownerId\":\"carla\"," + "\"clientId\":\"" + TestRealm.TENANT_CLIENT
                                + "\"},\"password\":\"camel-secret-1\"}")
                .get("token")
                .asText();
        assertEquals(
                "camel-secret-1",
                ok("GET", "resource-secret-management", "secret/password?token=" + token, null)
                        .get("password")
                        .asText());
    }

    @Test
    void bodilessCallsTakeTheirFieldsFromTheQuery() {
        ok(
                "POST",
                "user-management",
                "user",
                "{\"username\":\"dora\",\"first_name\":\"D\",\"last_name\":\"Q\"," + "\"email\":\"dora@example.org\"}");
        // DELETE user?username=dora with no body, as the gateway bound the request's fields from the query.
        ok("DELETE", "user-management", "user?username=dora", null);
        assertEquals(null, realm.adminUser("dora"));
        ok("POST", "sharing-management", "entity/type", "{\"entity_type\":{\"id\":\"NOTE\"}}");
        ok("DELETE", "sharing-management", "entity/type?entity_type.id=NOTE", null);
        assertEquals(
                404,
                call("GET", "sharing-management", "entity/type?entity_type.id=NOTE", null)
                        .status());
        // A PUT or POST never reads its fields from the query: credentials do not belong in URLs.
        Http.Reply put = call("PUT", "user-management", "user/password?username=bob&password=in-the-url-1", null);
        assertEquals(400, put.status(), put.toString());
        assertEquals(200, realm.tryPasswordGrant("bob", "bob-password-1").status(), "the password is unchanged");
        Http.Reply wrongType = call("DELETE", "user-management", "user?username=bob&username=carla", null);
        assertEquals(400, wrongType.status(), "two values where one belongs: " + wrongType);
        assertFalse(realm.adminUser("bob") == null, "nothing was deleted");
    }
}
