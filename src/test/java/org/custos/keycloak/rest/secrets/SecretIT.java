package org.custos.keycloak.rest.secrets;

import static org.custos.keycloak.testing.TestRealm.NO_DIRECT_GRANT_CLIENT;
import static org.custos.keycloak.testing.TestRealm.NO_DIRECT_GRANT_SECRET;
import static org.custos.keycloak.testing.TestRealm.TENANT_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resource secrets against a real Keycloak: every seed row, who may read what, rotation, and no plaintext leaks. */
class SecretIT {

    private static final String SERVICE = "resource-secret-management";
    /** Every plaintext this class writes; none may ever show up in the server log. */
    private static final List<String> PLAINTEXTS = new ArrayList<>();

    private static TestRealm realm;
    private static TestRealm otherRealm;
    private static String alice;
    private static String bob;
    private static String root;

    @BeforeAll
    static void setUp() {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(admin, "secrets", rep -> {
            rep.putObject("roles").set("realm", Http.JSON.valueToTree(List.of(Map.of("name", "custos-secrets-admin"))));
            rep.withArray("users")
                    .add(
                            Http.parse(
                                    """
                                    {"username": "bob", "enabled": true, "email": "bob@example.org",
                                     "firstName": "Bob", "lastName": "B",
                                     "credentials":
                                       [{"type": "password", "value": "bob-password-1", "temporary": false}]}"""));
            rep.withArray("users")
                    .add(
                            Http.parse(
                                    """
                                    {"username": "root", "enabled": true, "email": "root@example.org",
                                     "firstName": "Root", "lastName": "R", "realmRoles": ["custos-secrets-admin"],
                                     "clientRoles": {"realm-management": ["manage-realm"]},
                                     "credentials":
                                       [{"type": "password", "value": "root-password-1", "temporary": false}]}"""));
        });
        otherRealm = TestRealm.create(admin, "secrets-other");
        alice = realm.userAccessToken();
        bob = realm.accessToken("bob", "bob-password-1");
        root = realm.accessToken("root", "root-password-1");
    }

    @AfterAll
    static void noPlaintextInTheServerLog() throws Exception {
        try {
            Path log = KeycloakServer.logFile();
            if (log != null) {
                String text = Files.readString(log);
                for (String plaintext : PLAINTEXTS) {
                    assertFalse(text.contains(plaintext), "a secret value reached the server log");
                }
            }
        } finally {
            realm.close();
            otherRealm.close();
        }
    }

    private static String plaintext(String label) {
        String value = label + "-" + UUID.randomUUID();
        PLAINTEXTS.add(value);
        return value;
    }

    private static Http.Request tenant(String method, String path) {
        return Http.request(method, realm.custos(SERVICE, path)).auth(realm.tenantAuth());
    }

    private static Map<String, Object> metadata(String owner) {
        return Map.of(
                "client_id", TENANT_CLIENT, "owner_id", owner, "description", "Admin user SSH for Gateway phasta");
    }

    private static String savePassword(String owner, String password) {
        Http.Reply r = tenant("POST", "secret/password")
                .json(Map.of("metadata", metadata(owner), "password", password))
                .send();
        assertEquals(200, r.status(), r.toString());
        return r.json().get("token").asText();
    }

    @Test
    void jwksIsTheRealmsOwnPublicKeySetAndPublic() {
        Http.Reply ours = Http.request("GET", realm.custos(SERVICE, "openid-connect/certs"))
                .send();
        Http.Reply keycloaks = Http.request("GET", realm.realmUrl() + "/protocol/openid-connect/certs")
                .send();
        assertEquals(200, ours.status());
        Set<String> a = new TreeSet<>();
        Set<String> b = new TreeSet<>();
        ours.json().get("keys").forEach(k -> a.add(k.get("kid").asText()));
        keycloaks.json().get("keys").forEach(k -> b.add(k.get("kid").asText()));
        assertFalse(a.isEmpty());
        assertEquals(b, a);
    }

    @Test
    void sshCredentialsAreGeneratedReadAndDeleted() {
        Http.Reply created = tenant("POST", "secret/ssh")
                .json(Map.of("metadata", metadata("alice")))
                .send();
        assertEquals(200, created.status(), created.toString());
        String token = created.json().get("token").asText();
        assertTrue(token.length() >= 43, "at least 256 random bits: " + token);
        JsonNode ssh = tenant("GET", "secret/ssh?token=" + token).send().json();
        assertTrue(ssh.get("public_key").asText().startsWith("ssh-rsa AAAA"));
        String privateKey = ssh.get("private_key").asText();
        assertTrue(privateKey.contains("BEGIN RSA PRIVATE KEY") && privateKey.contains("ENCRYPTED"), privateKey);
        PLAINTEXTS.add(
                privateKey.lines().filter(l -> l.length() == 64).findFirst().orElseThrow());
        PLAINTEXTS.add(ssh.get("passphrase").asText());
        JsonNode md = ssh.get("metadata");
        assertEquals("SSH", md.get("type").asText());
        assertEquals("alice", md.get("owner_id").asText());
        assertEquals(token, md.get("token").asText());
        assertEquals(TENANT_CLIENT, md.get("client_id").asText());
        assertEquals("", md.get("value").asText());
        assertEquals(
                200,
                Http.request("DELETE", realm.custos(SERVICE, "secret/ssh?token=" + token))
                        .auth(realm.tenantAuth())
                        .send()
                        .status());
        assertEquals(404, tenant("GET", "secret/ssh?token=" + token).send().status());
    }

    @Test
    void aSuppliedSshKeyPairIsKeptAsGiven() {
        String privateKey = plaintext("-----BEGIN OPENSSH PRIVATE KEY-----supplied");
        String token = tenant("POST", "secret/ssh")
                .json(Map.ofEntries(
                        Map.entry("metadata", metadata("alice")),
                        Map.entry("public_key", "ssh-ed25519 AAAAC3 test"),
                        Map.entry("private_key", privateKey),
                        Map.entry("passphrase", "")))
                .send()
                .json()
                .get("token")
                .asText();
        JsonNode ssh = tenant("GET", "secret/ssh?token=" + token).send().json();
        assertEquals("ssh-ed25519 AAAAC3 test", ssh.get("public_key").asText());
        assertEquals(privateKey, ssh.get("private_key").asText());
    }

    @Test
    void passwordsAreSavedReadAndDeleted() {
        String password = plaintext("passwordToBeSaved");
        String token = savePassword("alice", password);
        JsonNode read = tenant("GET", "secret/password?client_id=" + TENANT_CLIENT + "&token=" + token)
                .send()
                .json();
        assertEquals(password, read.get("password").asText());
        assertEquals("PASSWORD", read.get("metadata").get("type").asText());
        assertEquals(
                200,
                tenant("DELETE", "secret/password?client_id=" + TENANT_CLIENT + "&token=" + token)
                        .send()
                        .status());
        assertEquals(404, tenant("GET", "secret/password?token=" + token).send().status());
    }

    @Test
    void certificatesAreGeneratedWhenNoneIsSuppliedAndKeptWhenOneIs() {
        Http.Reply generated = tenant("POST", "secret/certificate")
                .json(Map.of("metadata", metadata("alice")))
                .send();
        assertEquals(200, generated.status(), generated.toString());
        JsonNode cert = tenant(
                        "GET",
                        "secret/certificate?token="
                                + generated.json().get("token").asText())
                .send()
                .json();
        String pem = cert.get("x509_cert").asText();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
        assertTrue(cert.get("private_key").asText().startsWith("-----BEGIN PRIVATE KEY-----"));
        PLAINTEXTS.add(cert.get("private_key")
                .asText()
                .lines()
                .filter(l -> l.length() == 64)
                .findFirst()
                .orElseThrow());
        long day = 24L * 3600 * 1000;
        assertTrue(
                Math.abs(cert.get("life_time").asLong() - 365 * day) < day,
                cert.get("life_time").toString());
        assertTrue(
                cert.get("not_after").asText().compareTo(cert.get("not_before").asText()) > 0);

        Http.Reply supplied = tenant("POST", "secret/certificate")
                .json(Map.of("metadata", metadata("alice"), "x509_cert", pem))
                .send();
        assertEquals(200, supplied.status());
        assertEquals(
                pem,
                tenant(
                                "GET",
                                "secret/certificate?token="
                                        + supplied.json().get("token").asText())
                        .send()
                        .json()
                        .get("x509_cert")
                        .asText());
        Http.Reply bad = tenant("POST", "secret/certificate")
                .json(Map.of("metadata", metadata("alice"), "x509_cert", "not a cert"))
                .send();
        assertEquals(400, bad.status());
    }

    @Test
    void summariesCarryMetadataOnly() {
        String password = plaintext("summarised");
        String token = savePassword("alice", password);
        Http.Reply listed = tenant(
                        "GET",
                        "secret/summaries?client_id=" + TENANT_CLIENT + "&accessible_tokens=" + token
                                + "&accessible_tokens=unknown-token")
                .send();
        assertEquals(200, listed.status(), listed.toString());
        assertEquals(1, listed.json().get("metadata").size());
        assertFalse(listed.body().contains(password), "summaries never carry values");
        Http.Reply all = tenant("GET", "secret/summaries").send();
        assertTrue(all.body().contains(token), "with no tokens listed: all of the caller's secrets");
        assertFalse(all.body().contains(password));
    }

    @Test
    void kvSecretsBelongToTheUserOfTheUserToken() {
        String key = "vault_key-" + UUID.randomUUID().toString().substring(0, 6);
        String value = plaintext("axsdcfvgbhnhnhnhJKNM");
        Http.Reply set = tenant("POST", "secret/kv")
                .header("user-token", alice)
                .jsonBody(
                        """
                        {"metadata": {"client_id": "%s", "description": "sample key"}, "key": "%s", "value": "%s"}"""
                                .formatted(TENANT_CLIENT, key, value))
                .send();
        assertEquals(200, set.status(), set.toString());
        assertEquals(
                409,
                tenant("POST", "secret/kv")
                        .header("user-token", alice)
                        .json(Map.of("metadata", Map.of("client_id", TENANT_CLIENT), "key", key, "value", "x"))
                        .send()
                        .status());

        JsonNode got = tenant("GET", "secret/kv?metadata.client_id=" + TENANT_CLIENT + "&key=" + key)
                .header("user-token", alice)
                .send()
                .json();
        assertEquals(value, got.get("value").asText());
        assertEquals("alice", got.get("metadata").get("owner_id").asText());
        assertEquals("KV", got.get("metadata").get("type").asText());
        // alice with her own token sees the same secret; bob does not (404, as if it did not exist).
        assertEquals(
                200,
                Http.request("GET", realm.custos(SERVICE, "secret/kv?key=" + key))
                        .auth(Http.bearer(alice))
                        .send()
                        .status());
        assertEquals(
                404,
                Http.request("GET", realm.custos(SERVICE, "secret/kv?key=" + key))
                        .auth(Http.bearer(bob))
                        .send()
                        .status());
        assertEquals(
                404,
                Http.request(
                                "GET",
                                realm.custos(
                                        SERVICE,
                                        "secret/kv?token=" + got.get("token").asText()))
                        .auth(Http.bearer(bob))
                        .send()
                        .status());

        String updated = plaintext("updated");
        assertEquals(
                200,
                tenant("PUT", "secret/kv")
                        .header("user-token", alice)
                        .jsonBody(
                                """
                                {"metadata": {"client_id": "%s", "description": "new"}, "key": "%s", "value": "%s"}"""
                                        .formatted(TENANT_CLIENT, key, updated))
                        .send()
                        .status());
        assertEquals(
                updated,
                tenant("GET", "secret/kv?key=" + key)
                        .header("user-token", alice)
                        .send()
                        .json()
                        .get("value")
                        .asText());
        assertEquals(
                200,
                tenant("DELETE", "secret/kv")
                        .header("user-token", alice)
                        .json(Map.of("metadata", Map.of("client_id", TENANT_CLIENT), "key", key))
                        .send()
                        .status());
        assertEquals(
                404,
                tenant("GET", "secret/kv?key=" + key)
                        .header("user-token", alice)
                        .send()
                        .status());
    }

    @Test
    void onlyTheOwnerTheStoringClientOrASecretsAdminMayRead() {
        String token = savePassword("alice", plaintext("guarded"));
        String path = "secret/password?token=" + token;
        assertEquals(
                200,
                Http.request("GET", realm.custos(SERVICE, path))
                        .auth(Http.bearer(alice))
                        .send()
                        .status(),
                "owner");
        assertEquals(
                200,
                Http.request("GET", realm.custos(SERVICE, path))
                        .auth(Http.bearer(root))
                        .send()
                        .status(),
                "secrets admin");
        assertEquals(
                404,
                Http.request("GET", realm.custos(SERVICE, path))
                        .auth(Http.bearer(bob))
                        .send()
                        .status(),
                "another user");
        assertEquals(
                404,
                Http.request("GET", realm.custos(SERVICE, path))
                        .auth(Http.custosBearer(NO_DIRECT_GRANT_CLIENT, NO_DIRECT_GRANT_SECRET))
                        .send()
                        .status(),
                "another client");
        assertEquals(
                404,
                Http.request("GET", otherRealm.custos(SERVICE, path))
                        .auth(otherRealm.tenantAuth())
                        .send()
                        .status(),
                "another realm");
        assertEquals(
                404,
                Http.request("DELETE", realm.custos(SERVICE, path))
                        .auth(Http.bearer(bob))
                        .send()
                        .status());
        assertEquals(
                403,
                Http.request("POST", realm.custos(SERVICE, "secret/password"))
                        .auth(Http.bearer(bob))
                        .json(Map.of("metadata", Map.of("owner_id", "alice"), "password", "x"))
                        .send()
                        .status(),
                "a user stores secrets only for themselves");
    }

    @Test
    void adminEventsRecordSecretsWithoutValues() {
        String password = plaintext("evented");
        savePassword("alice", password);
        JsonNode events = realm.admin().get("/" + realm.name() + "/admin-events?max=1000");
        assertTrue(events.toString().contains("CUSTOS_SECRET"), events.toString());
        for (String p : PLAINTEXTS) {
            assertFalse(events.toString().contains(p), "a secret value reached an admin event");
        }
    }

    @Test
    void rotationKeepsOldAndNewSecretsReadableAndReEncryptionMovesEveryRow() throws Exception {
        Path keys = KeycloakServer.secretsKeyFile();
        org.junit.jupiter.api.Assumptions.assumeTrue(keys != null, "rotation needs the test server's key file");
        String before = plaintext("before-rotation");
        String oldToken = savePassword("alice", before);

        String oldKeys = Files.readString(keys);
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        String newId = "k" + System.nanoTime();
        Files.writeString(
                keys, oldKeys + newId + "=" + Base64.getEncoder().encodeToString(k) + "\nactive=" + newId + "\n");

        String after = plaintext("after-rotation");
        String newToken = savePassword("alice", after);
        assertEquals(
                before,
                tenant("GET", "secret/password?token=" + oldToken)
                        .send()
                        .json()
                        .get("password")
                        .asText());
        assertEquals(
                after,
                tenant("GET", "secret/password?token=" + newToken)
                        .send()
                        .json()
                        .get("password")
                        .asText());

        assertEquals(403, tenant("POST", "secret/keys/re-encrypt").send().status(), "an admin action: manage-realm");
        Http.Reply moved = Http.request("POST", realm.custos(SERVICE, "secret/keys/re-encrypt"))
                .auth(Http.bearer(root))
                .send();
        assertEquals(200, moved.status(), moved.toString());
        assertTrue(moved.json().get("re_encrypted").asInt() >= 1);
        assertEquals(newId, moved.json().get("active_key").asText());
        assertEquals(
                0,
                Http.request("POST", realm.custos(SERVICE, "secret/keys/re-encrypt"))
                        .auth(Http.bearer(root))
                        .send()
                        .json()
                        .get("re_encrypted")
                        .asInt(),
                "every row is under the new key");

        // Retire every old key: the realm's secrets still read, because they all moved.
        Files.writeString(keys, newId + "=" + Base64.getEncoder().encodeToString(k) + "\n");
        assertEquals(
                before,
                tenant("GET", "secret/password?token=" + oldToken)
                        .send()
                        .json()
                        .get("password")
                        .asText());
        assertEquals(
                after,
                tenant("GET", "secret/password?token=" + newToken)
                        .send()
                        .json()
                        .get("password")
                        .asText());
    }

    @Test
    void deletingTheOwningUserDeletesTheirSecrets() {
        String username = "leaver-" + UUID.randomUUID().toString().substring(0, 6);
        realm.admin().call("POST", "/" + realm.name() + "/users", Map.of("username", username, "enabled", true));
        String token = savePassword(username, plaintext("orphan"));
        assertEquals(200, tenant("GET", "secret/password?token=" + token).send().status());
        String id = realm.adminUser(username).get("id").asText();
        assertEquals(
                204,
                realm.admin()
                        .call("DELETE", "/" + realm.name() + "/users/" + id, null)
                        .status());
        assertEquals(
                404,
                tenant("GET", "secret/password?token=" + token).send().status(),
                "the storing client could still read the row, had it survived the user");
    }

    @Test
    void aSuppliedTokenIsUniqueAndMissingFieldsAreNamed() {
        String token = "custom-token-" + UUID.randomUUID();
        assertEquals(
                200,
                tenant("POST", "secret/password")
                        .jsonBody(
                                """
                                {"metadata": {"owner_id": "alice", "token": "%s"}, "password": "%s"}"""
                                        .formatted(token, plaintext("custom")))
                        .send()
                        .status());
        assertEquals(
                409,
                tenant("POST", "secret/password")
                        .json(Map.of("metadata", Map.of("owner_id", "alice", "token", token), "password", "x"))
                        .send()
                        .status());
        Http.Reply noOwner = tenant("POST", "secret/password")
                .json(Map.of("metadata", Map.of("client_id", TENANT_CLIENT), "password", "x"))
                .send();
        assertEquals(
                "field 'metadata.owner_id' is required",
                noOwner.json().get("error_description").asText());
        assertNotNull(noOwner.json().get("error"));
    }
}
