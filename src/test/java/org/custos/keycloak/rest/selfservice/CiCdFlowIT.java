package org.custos.keycloak.rest.selfservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's CI/CD-user flow against the demo realm, step by step as the README walkthrough runs it with curl:
 * an admin creates the user, the user gets a token from Keycloak with client {@code self-service}, and
 * {@code GET /api/user} registers them in the self-service.
 */
class CiCdFlowIT {

    private static final String REALM = "custos-demo";
    private static AdminApi admin;
    private static String api;

    @BeforeAll
    static void importDemoRealm() throws Exception {
        admin = new AdminApi(KeycloakServer.get());
        admin.deleteRealm(REALM);
        admin.createRealm(
                (ObjectNode) Http.JSON.readTree(Files.readString(Path.of(System.getProperty("custos.demo.realm")))));
        api = admin.baseUrl() + "/realms/" + REALM + "/custos/api";
    }

    @AfterAll
    static void removeDemoRealm() {
        admin.deleteRealm(REALM);
    }

    /** Step 2 of the seed, as written: form-encoded, client_id=self-service, realm=..., grant_type=password. */
    private static Http.Reply seedTokenCall(String username, String password) {
        return Http.request("POST", admin.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/token")
                .form(Map.of(
                        "client_id", "self-service",
                        "username", username,
                        "password", password,
                        "realm", REALM,
                        "grant_type", "password"))
                .send();
    }

    private static Http.Reply me(String accessToken, String realmHeader) {
        Http.Request r = Http.request("GET", api + "/user").auth(Http.bearer(accessToken));
        return (realmHeader == null ? r : r.header("realm", realmHeader)).send();
    }

    @Test
    void theSeedFlowWorksForAUserCreatedInTheAdminConsole() {
        // Step 1: the admin console's "Add user" then "Credentials" (Temporary off) — its admin API calls.
        Http.Reply created = admin.call(
                "POST",
                "/" + REALM + "/users",
                Http.parse(
                        """
                        {"username": "cicd-bot", "enabled": true, "firstName": "Ci", "lastName": "Cd",
                         "email": "cicd-bot@example.org"}"""));
        assertEquals(201, created.status(), created.toString());
        String id = admin.get("/" + REALM + "/users?exact=true&username=cicd-bot")
                .get(0)
                .get("id")
                .asText();
        admin.update(
                "/" + REALM + "/users/" + id + "/reset-password",
                Map.of("type", "password", "value", "cicd-password-1", "temporary", false));

        // Step 2: the seed's token call.
        Http.Reply token = seedTokenCall("cicd-bot", "cicd-password-1");
        assertEquals(200, token.status(), token.toString());
        JsonNode t = token.json();
        for (String field : List.of(
                "access_token",
                "expires_in",
                "refresh_expires_in",
                "refresh_token",
                "token_type",
                "not-before-policy",
                "session_state",
                "scope")) {
            assertTrue(t.has(field), field + " missing: " + t);
        }
        String access = t.get("access_token").asText();

        // Step 3: GET /api/user with the realm header, as the seed sends it.
        Http.Reply first = me(access, REALM);
        assertEquals(200, first.status(), first.toString());
        JsonNode u = first.json();
        assertEquals("Ci", u.get("firstName").asText());
        assertEquals("Cd", u.get("lastName").asText());
        assertTrue(u.get("middleName").isNull());
        assertEquals("cicd-bot@example.org", u.get("emailAddress").get("email").asText());
        assertTrue(u.get("phoneNumber").isNull());
        List<String> roles = new ArrayList<>();
        u.get("roles").forEach(r -> roles.add(r.get("name").asText()));
        assertEquals(List.of("APPLICATION_AUTHOR", "ENVIRONMENT_AUTHOR", "STREAM_AUTHOR"), roles);
        assertEquals(id, u.get("uid").asText());
        assertTrue(u.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"), u.toString());
        assertEquals(u.get("created_at"), u.get("modified_at"));
        assertTrue(u.get("created_by").isNull() && u.get("modified_by").isNull());
        String href = admin.baseUrl() + "/realms/" + REALM + "/custos/api/users/" + id + "{?projection}";
        assertEquals(href, u.at("/_links/self/href").asText());
        assertTrue(u.at("/_links/self/templated").asBoolean());
        assertEquals(
                "URI pointing to current request", u.at("/_links/self/title").asText());
        assertEquals(href, u.at("/_links/user/href").asText());
        assertEquals("A user", u.at("/_links/user/title").asText());

        // Later calls return the same record.
        JsonNode again = me(access, null).json();
        assertEquals(u.get("uid"), again.get("uid"));
        assertEquals(u.get("created_at"), again.get("created_at"));

        // The self link answers for the user themself.
        Http.Reply self = Http.request("GET", api + "/users/" + id)
                .auth(Http.bearer(access))
                .send();
        assertEquals(200, self.status(), self.toString());
        assertEquals(u, self.json());
    }

    /** A user's own registration changes their record only: the realm's user-profile policy stays as it was. */
    @Test
    void registeringLeavesTheRealmsUserProfileAlone() {
        JsonNode before = admin.get("/" + REALM + "/users/profile");
        Http.Reply created = admin.call(
                "POST",
                "/" + REALM + "/users",
                Http.parse(
                        """
                        {"username": "profile-bot", "enabled": true, "email": "profile-bot@example.org",
                         "firstName": "P", "lastName": "B",
                         "credentials": [{"type": "password", "value": "Pb-password-1"}]}"""));
        assertEquals(201, created.status(), created.toString());
        Http.Reply token = seedTokenCall("profile-bot", "Pb-password-1");
        assertEquals(200, token.status(), token.toString());
        Http.Reply me = me(token.json().get("access_token").asText(), null);
        assertEquals(200, me.status(), me.toString());
        assertEquals(
                before.path("unmanagedAttributePolicy"),
                admin.get("/" + REALM + "/users/profile").path("unmanagedAttributePolicy"),
                "the realm's unmanaged-attribute policy is the admin's");
    }

    @Test
    void aUserRegisteredThroughCustosWorksToo() {
        String backend = Http.custosBearer("custos-demo-backend", "custos-demo-backend-secret");
        String users = admin.baseUrl() + "/realms/" + REALM + "/custos/user-management/v1.0.0";
        assertEquals(
                200,
                Http.request("POST", users + "/user")
                        .auth(backend)
                        .jsonBody(
                                """
                                {"username": "cicd-2", "first_name": "Ci", "last_name": "Two",
                                 "email": "cicd-2@example.org", "password": "cicd-password-2",
                                 "temporary_password": false}""")
                        .send()
                        .status());
        assertEquals(
                200,
                Http.request("POST", users + "/user/activation")
                        .auth(backend)
                        .json(Map.of("username", "cicd-2"))
                        .send()
                        .status());
        Http.Reply token = seedTokenCall("cicd-2", "cicd-password-2");
        assertEquals(200, token.status(), token.toString());
        Http.Reply me = me(token.json().get("access_token").asText(), REALM);
        assertEquals(200, me.status(), me.toString());
        assertEquals(3, me.json().get("roles").size(), "new users get the realm's default roles: " + me.body());

        // A user admin (the backend's service account has view-users) can follow the self link.
        Http.Reply asAdmin = Http.request(
                        "GET", api + "/users/" + me.json().get("uid").asText())
                .auth(backend)
                .send();
        assertEquals(200, asAdmin.status(), asAdmin.toString());
    }

    @Test
    void theRealmHeaderMustMatchAndOthersRecordsAreNotOpen() {
        String demo = seedTokenCall("demo-user", "demo-password")
                .json()
                .get("access_token")
                .asText();
        Http.Reply wrongRealm = me(demo, "another-realm");
        assertEquals(400, wrongRealm.status());
        assertTrue(wrongRealm.json().get("error_description").asText().contains("another-realm"));
        assertEquals(401, Http.request("GET", api + "/user").send().status());

        String demoId = me(demo, REALM).json().get("uid").asText();
        assertEquals(
                201,
                admin.call(
                                "POST",
                                "/" + REALM + "/users",
                                Http.parse(
                                        """
                                        {"username": "nosy", "enabled": true, "firstName": "No", "lastName": "Sy",
                                         "email": "nosy@example.org",
                                         "credentials":
                                           [{"type": "password", "value": "nosy-password", "temporary": false}]}"""))
                        .status());
        Http.Reply other = Http.request("GET", api + "/users/" + demoId)
                .auth(Http.bearer(seedTokenCall("nosy", "nosy-password")
                        .json()
                        .get("access_token")
                        .asText()))
                .send();
        assertEquals(403, other.status(), "a plain user may not read another user's record: " + other);
        String backend = Http.custosBearer("custos-demo-backend", "custos-demo-backend-secret");
        assertEquals(
                404,
                Http.request("GET", api + "/users/no-such-uid")
                        .auth(backend)
                        .send()
                        .status());
    }
}
