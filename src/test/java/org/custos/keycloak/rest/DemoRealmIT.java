package org.custos.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.DemoRealm;
import org.custos.keycloak.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo realm the run command imports, and the seed's identity curl lines run against it as written
 * (base URL changed only): the same JSON bodies, headers and query parameters.
 */
class DemoRealmIT {

    private static final String REALM = DemoRealm.NAME;
    private static final String CLIENT = DemoRealm.CLIENT;
    private static final String SECRET = DemoRealm.SECRET;
    private static AdminApi admin;
    private static String base;

    @BeforeAll
    static void importDemoRealm() throws Exception {
        admin = DemoRealm.importFresh();
        base = admin.baseUrl() + "/realms/" + REALM + "/custos/identity-management/v1.0.0";
    }

    @AfterAll
    static void removeDemoRealm() {
        admin.deleteRealm(REALM);
    }

    private static String clientAuth() {
        return Http.custosBearer(CLIENT, SECRET);
    }

    @Test
    void theSeedsIdentityCurlLinesWorkAsWritten() {
        Http.Reply config = Http.request("GET", base + "/.well-known/openid-configuration?client_id=" + CLIENT)
                .auth(clientAuth())
                .send();
        assertEquals(200, config.status(), config.toString());

        Http.Reply token = Http.request("POST", base + "/token")
                .auth(clientAuth())
                .json("{\n\"username\":\"demo-user\",\n\"password\":\"demo-password\",\n\"grant_type\":\"password\"\n}")
                .send();
        assertEquals(200, token.status(), token.toString());
        String refresh = token.json().get("refresh_token").asText();

        Http.Reply renewed = Http.request("POST", base + "/token")
                .auth(clientAuth())
                .json(Map.of("grant_type", "refresh_token", "refresh_token", refresh))
                .send();
        assertEquals(200, renewed.status(), renewed.toString());
        refresh = renewed.json().get("refresh_token").asText();

        Http.Reply credentials = Http.request("GET", base + "/credentials?client_id=" + CLIENT)
                .auth(clientAuth())
                .send();
        assertEquals(200, credentials.status(), credentials.toString());
        assertEquals(CLIENT, credentials.json().get("custos_client_id").asText());

        Http.Reply logout = Http.request("POST", base + "/user/logout")
                .auth(clientAuth())
                .json("{\n\"refresh_token\":\"" + refresh + "\",\n\"grant_type\":\"refresh_token\"\n}")
                .send();
        assertEquals(200, logout.status(), logout.toString());
        assertTrue(logout.json().get("status").asBoolean());
    }

    @Test
    void theCiCdSeedsNativeTokenCallWorksWithTheSelfServiceClient() {
        Http.Reply r = Http.request("POST", admin.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/token")
                .form(Map.of(
                        "client_id", "self-service",
                        "username", "demo-user",
                        "password", "demo-password",
                        "realm", REALM,
                        "grant_type", "password"))
                .send();
        assertEquals(200, r.status(), r.toString());
        JsonNode t = r.json();
        assertTrue(t.has("access_token") && t.has("refresh_token") && t.has("session_state"), t.toString());
        assertEquals("bearer", t.get("token_type").asText().toLowerCase());

        Http.Reply me = Http.request("GET", base + "/user")
                .auth(Http.bearer(t.get("access_token").asText()))
                .send();
        assertEquals(200, me.status(), me.toString());
        assertEquals("demo-user", me.json().get("username").asText());
        assertEquals("self-service", me.json().get("client_id").asText());
    }

    @Test
    void theSampleCustosDataImportsIntoTheDemoRealmAndIsShared() throws Exception {
        // The file run.sh puts beside the realm for Keycloak's import; here through the admin endpoint it shares.
        java.nio.file.Path file =
                java.nio.file.Path.of(System.getProperty("custos.demo.realm")).resolveSibling(REALM + ".custos-bundle");
        Http.Reply imported =
                admin.call("POST", "/" + REALM + "/custos/bundle", Http.parse(java.nio.file.Files.readString(file)));
        assertEquals(200, imported.status(), imported.toString());
        assertEquals(0, imported.json().get("problems").size(), imported.toString());
        String sharing = admin.baseUrl() + "/realms/" + REALM + "/custos/sharing-management/v1.0.0";
        Http.Reply check = Http.request(
                        "GET",
                        sharing + "/entity/user/access?entity.id=demo-dataset&permission_type.id=READ"
                                + "&owner_id=demo-user")
                .auth(clientAuth())
                .send();
        assertEquals(200, check.status(), check.toString());
        assertTrue(check.json().get("status").asBoolean(), "demo-user reads the dataset through demo-lab's share");
    }

    @Test
    void theBackendServiceAccountHoldsTheDocumentedRoles() {
        String id = admin.get("/" + REALM + "/clients?clientId=" + CLIENT)
                .get(0)
                .get("id")
                .asText();
        String user = admin.get("/" + REALM + "/clients/" + id + "/service-account-user")
                .get("id")
                .asText();
        String rm = admin.get("/" + REALM + "/clients?clientId=realm-management")
                .get(0)
                .get("id")
                .asText();
        JsonNode roles = admin.get("/" + REALM + "/users/" + user + "/role-mappings/clients/" + rm);
        java.util.Set<String> names = new java.util.TreeSet<>();
        roles.forEach(role -> names.add(role.get("name").asText()));
        assertEquals(
                new java.util.TreeSet<>(java.util.List.of(
                        "view-users",
                        "manage-users",
                        "query-users",
                        "query-groups",
                        "view-clients",
                        "view-events",
                        "manage-events",
                        "manage-authorization")),
                names);
    }
}
