package org.custos.keycloak.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.BrowserLogin;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Custos's JupyterHub authenticator ({@code custosauthenticator/custos.py}), request for request: the code exchange
 * with every parameter in the query and an empty form body, the userinfo call with the user's token in the query,
 * and the group check of {@code is_user_authorized_to_spawn_server} — each with the authenticator's own headers,
 * asserting what it reads ({@code access_token}, {@code username}, {@code groups[].id}) — and the same user token sent
 * as a plain {@code Authorization: Bearer}, which must get the same answers.
 */
class JupyterHubClientIT {

    private static final String CALLBACK = "http://localhost/callback";
    private static TestRealm realm;
    private static String hubGroupId;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "jupyterhub", rep -> {
            rep.putArray("groups").add(Http.JSON.valueToTree(Map.of("name", "hub-users")));
            rep.withArray("users").forEach(u -> {
                if (u.get("username").asText().equals(TestRealm.USER)) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) u)
                            .putArray("groups")
                            .add("/hub-users");
                }
            });
            rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user("outsider", "outsider-password-1")));
            rep.withArray("clients")
                    .add(
                            Http.parse(
                                    """
                                    {"clientId": "other-app", "publicClient": false, "secret": "other-secret",
                                     "directAccessGrantsEnabled": true}"""));
        });
        hubGroupId = realm.admin()
                .get("/" + realm.name() + "/groups?search=hub-users")
                .get(0)
                .get("id")
                .asText();
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    /** The authenticator's headers: {@code Authorization: Bearer base64(client_id:client_secret)}. */
    private static Http.Request hub(String method, String url) {
        return Http.request(method, url)
                .header("Accept", "application/json")
                .header("User-Agent", "JupyterHub")
                .auth(realm.tenantAuth());
    }

    private static String exchange(String username, String password) {
        String code = BrowserLogin.code(realm.realmUrl(), TestRealm.TENANT_CLIENT, CALLBACK, username, password);
        // url_concat(token_url, params) and HTTPRequest(method="POST", body=''): tornado sends a form content type.
        Http.Reply token = hub(
                        "POST",
                        realm.custos("identity-management", "token") + "?"
                                + Http.form(new java.util.LinkedHashMap<>(Map.of(
                                        "client_id",
                                        TestRealm.TENANT_CLIENT,
                                        "client_secret",
                                        realm.tenantSecret(),
                                        "redirect_uri",
                                        CALLBACK,
                                        "code",
                                        code,
                                        "grant_type",
                                        "authorization_code"))))
                .body("", "application/x-www-form-urlencoded")
                .send();
        assertEquals(200, token.status(), token.toString());
        return token.json().get("access_token").asText();
    }

    @Test
    void loginUserinfoAndGroupCheckRunAsTheAuthenticatorSendsThem() {
        String accessToken = exchange(TestRealm.USER, TestRealm.USER_PASSWORD);

        Http.Reply user = hub("GET", realm.custos("identity-management", "user") + "?access_token=" + accessToken)
                .send();
        assertEquals(200, user.status(), user.toString());
        assertEquals(TestRealm.USER, user.json().get("username").asText(), "userdict name");

        Http.Reply groups = hub(
                        "GET",
                        realm.custos("group-management", "user/group/memberships") + "?profile.username="
                                + TestRealm.USER)
                .send();
        assertEquals(200, groups.status(), groups.toString());
        List<String> ids = new ArrayList<>();
        groups.json().get("groups").forEach(g -> ids.add(g.get("id").asText()));
        assertTrue(ids.contains(hubGroupId), "allowed_groups matches: " + ids);

        Http.Reply outsiderGroups = hub(
                        "GET",
                        realm.custos("group-management", "user/group/memberships") + "?profile.username=outsider")
                .send();
        assertEquals(0, outsiderGroups.json().get("groups").size(), "the outsider may not spawn");

        // The same user token sent as a plain bearer token (as a notebook or a script calls): the same answers.
        Http.Reply bearerUser = Http.request("GET", realm.custos("identity-management", "user"))
                .auth(Http.bearer(accessToken))
                .send();
        assertEquals(200, bearerUser.status(), bearerUser.toString());
        assertEquals(user.json(), bearerUser.json(), "userinfo with the token as the bearer");
        Http.Reply bearerGroups = Http.request(
                        "GET",
                        realm.custos("group-management", "user/group/memberships") + "?profile.username="
                                + TestRealm.USER)
                .auth(Http.bearer(accessToken))
                .send();
        assertEquals(200, bearerGroups.status(), bearerGroups.toString());
        assertEquals(groups.json(), bearerGroups.json(), "the group check with the token as the bearer");
        Http.Reply outsiderOwn = Http.request(
                        "GET",
                        realm.custos("group-management", "user/group/memberships") + "?profile.username=outsider")
                .auth(Http.bearer(realm.accessToken("outsider", "outsider-password-1")))
                .send();
        assertEquals(200, outsiderOwn.status(), outsiderOwn.toString());
        assertEquals(outsiderGroups.json(), outsiderOwn.json(), "the outsider's own token finds no group either");
    }

    @Test
    void theQueryTokenCountsOnlyAsTheUserTokenHeaderWould() {
        String accessToken = exchange("outsider", "outsider-password-1");
        Http.Reply tampered = hub(
                        "GET",
                        realm.custos("identity-management", "user") + "?access_token="
                                + accessToken.substring(0, accessToken.length() - 4) + "AAAA")
                .send();
        assertEquals(401, tampered.status(), "a forged signature: " + tampered);

        // A token issued to another client of the realm is not this client's user (as with the user-token header).
        String foreign = realm.nativePasswordGrant("other-app", "other-secret", "outsider", "outsider-password-1")
                .get("access_token")
                .asText();
        Http.Reply other = hub("GET", realm.custos("identity-management", "user") + "?access_token=" + foreign)
                .send();
        assertEquals(403, other.status(), other.toString());

        // Another realm's token is no token of this realm.
        try (TestRealm elsewhere = TestRealm.create(new AdminApi(KeycloakServer.get()), "jupyterhub-other")) {
            Http.Reply crossRealm = hub(
                            "GET",
                            realm.custos("identity-management", "user") + "?access_token="
                                    + elsewhere.userAccessToken())
                    .send();
            assertEquals(401, crossRealm.status(), crossRealm.toString());
        }

        // Two different user tokens in one request are refused, not silently resolved.
        String alice = realm.userAccessToken();
        Http.Reply both = hub("GET", realm.custos("identity-management", "user") + "?access_token=" + accessToken)
                .header("user-token", alice)
                .send();
        assertEquals(400, both.status(), both.toString());
        Http.Reply bearerAndQuery = Http.request(
                        "GET", realm.custos("identity-management", "user") + "?access_token=" + accessToken)
                .auth(Http.bearer(alice))
                .send();
        assertEquals(400, bearerAndQuery.status(), bearerAndQuery.toString());

        // Without any user token, client credentials are not a user.
        assertEquals(
                403,
                hub("GET", realm.custos("identity-management", "user")).send().status());
        JsonNode mine = hub("GET", realm.custos("identity-management", "user") + "?access_token=" + accessToken)
                .send()
                .json();
        assertEquals("outsider", mine.get("username").asText());
    }
}
