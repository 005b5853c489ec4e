package org.custos.keycloak.rest.identity;

import static org.custos.keycloak.testing.TestRealm.NO_DIRECT_GRANT_CLIENT;
import static org.custos.keycloak.testing.TestRealm.NO_DIRECT_GRANT_SECRET;
import static org.custos.keycloak.testing.TestRealm.TENANT_CLIENT;
import static org.custos.keycloak.testing.TestRealm.USER;
import static org.custos.keycloak.testing.TestRealm.USER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Identity Management against a real Keycloak with our jar: what a Custos client sees, field by field. */
class IdentityIT {

    private static final String SERVICE = "identity-management";
    private static TestRealm realm;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(
                new AdminApi(KeycloakServer.get()),
                "identity",
                rep -> rep.withArray("users")
                        .add(
                                Http.parse(
                                        """
                                        {"username": "bob", "enabled": true, "email": "bob@example.org",
                                         "firstName": "Bob", "lastName": "Builder",
                                         "credentials":
                                           [{"type": "password", "value": "bob-password", "temporary": false}]}""")));
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static String url(String path) {
        return realm.custos(SERVICE, path);
    }

    private static Http.Reply token(String auth, Object jsonBody) {
        return Http.request("POST", url("token")).auth(auth).json(jsonBody).send();
    }

    private static JsonNode passwordGrant() {
        Http.Reply r = token(
                realm.tenantAuth(), Map.of("username", USER, "password", USER_PASSWORD, "grant_type", "password"));
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private static JsonNode claims(String jwt) throws Exception {
        return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void discoveryIsTheRealmsDocumentPlusCustosEndpoints() {
        Http.Reply r = Http.request("GET", url(".well-known/openid-configuration?client_id=" + TENANT_CLIENT))
                .send();
        assertEquals(200, r.status(), r.toString());
        JsonNode doc = r.json();
        assertEquals(realm.realmUrl(), doc.get("issuer").asText());
        assertEquals(
                realm.realmUrl() + "/protocol/openid-connect/token",
                doc.get("token_endpoint").asText());
        assertEquals(
                realm.realmUrl() + "/protocol/openid-connect/certs",
                doc.get("jwks_uri").asText());
        assertEquals(url("token"), doc.get("custos_token_endpoint").asText());
        assertEquals(url("user"), doc.get("custos_userinfo_endpoint").asText());
    }

    /** Custos required a client id; the answer is the realm's, so an anonymous caller cannot probe client ids. */
    @Test
    void discoveryNeedsAClientIdAndTellsNothingAboutIt() {
        Http.Reply missing =
                Http.request("GET", url(".well-known/openid-configuration")).send();
        assertEquals(400, missing.status());
        assertEquals(
                "field 'client_id' is required",
                missing.json().get("error_description").asText());
        Http.Reply unknown = Http.request("GET", url(".well-known/openid-configuration?client_id=nope"))
                .send();
        Http.Reply known = Http.request("GET", url(".well-known/openid-configuration?client_id=" + TENANT_CLIENT))
                .send();
        assertEquals(200, unknown.status(), unknown.toString());
        assertEquals(known.json(), unknown.json(), "the same document whether or not the client exists");
    }

    @Test
    void passwordGrantReturnsKeycloaksTokenJsonWithOpenIdScope() throws Exception {
        JsonNode t = passwordGrant();
        for (String field : List.of(
                "access_token",
                "expires_in",
                "refresh_expires_in",
                "refresh_token",
                "token_type",
                "id_token",
                "not-before-policy",
                "session_state",
                "scope")) {
            assertTrue(t.has(field), "token response lacks " + field + ": " + t);
        }
        assertEquals("Bearer", t.get("token_type").asText());
        assertTrue(List.of(t.get("scope").asText().split(" ")).contains("openid"));
        JsonNode claims = claims(t.get("access_token").asText());
        assertEquals(realm.realmUrl(), claims.get("iss").asText());
        assertEquals(TENANT_CLIENT, claims.get("azp").asText());
        assertEquals(USER, claims.get("preferred_username").asText());
    }

    @Test
    void theTokenIsAcceptedByKeycloaksOwnUserinfo() {
        String access = passwordGrant().get("access_token").asText();
        Http.Reply r = Http.request("GET", realm.realmUrl() + "/protocol/openid-connect/userinfo")
                .auth(Http.bearer(access))
                .send();
        assertEquals(200, r.status(), r.toString());
        assertEquals(USER, r.json().get("preferred_username").asText());
    }

    @Test
    void basicAuthFormBodyAndQueryParametersAllWork() {
        Http.Reply basic = Http.request("POST", url("token"))
                .auth(Http.basic(TENANT_CLIENT, realm.tenantSecret()))
                .form(Map.of("grant_type", "password", "username", USER, "password", USER_PASSWORD))
                .send();
        assertEquals(200, basic.status(), basic.toString());
        assertTrue(basic.json().has("access_token"));

        Http.Reply query = Http.request(
                        "POST", url("token?grant_type=password&username=" + USER + "&password=" + USER_PASSWORD))
                .auth(realm.tenantAuth())
                .send();
        assertEquals(200, query.status(), query.toString());
        assertTrue(query.json().has("refresh_token"));

        Http.Reply camel = token(
                realm.tenantAuth(),
                Http.parse(
                        """
                        {"grantType": "password", "username": "%s", "password": "%s", "clientId": "%s",
                         "unknownField": 42}"""
                                .formatted(USER, USER_PASSWORD, TENANT_CLIENT)));
        assertEquals(200, camel.status(), camel.toString());
    }

    @Test
    void refreshGrantIssuesNewTokens() {
        JsonNode first = passwordGrant();
        Http.Reply r = token(
                realm.tenantAuth(),
                Http.parse("""
                        {"grant_type": "refresh_token", "refresh_token": "%s"}"""
                        .formatted(first.get("refresh_token").asText())));
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.json().has("id_token"), "refresh adds scope=openid as Custos did: " + r.json());
        assertFalse(first.get("access_token")
                .asText()
                .equals(r.json().get("access_token").asText()));
    }

    @Test
    void clientCredentialsGrantActsAsTheServiceAccount() throws Exception {
        Http.Reply r = token(realm.tenantAuth(), Map.of("grant_type", "client_credentials"));
        assertEquals(200, r.status(), r.toString());
        assertEquals(
                "service-account-" + TENANT_CLIENT,
                claims(r.json().get("access_token").asText())
                        .get("preferred_username")
                        .asText());
    }

    @Test
    void authorizationCodeFromARealBrowserLoginIsExchangedEvenWithoutGrantType() throws Exception {
        String redirect = "http://localhost/callback";
        // Keycloak marks its login cookies Secure; a browser still sends them to localhost, Java's CookieManager
        // would not over plain HTTP, so the test carries them itself.
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(URI.create(realm.realmUrl()
                                + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id="
                                + TENANT_CLIENT
                                + "&redirect_uri=" + redirect))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(login.body());
        assertTrue(action.find(), "login form not found");
        String cookies = String.join(
                "; ",
                login.headers().allValues("Set-Cookie").stream()
                        .map(c -> c.split(";", 2)[0])
                        .toList());
        HttpResponse<String> submitted = browser.send(
                HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookies)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Http.form(Map.of("username", USER, "password", USER_PASSWORD))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, submitted.statusCode(), submitted.body());
        String location = submitted.headers().firstValue("Location").orElseThrow();
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertTrue(code.find(), location);

        // Real Custos clients send the code with no grant_type at all.
        Http.Reply r = token(
                realm.tenantAuth(),
                Map.of("code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "redirect_uri", redirect));
        assertEquals(200, r.status(), r.toString());
        assertEquals(
                USER,
                claims(r.json().get("access_token").asText())
                        .get("preferred_username")
                        .asText());

        Http.Reply replay = token(
                realm.tenantAuth(),
                Map.of("code", code.group(1), "redirect_uri", redirect, "grant_type", "authorization_code"));
        assertEquals(400, replay.status(), "a code is single-use: " + replay);
        assertEquals("invalid_grant", replay.json().get("error").asText());
    }

    @Test
    void aWrongPasswordIs401InvalidGrantAndBruteForceProtectionApplies() {
        for (int i = 0; i < 3; i++) {
            Http.Reply wrong =
                    token(realm.tenantAuth(), Map.of("grant_type", "password", "username", "bob", "password", "nope"));
            assertEquals(401, wrong.status(), wrong.toString());
            assertEquals("invalid_grant", wrong.json().get("error").asText());
        }
        // failureFactor is 3: the right password is now refused too until the lockout ends.
        Http.Reply locked = token(
                realm.tenantAuth(), Map.of("grant_type", "password", "username", "bob", "password", "bob-password"));
        assertFalse(locked.status() == 200, "brute-force lockout ignored: " + locked);
        assertEquals("invalid_grant", locked.json().get("error").asText());
    }

    @Test
    void passwordGrantNeedsDirectAccessGrantsOnTheClient() {
        Http.Reply r = token(
                Http.custosBearer(NO_DIRECT_GRANT_CLIENT, NO_DIRECT_GRANT_SECRET),
                Map.of("grant_type", "password", "username", USER, "password", USER_PASSWORD));
        assertEquals(400, r.status(), r.toString());
        assertEquals("unauthorized_client", r.json().get("error").asText());
    }

    @Test
    void missingOrUnknownGrantTypeIsUnsupported() {
        Http.Reply none = token(realm.tenantAuth(), Map.of("username", USER));
        assertEquals(400, none.status());
        assertEquals("unsupported_grant_type", none.json().get("error").asText());
        Http.Reply unknown =
                token(realm.tenantAuth(), Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code"));
        assertEquals(400, unknown.status());
        assertEquals("unsupported_grant_type", unknown.json().get("error").asText());
    }

    @Test
    void aClientIdInTheBodyMustBeTheAuthenticatedClient() {
        Http.Reply r = token(
                realm.tenantAuth(), Map.of("grant_type", "client_credentials", "client_id", NO_DIRECT_GRANT_CLIENT));
        assertEquals(400, r.status());
        assertTrue(r.json().get("error_description").asText().contains("client_id"));
    }

    @Test
    void logoutEndsTheSessionSoTheRefreshTokenAndAccessTokenStopWorking() {
        JsonNode t = passwordGrant();
        Http.Reply out = Http.request("POST", url("user/logout"))
                .auth(realm.tenantAuth())
                .json(Map.of("refresh_token", t.get("refresh_token").asText(), "grant_type", "refresh_token"))
                .send();
        assertEquals(200, out.status(), out.toString());
        assertTrue(out.json().get("status").asBoolean());

        Http.Reply refresh = token(
                realm.tenantAuth(),
                Http.parse("""
                        {"grant_type": "refresh_token", "refresh_token": "%s"}"""
                        .formatted(t.get("refresh_token").asText())));
        assertEquals(400, refresh.status());
        assertEquals("invalid_grant", refresh.json().get("error").asText());
        assertEquals(
                401,
                Http.request("GET", url("user"))
                        .auth(Http.bearer(t.get("access_token").asText()))
                        .send()
                        .status());

        Http.Reply again = Http.request("POST", url("user/logout"))
                .auth(realm.tenantAuth())
                .json(Map.of("refresh_token", t.get("refresh_token").asText()))
                .send();
        assertEquals(400, again.status(), again.toString());
    }

    @Test
    void logoutRefusesARefreshTokenIssuedToAnotherClient() {
        JsonNode tenantTokens = passwordGrant();
        Http.Reply r = Http.request("POST", url("user/logout"))
                .auth(Http.custosBearer(NO_DIRECT_GRANT_CLIENT, NO_DIRECT_GRANT_SECRET))
                .json(Map.of("refresh_token", tenantTokens.get("refresh_token").asText()))
                .send();
        assertEquals(400, r.status(), r.toString());
        assertEquals("invalid_grant", r.json().get("error").asText());
        Http.Reply stillValid = token(
                realm.tenantAuth(),
                Http.parse("""
                        {"grant_type": "refresh_token", "refresh_token": "%s"}"""
                        .formatted(tenantTokens.get("refresh_token").asText())));
        assertEquals(200, stillValid.status(), "the refused logout must not have ended the session: " + stillValid);
    }

    @Test
    void credentialsAreTheCallersOwn() {
        Http.Reply r = Http.request("GET", url("credentials?client_id=" + TENANT_CLIENT))
                .auth(realm.tenantAuth())
                .send();
        assertEquals(200, r.status(), r.toString());
        JsonNode c = r.json();
        assertEquals(TENANT_CLIENT, c.get("custos_client_id").asText());
        assertEquals(realm.tenantSecret(), c.get("custos_client_secret").asText());
        assertEquals(TENANT_CLIENT, c.get("iam_client_id").asText());
        assertEquals(realm.tenantSecret(), c.get("iam_client_secret").asText());
        assertEquals("", c.get("ci_logon_client_id").asText());
        assertTrue(c.get("custos_client_id_issued_at").isNumber());
        assertEquals(0, c.get("custos_client_secret_expired_at").asDouble());

        Http.Reply other = Http.request("GET", url("credentials?client_id=" + NO_DIRECT_GRANT_CLIENT))
                .auth(realm.tenantAuth())
                .send();
        assertEquals(403, other.status(), other.toString());
        assertFalse(other.body().contains(NO_DIRECT_GRANT_SECRET));
        Http.Reply ghost = Http.request("GET", url("credentials?client_id=ghost"))
                .auth(realm.tenantAuth())
                .send();
        assertEquals(other.status(), ghost.status(), "an unknown client id is answered as another client's");
        assertEquals(other.json(), ghost.json(), "the same body: no client id can be probed");
    }

    @Test
    void userInfoHasCustosShapeForAUserTokenOrClientCredentialsWithUserToken() {
        String access = passwordGrant().get("access_token").asText();
        for (Http.Request request : List.of(
                Http.request("GET", url("user")).auth(Http.bearer(access)),
                Http.request("GET", url("user")).auth(realm.tenantAuth()).header("user-token", access))) {
            Http.Reply r = request.send();
            assertEquals(200, r.status(), r.toString());
            JsonNode u = r.json();
            assertNotNull(u.get("sub").asText());
            assertEquals("Alice Liddell", u.get("full_name").asText());
            assertEquals("Alice", u.get("first_name").asText());
            assertEquals("Liddell", u.get("last_name").asText());
            assertEquals(USER + "@example.org", u.get("email_address").asText());
            assertEquals(USER, u.get("username").asText());
            assertEquals(TENANT_CLIENT, u.get("client_id").asText());
            assertEquals(7, u.size(), "exactly Custos's seven fields: " + u);
        }
    }

    @Test
    void aUserTokenIssuedToAnotherClientIsNotAcceptedBesideClientCredentials() {
        String access = passwordGrant().get("access_token").asText();
        Http.Reply r = Http.request("GET", url("user"))
                .auth(Http.custosBearer(NO_DIRECT_GRANT_CLIENT, NO_DIRECT_GRANT_SECRET))
                .header("user-token", access)
                .send();
        assertEquals(403, r.status(), r.toString());
    }

    @Test
    void wrongMethodAndUnknownPathAreJsonErrors() {
        Http.Reply get =
                Http.request("GET", url("token")).auth(realm.tenantAuth()).send();
        assertEquals(405, get.status());
        assertEquals("POST", get.header("Allow"));
        assertEquals("method_not_allowed", get.json().get("error").asText());
        Http.Reply unknown = Http.request("GET", url("no/such/endpoint"))
                .auth(realm.tenantAuth())
                .send();
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.json().get("error").asText());
    }
}
