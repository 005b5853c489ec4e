package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets belong to their owner's user id, and a value a user writes is theirs: the client that merely created the
 * row does not read it, a new user who takes an old username inherits nothing, and the power role that opens every
 * secret is granted only by callers who hold it.
 */
class SecretAccessIT {

    private static final String SERVICE = "resource-secret-management";
    private static final String PASSWORD = "secret-access-password-1";
    private static TestRealm realm;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "secret-access", rep -> {
            rep.put("editUsernameAllowed", true);
            rep.putObject("roles").set("realm", Http.JSON.valueToTree(List.of(Map.of("name", "custos-secrets-admin"))));
            for (String u : List.of("pat", "sam")) {
                rep.withArray("users").add(Http.JSON.valueToTree(user(u)));
            }
        });
    }

    private static Map<String, Object> user(String name) {
        return TestRealm.user(name, PASSWORD);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static Http.Request tenant(String method, String path) {
        return Http.request(method, realm.custos(SERVICE, path)).auth(realm.tenantAuth());
    }

    private static Http.Request as(String token, String method, String path) {
        return Http.request(method, realm.custos(SERVICE, path)).auth(Http.bearer(token));
    }

    @Test
    void aClientThatCreatedTheRowDoesNotReadWhatTheUserWrote() {
        assertEquals(
                200,
                tenant("POST", "secret/kv")
                        .json(Map.of("metadata", Map.of("owner_id", "pat"), "key", "api", "value", "from-the-client"))
                        .send()
                        .status());
        assertEquals(
                "from-the-client",
                tenant("GET", "secret/kv?key=api&metadata.owner_id=pat")
                        .send()
                        .json()
                        .get("value")
                        .asText());

        String pat = realm.accessToken("pat", PASSWORD);
        assertEquals(
                200,
                as(pat, "PUT", "secret/kv")
                        .json(Map.of("key", "api", "value", "pats-own"))
                        .send()
                        .status());

        Http.Reply client =
                tenant("GET", "secret/kv?key=api&metadata.owner_id=pat").send();
        assertEquals(404, client.status(), client.toString());
        assertEquals(
                404,
                tenant("PUT", "secret/kv")
                        .json(Map.of("metadata", Map.of("owner_id", "pat"), "key", "api", "value", "overwritten"))
                        .send()
                        .status());
        assertEquals(
                "pats-own",
                as(pat, "GET", "secret/kv?key=api").send().json().get("value").asText());
        // The client acting with pat's own token is pat.
        assertEquals(
                "pats-own",
                tenant("GET", "secret/kv?key=api")
                        .header("user-token", pat)
                        .send()
                        .json()
                        .get("value")
                        .asText());
    }

    @Test
    void aNewUserWithAnOldUsernameInheritsNoSecrets() {
        String sam = realm.accessToken("sam", PASSWORD);
        assertEquals(
                200,
                as(sam, "POST", "secret/kv")
                        .json(Map.of("key", "ssh", "value", "sams-key"))
                        .send()
                        .status());
        com.fasterxml.jackson.databind.node.ObjectNode rep =
                (com.fasterxml.jackson.databind.node.ObjectNode) realm.adminUser("sam");
        rep.put("username", "sam-renamed");
        realm.admin().update("/" + realm.name() + "/users/" + rep.get("id").asText(), rep);
        Map<String, Object> newcomer = user("sam");
        newcomer.put("email", "another-sam@example.org");
        Http.Reply created = realm.admin().call("POST", "/" + realm.name() + "/users", newcomer);
        assertEquals(201, created.status(), created.toString());

        String impostor = realm.accessToken("sam", PASSWORD);
        assertEquals(404, as(impostor, "GET", "secret/kv?key=ssh").send().status());
        String renamed = realm.accessToken("sam-renamed", PASSWORD);
        assertEquals(
                "sams-key",
                as(renamed, "GET", "secret/kv?key=ssh")
                        .send()
                        .json()
                        .get("value")
                        .asText());
    }

    @Test
    void onlyAHolderGrantsTheSecretsAdminRole() {
        Http.Reply r = Http.request("POST", realm.custos("user-management", "users/roles"))
                .auth(realm.tenantAuth())
                .json(Map.of("usernames", List.of("pat"), "roles", List.of("custos-secrets-admin")))
                .send();
        assertEquals(403, r.status(), r.toString());
        assertEquals(
                java.util.Set.of(),
                realm.realmRoleNames("pat").stream()
                        .filter(n -> n.equals("custos-secrets-admin"))
                        .collect(java.util.stream.Collectors.toSet()));
    }

    /** A new client that takes a deleted client's id does not inherit what the old one wrote. */
    @Test
    void aRecreatedClientIdInheritsNothing() {
        AdminApi admin = realm.admin();
        JsonNode client = Http.parse(
                """
                {"clientId": "gateway", "publicClient": false, "secret": "gateway-secret-1",
                 "serviceAccountsEnabled": true}""");
        gatewayThatViewsUsers(client);
        String gateway = Http.custosBearer("gateway", "gateway-secret-1");
        assertEquals(
                200,
                Http.request("POST", realm.custos(SERVICE, "secret/kv"))
                        .auth(gateway)
                        .json(Map.of("metadata", Map.of("owner_id", "pat"), "key", "gw", "value", "gateway-wrote"))
                        .send()
                        .status());
        assertEquals(
                200,
                Http.request("GET", realm.custos(SERVICE, "secret/kv?key=gw&metadata.owner_id=pat"))
                        .auth(gateway)
                        .send()
                        .status());
        String id = admin.get("/" + realm.name() + "/clients?clientId=gateway")
                .get(0)
                .get("id")
                .asText();
        assertEquals(
                204,
                admin.call("DELETE", "/" + realm.name() + "/clients/" + id, null)
                        .status());
        gatewayThatViewsUsers(client);
        Http.Reply read = Http.request("GET", realm.custos(SERVICE, "secret/kv?key=gw&metadata.owner_id=pat"))
                .auth(gateway)
                .send();
        assertEquals(404, read.status(), read.toString());
    }

    /** Creates the client and gives its service account view-users (a gateway acts for the users it can see). */
    private static void gatewayThatViewsUsers(JsonNode client) {
        AdminApi admin = realm.admin();
        String r = "/" + realm.name();
        assertEquals(201, admin.call("POST", r + "/clients", client).status());
        String id = admin.get(r + "/clients?clientId=" + client.get("clientId").asText())
                .get(0)
                .get("id")
                .asText();
        String account = admin.get(r + "/clients/" + id + "/service-account-user")
                .get("id")
                .asText();
        String rm = admin.get(r + "/clients?clientId=realm-management")
                .get(0)
                .get("id")
                .asText();
        assertEquals(
                204,
                admin.call(
                                "POST",
                                r + "/users/" + account + "/role-mappings/clients/" + rm,
                                List.of(admin.get(r + "/clients/" + rm + "/roles/view-users")))
                        .status());
    }

    /**
     * Keycloak lets a user-admin map any plain realm role, ours included, through its own admin API; the role alone
     * opens no secret: a secrets admin also needs manage-realm, which a user-admin cannot hand out.
     */
    @Test
    void aUserAdminWhoGivesItselfTheSecretsRoleInKeycloakReadsNothing() {
        String pat = realm.accessToken("pat", PASSWORD);
        assertEquals(
                200,
                as(pat, "POST", "secret/kv")
                        .json(Map.of("key", "pin", "value", "pats-pin"))
                        .send()
                        .status());
        AdminApi admin = realm.admin();
        String r = "/" + realm.name();
        String rm = admin.get(r + "/clients?clientId=realm-management")
                .get(0)
                .get("id")
                .asText();
        String helpdesk = "helpdesk";
        Map<String, Object> rep = user(helpdesk);
        assertEquals(201, admin.call("POST", r + "/users", rep).status());
        String id = realm.adminUser(helpdesk).get("id").asText();
        assertEquals(
                204,
                admin.call(
                                "POST",
                                r + "/users/" + id + "/role-mappings/clients/" + rm,
                                List.of(admin.get(r + "/clients/" + rm + "/roles/manage-users")))
                        .status());
        String helpdeskToken = realm.accessToken(helpdesk, PASSWORD);
        Http.Reply self = Http.request(
                        "POST", admin.baseUrl() + "/admin/realms" + r + "/users/" + id + "/role-mappings/realm")
                .auth(Http.bearer(helpdeskToken))
                .json(List.of(admin.get(r + "/roles/custos-secrets-admin")))
                .send();
        assertEquals(204, self.status(), "Keycloak's admin API lets a user-admin map the plain role: " + self);
        String fresh = realm.accessToken(helpdesk, PASSWORD);
        Http.Reply read =
                as(fresh, "GET", "secret/kv?key=pin&metadata.owner_id=pat").send();
        assertEquals(403, read.status(), read.toString());
        String token =
                as(pat, "GET", "secret/kv?key=pin").send().json().get("token").asText();
        Http.Reply summaries =
                as(fresh, "GET", "secret/summaries?accessible_tokens=" + token).send();
        assertEquals(200, summaries.status(), summaries.toString());
        assertEquals(0, summaries.json().get("metadata").size(), summaries.toString());
    }

    /** A client with no user rights neither plants secrets for users nor probes usernames. */
    @Test
    void aRolelessClientActsForNoUser() {
        String client = Http.custosBearer(TestRealm.NO_DIRECT_GRANT_CLIENT, TestRealm.NO_DIRECT_GRANT_SECRET);
        for (String owner : List.of("pat", "nobody-at-all")) {
            Http.Reply r = Http.request("POST", realm.custos(SERVICE, "secret/kv"))
                    .auth(client)
                    .json(Map.of("metadata", Map.of("owner_id", owner), "key", "planted", "value", "x"))
                    .send();
            assertEquals(403, r.status(), r.toString());
        }
    }
}
