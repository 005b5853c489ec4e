package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
 * Custos client credentials are checked as Keycloak's token endpoint checks the same client: its configured
 * authenticator, secret expiry, vault references. Each case is also sent to Keycloak's own token endpoint, and
 * both must agree.
 */
class ClientAuthenticationIT {

    private static TestRealm realm;

    @BeforeAll
    static void setUp() throws Exception {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        long past = System.currentTimeMillis() / 1000 - 3600;
        realm = TestRealm.create(admin, "clientauth", rep -> {
            rep.withArray("clients")
                    .add(
                            Http.parse(
                                    """
                                    {"clientId": "jwt-client", "publicClient": false,
                                     "clientAuthenticatorType": "client-jwt", "secret": "old-secret",
                                     "serviceAccountsEnabled": true}"""));
            rep.withArray("clients")
                    .add(Http.parse(
                            """
                            {"clientId": "expired", "publicClient": false, "secret": "expired-secret",
                             "serviceAccountsEnabled": true, "attributes": {"client.secret.expiration.time": "%s"}}"""
                                    .formatted(past)));
            rep.withArray("clients")
                    .add(
                            Http.parse(
                                    """
                                    {"clientId": "vaulted", "publicClient": false, "secret": "${vault.vaultedsecret}",
                                     "serviceAccountsEnabled": true}"""));
            rep.withArray("clients")
                    .add(
                            Http.parse(
                                    """
                                    {"clientId": "no-sa", "publicClient": false, "secret": "no-sa-secret",
                                     "serviceAccountsEnabled": false}"""));
        });
        Files.writeString(KeycloakServer.vaultDir().resolve(realm.name() + "_vaultedsecret"), "from-the-vault");
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    /** A Custos call that any authenticated client may make: the client's own view of its tokens' user. */
    private static Http.Reply custos(String clientId, String secret) {
        return Http.request("POST", realm.custos("identity-management", "token"))
                .auth(Http.custosBearer(clientId, secret))
                .json(Map.of("grant_type", "client_credentials"))
                .send();
    }

    private static int nativeClientCredentials(String clientId, String secret) {
        return Http.request("POST", realm.realmUrl() + "/protocol/openid-connect/token")
                .form(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret))
                .send()
                .status();
    }

    @Test
    void aSignedJwtClientIsRefusedItsOldSecretAndToldWhatItNeeds() {
        Http.Reply r = custos("jwt-client", "old-secret");
        assertEquals(401, r.status(), r.toString());
        assertEquals("invalid_client", r.json().get("error").asText());
        assertTrue(r.json().get("error_description").asText().contains("client-jwt"), r.toString());
        assertTrue(nativeClientCredentials("jwt-client", "old-secret") >= 400);
    }

    @Test
    void anExpiredSecretIsRefused() {
        Http.Reply r = custos("expired", "expired-secret");
        assertEquals(401, r.status(), r.toString());
        assertEquals(
                "invalid client credentials", r.json().get("error_description").asText());
        assertTrue(nativeClientCredentials("expired", "expired-secret") >= 400);
    }

    @Test
    void aVaultReferencedSecretIsResolvedNotComparedAsText() {
        assertEquals(200, nativeClientCredentials("vaulted", "from-the-vault"));
        Http.Reply ok = custos("vaulted", "from-the-vault");
        assertEquals(200, ok.status(), ok.toString());
        assertNotNull(ok.json().get("access_token"));
        assertEquals(401, custos("vaulted", "${vault.vaultedsecret}").status());
    }

    @Test
    void publicAndUnknownClientsAndWrongSecretsGetOneAnswer() {
        for (Http.Reply r : List.of(
                custos(TestRealm.PUBLIC_CLIENT, "anything"),
                custos("nobody", "x"),
                custos(TestRealm.TENANT_CLIENT, "wrong"))) {
            assertEquals(401, r.status(), r.toString());
            assertEquals(
                    "invalid client credentials",
                    r.json().get("error_description").asText());
        }
        assertEquals(200, custos(TestRealm.TENANT_CLIENT, realm.tenantSecret()).status());
    }

    /** A client without a service account has no one to act as: changes are refused, not a server error. */
    @Test
    void aClientWithoutServiceAccountIsRefusedChangesNotAServerError() {
        Http.Reply r = Http.request("POST", realm.custos("resource-secret-management", "secret/kv"))
                .auth(Http.custosBearer("no-sa", "no-sa-secret"))
                .json(Map.of("metadata", Map.of("owner_id", TestRealm.USER), "key", "k1", "value", "v1"))
                .send();
        assertEquals(403, r.status(), r.toString());
        Http.Reply read = Http.request("GET", realm.custos("resource-secret-management", "secret/kv?key=k1"))
                .auth(Http.bearer(realm.userAccessToken()))
                .send();
        assertEquals(404, read.status(), "nothing was stored: " + read);
        Http.Reply users = Http.request("GET", realm.custos("user-management", "users"))
                .auth(Http.custosBearer("no-sa", "no-sa-secret"))
                .send();
        assertEquals(403, users.status(), users.toString());
    }

    /**
     * Secret rotation by Keycloak's own client policy: the rotated-out secret still authenticates while Keycloak
     * accepts it, but it no longer reads the client's credentials — only the current secret does.
     */
    @Test
    void aRotatedOutSecretAuthenticatesButDoesNotReadTheNewOne() {
        AdminApi admin = realm.admin();
        String r = "/" + realm.name();
        assertEquals(
                201,
                admin.call(
                                "POST",
                                r + "/clients",
                                Http.parse(
                                        """
                                        {"clientId": "rotating", "publicClient": false, "secret": "first-secret",
                                         "serviceAccountsEnabled": true}"""))
                        .status());
        admin.update(
                r + "/client-policies/profiles",
                Http.parse(
                        """
                        {"profiles": [{"name": "rotate", "executors": [{"executor": "secret-rotation", "configuration":
                          {"expiration-period": 3600, "rotated-expiration-period": 600,
                           "remaining-rotation-period": 3600}}]}]}"""));
        admin.update(
                r + "/client-policies/policies",
                Http.parse(
                        """
                        {"policies": [{"name": "rotate-all", "enabled": true,
                                       "conditions": [{"condition": "any-client", "configuration": {}}],
                                       "profiles": ["rotate"]}]}"""));
        String id = admin.get(r + "/clients?clientId=rotating").get(0).get("id").asText();
        Http.Reply regenerated = admin.call("POST", r + "/clients/" + id + "/client-secret", null);
        // The policy was needed for the regeneration to keep the old secret; the other tests need no policy.
        admin.update(r + "/client-policies/policies", Map.of("policies", List.of()));
        assertEquals(200, regenerated.status(), regenerated.toString());
        String second = regenerated.json().get("value").asText();

        assertEquals(200, nativeClientCredentials("rotating", "first-secret"), "Keycloak accepts the rotated secret");
        assertEquals(200, custos("rotating", "first-secret").status());
        Http.Reply withOld = Http.request("GET", realm.custos("identity-management", "credentials"))
                .auth(Http.custosBearer("rotating", "first-secret"))
                .send();
        assertEquals(403, withOld.status(), withOld.toString());
        assertTrue(!withOld.body().contains(second));
        Http.Reply withNew = Http.request("GET", realm.custos("identity-management", "credentials"))
                .auth(Http.custosBearer("rotating", second))
                .send();
        assertEquals(200, withNew.status(), withNew.toString());
        assertEquals(second, withNew.json().get("custos_client_secret").asText());
    }
}
