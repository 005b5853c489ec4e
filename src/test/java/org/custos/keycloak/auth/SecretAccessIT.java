package org.custos.keycloak.auth;

import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        return new HashMap<>(Map.of("username", name, "enabled", true, "email", name + "@example.org",
                "firstName", name, "lastName", "Test",
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
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
        assertEquals(200, tenant("POST", "secret/kv").json(Map.of("metadata", Map.of("owner_id", "pat"),
                "key", "api", "value", "from-the-client")).send().status());
        assertEquals("from-the-client", tenant("GET", "secret/kv?key=api&metadata.owner_id=pat").send().json()
                .get("value").asText());

        String pat = realm.accessToken("pat", PASSWORD);
        assertEquals(200, as(pat, "PUT", "secret/kv").json(Map.of("key", "api", "value", "pats-own")).send().status());

        Http.Reply client = tenant("GET", "secret/kv?key=api&metadata.owner_id=pat").send();
        assertEquals(404, client.status(), client.toString());
        assertEquals(404, tenant("PUT", "secret/kv").json(Map.of("metadata", Map.of("owner_id", "pat"),
                "key", "api", "value", "overwritten")).send().status());
        assertEquals("pats-own", as(pat, "GET", "secret/kv?key=api").send().json().get("value").asText());
        // The client acting with pat's own token is pat.
        assertEquals("pats-own", tenant("GET", "secret/kv?key=api").header("user-token", pat).send().json()
                .get("value").asText());
    }

    @Test
    void aNewUserWithAnOldUsernameInheritsNoSecrets() {
        String sam = realm.accessToken("sam", PASSWORD);
        assertEquals(200, as(sam, "POST", "secret/kv").json(Map.of("key", "ssh", "value", "sams-key")).send().status());
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
        assertEquals("sams-key", as(renamed, "GET", "secret/kv?key=ssh").send().json().get("value").asText());
    }

    @Test
    void onlyAHolderGrantsTheSecretsAdminRole() {
        Http.Reply r = Http.request("POST", realm.custos("user-management", "users/roles")).auth(realm.tenantAuth())
                .json(Map.of("usernames", List.of("pat"), "roles", List.of("custos-secrets-admin"))).send();
        assertEquals(403, r.status(), r.toString());
        assertEquals(java.util.Set.of(), realm.realmRoleNames("pat").stream()
                .filter(n -> n.equals("custos-secrets-admin")).collect(java.util.stream.Collectors.toSet()));
    }

    /** A new client that takes a deleted client's id does not inherit what the old one wrote. */
    @Test
    void aRecreatedClientIdInheritsNothing() {
        AdminApi admin = realm.admin();
        Map<String, Object> client = Map.of("clientId", "gateway", "publicClient", false, "secret", "gateway-secret-1",
                "serviceAccountsEnabled", true);
        assertEquals(201, admin.call("POST", "/" + realm.name() + "/clients", client).status());
        String gateway = Http.custosBearer("gateway", "gateway-secret-1");
        assertEquals(200, Http.request("POST", realm.custos(SERVICE, "secret/kv")).auth(gateway)
                .json(Map.of("metadata", Map.of("owner_id", "pat"), "key", "gw", "value", "gateway-wrote")).send().status());
        assertEquals(200, Http.request("GET", realm.custos(SERVICE, "secret/kv?key=gw&metadata.owner_id=pat"))
                .auth(gateway).send().status());
        String id = admin.get("/" + realm.name() + "/clients?clientId=gateway").get(0).get("id").asText();
        assertEquals(204, admin.call("DELETE", "/" + realm.name() + "/clients/" + id, null).status());
        assertEquals(201, admin.call("POST", "/" + realm.name() + "/clients", client).status());
        Http.Reply read = Http.request("GET", realm.custos(SERVICE, "secret/kv?key=gw&metadata.owner_id=pat"))
                .auth(gateway).send();
        assertEquals(404, read.status(), read.toString());
    }
}
