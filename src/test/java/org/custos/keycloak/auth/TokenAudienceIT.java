package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which access tokens act in Custos: a token whose audience names {@code custos}, or one issued to a Custos client
 * of the realm (the realm's {@code custos.clients} list, or — when it lists none — any enabled confidential client).
 * Any other token of the realm is refused 403, naming its client, and gains nothing: no secret value, no summary, no
 * share, no decision. A token of a client that is disabled is no token at all (401).
 */
class TokenAudienceIT {

    private static final String SECRETS = "resource-secret-management";
    private static final String SECRET_VALUE = "s3cret-value";
    private static final String NO_SCOPE = "no-scope-app";
    private static final String AUDIENCE_APP = "audience-app";
    private static final String SELF_SERVICE = "self-service-app";
    private static final String OTHER = "other-app";
    private static final String OTHER_SECRET = "other-app-secret-1";
    private static final String DOOMED = "doomed-app";
    private static final String DOOMED_SECRET = "doomed-app-secret-1";
    private static final String PASSWORD = "bob-and-mallory-password-1";

    private static final String AUDIENCE_MAPPER =
            """
            [{"name": "custos audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
              "config": {"included.custom.audience": "custos", "access.token.claim": "true"}}]""";

    /** A realm that lists no Custos clients: every enabled confidential client counts (the compatible default). */
    private static TestRealm open;
    /** A realm whose {@code custos.clients} lists only the tenant client. */
    private static TestRealm listed;

    private static String secretToken;
    private static String listedSecretToken;

    @BeforeAll
    static void setUp() {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        open = TestRealm.create(admin, "token-audience", TokenAudienceIT::clients);
        listed = TestRealm.create(admin, "token-listed", rep -> {
            clients(rep);
            rep.putObject("attributes").put("custos.clients", TestRealm.TENANT_CLIENT);
        });
        secretToken = storePassword(open);
        listedSecretToken = storePassword(listed);
        for (TestRealm r : List.of(open, listed)) {
            SharingApi tenant = new SharingApi(r, r.tenantAuth());
            tenant.entityType("DOC");
            tenant.permissionType("READ");
            assertEquals(
                    200,
                    tenant.createEntity("alices-doc", "DOC", TestRealm.USER, null)
                            .status());
        }
        new SharingApi(listed, listed.tenantAuth()).share("users", "alices-doc", "READ", List.of("bob"), false);
    }

    @AfterAll
    static void tearDown() {
        try {
            open.close();
        } finally {
            listed.close();
        }
    }

    /** The clients and users both realms share; the tenant client and alice come with every TestRealm. */
    private static void clients(ObjectNode rep) {
        String noScope =
                """
                {"clientId": "%s", "publicClient": true, "fullScopeAllowed": false,
                 "directAccessGrantsEnabled": true, "defaultClientScopes": [], "optionalClientScopes": []}""";
        String noScopeWithAudience =
                """
                {"clientId": "%s", "publicClient": true, "fullScopeAllowed": false,
                 "directAccessGrantsEnabled": true, "defaultClientScopes": [], "optionalClientScopes": [],
                 "protocolMappers": %s}""";
        String selfService =
                """
                {"clientId": "%s", "publicClient": true, "directAccessGrantsEnabled": true,
                 "redirectUris": ["http://localhost/*"], "protocolMappers": %s}""";
        String confidential =
                """
                {"clientId": "%s", "publicClient": false, "secret": "%s", "directAccessGrantsEnabled": true,
                 "serviceAccountsEnabled": true}""";
        ArrayNode clients = rep.withArray("clients");
        clients.add(json(noScope.formatted(NO_SCOPE)));
        clients.add(json(noScopeWithAudience.formatted(AUDIENCE_APP, AUDIENCE_MAPPER)));
        clients.add(json(selfService.formatted(SELF_SERVICE, AUDIENCE_MAPPER)));
        clients.add(json(confidential.formatted(OTHER, OTHER_SECRET)));
        clients.add(json(confidential.formatted(DOOMED, DOOMED_SECRET)));
        for (String u : List.of("bob", "mallory")) {
            rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user(u, PASSWORD)));
        }
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Alice, with a token of the tenant client, stores a password of her own; its token. */
    private static String storePassword(TestRealm r) {
        Http.Reply stored = Http.request("POST", r.custos(SECRETS, "secret/password"))
                .auth(Http.bearer(r.userAccessToken()))
                .json(
                        """
                        {"metadata": {"owner_id": "alice", "description": "d"}, "password": "%s"}"""
                                .formatted(SECRET_VALUE))
                .send();
        assertEquals(200, stored.status(), stored.toString());
        return stored.json().get("token").asText();
    }

    /** Alice's access token from Keycloak's own token endpoint, through a public client (no secret). */
    private static String publicToken(TestRealm r, String clientId) {
        Http.Reply reply = Http.request("POST", r.realmUrl() + "/protocol/openid-connect/token")
                .form(Map.ofEntries(
                        Map.entry("grant_type", "password"),
                        Map.entry("client_id", clientId),
                        Map.entry("username", TestRealm.USER),
                        Map.entry("password", TestRealm.USER_PASSWORD)))
                .send();
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().get("access_token").asText();
    }

    private static String aliceToken(TestRealm r, String clientId, String secret) {
        return r.nativePasswordGrant(clientId, secret, TestRealm.USER, TestRealm.USER_PASSWORD)
                .get("access_token")
                .asText();
    }

    private static JsonNode claims(String jwt) {
        return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])));
    }

    private static boolean audienceHas(String jwt, String audience) {
        JsonNode aud = claims(jwt).path("aud");
        return aud.isTextual() ? aud.asText().equals(audience) : aud.toString().contains("\"" + audience + "\"");
    }

    private static Http.Reply get(TestRealm r, String path, String auth) {
        return Http.request("GET", r.custos(SECRETS, path)).auth(auth).send();
    }

    /** A refusal of the audience rule: 403, our JSON error, naming the token's client. */
    private static void assertRefusedNaming(Http.Reply reply, String clientId) {
        assertEquals(403, reply.status(), reply.toString());
        JsonNode body = reply.json();
        assertTrue(body.hasNonNull("error"), reply.body());
        assertTrue(body.path("error_description").asText().contains(clientId), reply.body());
    }

    private static boolean decision(TestRealm r, String auth, String subject) {
        Http.Reply reply = evaluate(r, auth, subject);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().get("decision").asBoolean();
    }

    private static Http.Reply evaluate(TestRealm r, String auth, String subject) {
        return Http.request("POST", r.realmUrl() + "/custos/authzen/access/v1/evaluation")
                .auth(auth)
                .json(
                        """
                        {"subject": {"type": "user", "id": "%s"}, "action": {"name": "READ"},
                         "resource": {"type": "DOC", "id": "alices-doc"}}"""
                                .formatted(subject))
                .send();
    }

    // ------------------------------------------------------------- a token with neither audience nor Custos client

    @Test
    void aNoScopeTokenReadsNoSecret() {
        String token = publicToken(open, NO_SCOPE);
        assertFalse(audienceHas(token, "custos"), "the premise: no custos audience " + claims(token));
        Http.Reply read = get(open, "secret/password?token=" + secretToken, Http.bearer(token));
        assertRefusedNaming(read, NO_SCOPE);
        assertFalse(read.body().contains(SECRET_VALUE), "the value leaked: " + read.body());
        Http.Reply summaries = get(open, "secret/summaries", Http.bearer(token));
        assertRefusedNaming(summaries, NO_SCOPE);
        assertFalse(summaries.body().contains(secretToken), "a summary leaked: " + summaries.body());
        // The same token handed over as the acting user beside the tenant's own credentials.
        Http.Reply asUserToken = Http.request("GET", open.custos(SECRETS, "secret/password?token=" + secretToken))
                .auth(open.tenantAuth())
                .header("user-token", token)
                .send();
        assertRefusedNaming(asUserToken, NO_SCOPE);
        assertFalse(asUserToken.body().contains(SECRET_VALUE), asUserToken.body());
        // Alice herself, with a token of a Custos client, still reads it.
        Http.Reply own = get(open, "secret/password?token=" + secretToken, Http.bearer(open.userAccessToken()));
        assertEquals(SECRET_VALUE, own.json().path("password").asText(), own.toString());
    }

    @Test
    void aNoScopeTokenSharesNothing() {
        String token = publicToken(open, NO_SCOPE);
        SharingApi tenant = new SharingApi(open, open.tenantAuth());
        Http.Reply share =
                tenant.as(Http.bearer(token)).share("users", "alices-doc", "READ", List.of("mallory"), false);
        assertRefusedNaming(share, NO_SCOPE);
        assertFalse(tenant.check("alices-doc", "READ", "mallory"), "mallory gained READ");
        assertFalse(tenant.holders("users", "alices-doc", "READ", false).contains("mallory"));
        Http.Reply withUserToken = Http.request("POST", open.custos("sharing-management", "users/share"))
                .auth(open.tenantAuth())
                .header("user-token", token)
                .json(
                        """
                        {"entity": {"id": "alices-doc"}, "permission_type": {"id": "READ"},
                         "owner_id": ["mallory"]}""")
                .send();
        assertRefusedNaming(withUserToken, NO_SCOPE);
        assertFalse(tenant.check("alices-doc", "READ", "mallory"), "mallory gained READ through user-token");
    }

    @Test
    void theAudienceMapperLetsAnyClientsTokenAct() {
        String token = publicToken(open, AUDIENCE_APP);
        assertTrue(audienceHas(token, "custos"), "the mapper puts custos in aud: " + claims(token));
        Http.Reply read = get(open, "secret/password?token=" + secretToken, Http.bearer(token));
        assertEquals(200, read.status(), read.toString());
        assertEquals(SECRET_VALUE, read.json().get("password").asText());
    }

    // ------------------------------------------------------------- the realm's list of Custos clients

    @Test
    void aListedRealmRefusesTokensAndCredentialsOfUnlistedClients() {
        String other = aliceToken(listed, OTHER, OTHER_SECRET);
        Http.Reply summaries = get(listed, "secret/summaries", Http.bearer(other));
        assertRefusedNaming(summaries, OTHER);
        assertFalse(summaries.body().contains(listedSecretToken), summaries.body());
        Http.Reply self = evaluate(listed, Http.bearer(other), TestRealm.USER);
        assertRefusedNaming(self, OTHER);
        assertFalse(self.body().contains("decision"), self.body());
        for (String credentials : List.of(Http.basic(OTHER, OTHER_SECRET), Http.custosBearer(OTHER, OTHER_SECRET))) {
            Http.Reply client = get(listed, "secret/summaries", credentials);
            assertRefusedNaming(client, OTHER);
        }
        // The listed client's tokens and credentials still act.
        String tenantToken = listed.userAccessToken();
        Http.Reply mine = get(listed, "secret/summaries", Http.bearer(tenantToken));
        assertEquals(200, mine.status(), mine.toString());
        assertTrue(mine.body().contains(listedSecretToken), mine.body());
        assertTrue(decision(listed, Http.bearer(tenantToken), TestRealm.USER), "alice owns the entity");
        assertEquals(200, get(listed, "secret/summaries", listed.tenantAuth()).status());
    }

    @Test
    void aListedRealmAnswersOnlyItsListedClientsAtTheDecisionPoint() {
        assertTrue(decision(listed, listed.tenantAuth(), "bob"), "bob holds READ");
        Http.Reply noDirectGrant =
                evaluate(listed, Http.basic(TestRealm.NO_DIRECT_GRANT_CLIENT, TestRealm.NO_DIRECT_GRANT_SECRET), "x");
        assertRefusedNaming(noDirectGrant, TestRealm.NO_DIRECT_GRANT_CLIENT);
    }

    @Test
    void withoutAListEveryConfidentialClientCounts() {
        String other = aliceToken(open, OTHER, OTHER_SECRET);
        assertFalse(audienceHas(other, "custos"), "the premise: only the client makes it count " + claims(other));
        Http.Reply summaries = get(open, "secret/summaries", Http.bearer(other));
        assertEquals(200, summaries.status(), summaries.toString());
        assertTrue(summaries.body().contains(secretToken), "alice's own summary: " + summaries.body());
        assertEquals(
                200,
                get(open, "secret/summaries", Http.basic(OTHER, OTHER_SECRET)).status());
        assertTrue(decision(open, Http.bearer(other), TestRealm.USER), "alice asks about her own entity");
    }

    // ------------------------------------------------------------- a disabled client's token

    @Test
    void aTokenOfADisabledClientIsNoToken() {
        String token = aliceToken(open, DOOMED, DOOMED_SECRET);
        assertEquals(200, get(open, "secret/summaries", Http.bearer(token)).status(), "valid while enabled");
        AdminApi admin = open.admin();
        ObjectNode client = (ObjectNode)
                admin.get("/" + open.name() + "/clients?clientId=" + DOOMED).get(0);
        client.put("enabled", false);
        admin.update("/" + open.name() + "/clients/" + client.get("id").asText(), client);
        Http.Reply after = get(open, "secret/summaries", Http.bearer(token));
        assertEquals(401, after.status(), after.toString());
        assertTrue(after.json().hasNonNull("error"), after.body());
        assertFalse(after.body().contains(secretToken), after.body());
    }

    // ------------------------------------------------------------- the demo's self-service flow

    @Test
    void theSelfServiceFlowWorksThroughTheAudienceMapper() {
        String aliceId = open.adminUser(TestRealm.USER).get("id").asText();
        String record = open.realmUrl() + "/custos/api/users/" + aliceId;
        Http.Reply plain = Http.request("GET", open.realmUrl() + "/custos/api/user")
                .auth(Http.bearer(publicToken(open, TestRealm.PUBLIC_CLIENT)))
                .send();
        assertRefusedNaming(plain, TestRealm.PUBLIC_CLIENT);
        assertEquals(
                404,
                Http.request("GET", record).auth(open.tenantAuth()).send().status(),
                "the refused call registered nobody");
        Http.Reply me = Http.request("GET", open.realmUrl() + "/custos/api/user")
                .auth(Http.bearer(publicToken(open, SELF_SERVICE)))
                .send();
        assertEquals(200, me.status(), me.toString());
        assertEquals(aliceId, me.json().get("uid").asText());
        assertEquals(
                200, Http.request("GET", record).auth(open.tenantAuth()).send().status());
    }
}
