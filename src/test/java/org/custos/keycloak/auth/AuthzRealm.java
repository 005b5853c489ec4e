package org.custos.keycloak.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;

/**
 * A tenant realm that holds what an attacker wants: a group {@code realm-admins} mapped to realm-admin (with a
 * sub-group {@code inner}), a group {@code viewers} mapped to view-users, a composite realm role {@code sneaky} that
 * carries realm-admin and {@code helper} that carries view-users, the Custos power role {@code custos-secrets-admin},
 * plain roles, and callers of every strength. The tenant client's service account
 * holds only manage-users, view-users, query-groups and manage-authorization.
 *
 * <p>{@link #withAttackers} adds what the escalation model's attackers hold tokens of: the realm names its Custos
 * clients ({@value CustosTokens#CLIENTS_ATTRIBUTE}: the tenant client and the manage-clients client), so that
 * {@value #OTHER_APP}, a confidential client with direct grants whose service account is a realm admin, is not one; a
 * public client {@value #NO_SCOPE} with no client scopes and no full scope; {@value #DOOMED_APP}, a confidential
 * client with the {@code custos} audience (its tokens act until it is disabled) and a realm-admin service account;
 * and the user {@value #DISABLED_USER}, disabled by the test once her token is taken.
 */
final class AuthzRealm {

    static final String PASSWORD = "authz-password-1";
    static final List<String> USERS = List.of("radmin", "plain", "owen", "gina", "mel", "sam");
    static final String LOW_CLIENT = "low";
    static final String CLIENTS_ADMIN = "clients-admin";
    static final String CLIENTS_ADMIN_SECRET = "clients-admin-secret";
    static final String NO_SCOPE = "no-scope";
    static final String OTHER_APP = "other-app";
    static final String OTHER_SECRET = "other-app-secret-1";
    static final String DOOMED_APP = "doomed-app";
    static final String DOOMED_SECRET = "doomed-app-secret-1";
    static final String DISABLED_USER = "dora";

    final TestRealm realm;
    private final Map<String, String> tokens = new HashMap<>();

    AuthzRealm(String prefix) {
        this(prefix, false);
    }

    /** The realm with the attackers' clients and user (see the class comment). */
    static AuthzRealm withAttackers(String prefix) {
        return new AuthzRealm(prefix, true);
    }

    private AuthzRealm(String prefix, boolean attackers) {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(admin, prefix, rep -> {
            rep.putObject("roles")
                    .set(
                            "realm",
                            Http.parse(
                                    """
                                    [{"name": "superpower"}, {"name": "lab"}, {"name": "custos-secrets-admin"},
                                     {"name": "helper", "composite": true,
                                      "composites": {"client": {"realm-management": ["view-users"]}}},
                                     {"name": "sneaky", "composite": true,
                                      "composites": {"client": {"realm-management": ["realm-admin"]}}}]"""));
            rep.set(
                    "groups",
                    Http.parse(
                            """
                            [{"name": "realm-admins", "clientRoles": {"realm-management": ["realm-admin"]},
                              "subGroups": [{"name": "inner"}]},
                             {"name": "viewers", "clientRoles": {"realm-management": ["view-users"]}}]"""));
            for (String u : USERS) {
                Map<String, Object> user = TestRealm.user(u, PASSWORD);
                if (u.equals("radmin")) {
                    user.put("clientRoles", Map.of("realm-management", List.of("realm-admin")));
                }
                rep.withArray("users").add(Http.JSON.valueToTree(user));
            }
            rep.withArray("clients")
                    .add(Http.parse(
                            """
                            {"clientId": "%s", "publicClient": true, "directAccessGrantsEnabled": true,
                             "fullScopeAllowed": false, "redirectUris": ["http://localhost/*"]}"""
                                    .formatted(LOW_CLIENT)));
            rep.withArray("clients")
                    .add(Http.parse(
                            """
                            {"clientId": "%s", "publicClient": false, "secret": "%s", "serviceAccountsEnabled": true,
                             "standardFlowEnabled": false}"""
                                    .formatted(CLIENTS_ADMIN, CLIENTS_ADMIN_SECRET)));
            rep.withArray("users")
                    .add(Http.parse(
                            """
                            {"username": "service-account-%s", "enabled": true, "serviceAccountClientId": "%s",
                             "clientRoles": {"realm-management": ["manage-clients"]}}"""
                                    .formatted(CLIENTS_ADMIN, CLIENTS_ADMIN)));
            if (attackers) {
                addAttackers(rep);
            }
        });
    }

    private static void addAttackers(ObjectNode rep) {
        rep.putObject("attributes").put(CustosTokens.CLIENTS_ATTRIBUTE, TestRealm.TENANT_CLIENT + " " + CLIENTS_ADMIN);
        // Every password grant of the walk's many actors hashes: one iteration keeps setting up a realm quick.
        rep.put("passwordPolicy", "hashIterations(1)");
        ArrayNode clients = rep.withArray("clients");
        clients.add(Http.parse(
                """
                {"clientId": "%s", "publicClient": true, "fullScopeAllowed": false, "directAccessGrantsEnabled": true,
                 "defaultClientScopes": [], "optionalClientScopes": []}"""
                        .formatted(NO_SCOPE)));
        clients.add(confidential(OTHER_APP, OTHER_SECRET, "[]"));
        clients.add(confidential(
                DOOMED_APP,
                DOOMED_SECRET,
                """
                [{"name": "custos audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                  "config": {"included.custom.audience": "%s", "access.token.claim": "true"}}]"""
                        .formatted(CustosTokens.AUDIENCE)));
        for (String client : List.of(OTHER_APP, DOOMED_APP)) {
            rep.withArray("users")
                    .add(Http.parse(
                            """
                            {"username": "service-account-%s", "enabled": true, "serviceAccountClientId": "%s",
                             "clientRoles": {"realm-management": ["realm-admin"]}}"""
                                    .formatted(client, client)));
        }
        rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user(DISABLED_USER, PASSWORD)));
    }

    /** A confidential client with direct grants and a service account; {@code mappers} a JSON array. */
    private static JsonNode confidential(String clientId, String secret, String mappers) {
        return Http.parse(
                """
                {"clientId": "%s", "publicClient": false, "secret": "%s", "directAccessGrantsEnabled": true,
                 "serviceAccountsEnabled": true, "standardFlowEnabled": false, "protocolMappers": %s}"""
                        .formatted(clientId, secret, mappers));
    }

    String token(String user) {
        return tokens.computeIfAbsent(user, u -> realm.accessToken(u, PASSWORD));
    }

    /** A token of this realm's client, as the user (password grant) or, {@code user} null, as its service account. */
    String grant(String clientId, String secret, String user) {
        Map<String, String> form = new HashMap<>();
        form.put("client_id", clientId);
        if (secret != null) {
            form.put("client_secret", secret);
        }
        if (user == null) {
            form.put("grant_type", "client_credentials");
        } else {
            form.put("grant_type", "password");
            form.put("username", user);
            form.put("password", PASSWORD);
        }
        Http.Reply r = Http.request("POST", realm.realmUrl() + "/protocol/openid-connect/token")
                .form(form)
                .send();
        if (r.status() != 200) {
            throw new IllegalStateException(clientId + " grant for " + user + " failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    /** A new token of the tenant client for the user (e.g. after the realm was disabled and enabled again). */
    String freshToken(String user) {
        String token = realm.accessToken(user, PASSWORD);
        tokens.put(user, token);
        return token;
    }

    void setClientEnabled(String clientId, boolean enabled) {
        ObjectNode client = (ObjectNode) realm.admin()
                .get("/" + realm.name() + "/clients?clientId=" + clientId)
                .get(0);
        client.put("enabled", enabled);
        realm.admin().update("/" + realm.name() + "/clients/" + client.get("id").asText(), client);
    }

    void setUserEnabled(String username, boolean enabled) {
        ObjectNode user = (ObjectNode) realm.adminUser(username);
        user.put("enabled", enabled);
        realm.admin().update("/" + realm.name() + "/users/" + user.get("id").asText(), user);
    }

    /** Enables or disables the realm through Keycloak's admin API (its whole representation, as the console sends). */
    void setRealmEnabled(boolean enabled) {
        ObjectNode rep = (ObjectNode) realm.admin().get("/" + realm.name());
        rep.put("enabled", enabled);
        realm.admin().update("/" + realm.name(), rep);
    }

    /** radmin's token through the public client {@code low}, whose scope leaves every realm-management role out. */
    String lowScopeAdminToken() {
        Http.Reply r = Http.request("POST", realm.realmUrl() + "/protocol/openid-connect/token")
                .form(Map.of(
                        "grant_type", "password",
                        "client_id", LOW_CLIENT,
                        "username", "radmin",
                        "password", PASSWORD,
                        "scope", "openid"))
                .send();
        if (r.status() != 200) {
            throw new IllegalStateException("low-scope grant failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    Http.Request custos(String auth, String method, String service, String path) {
        return Http.request(method, realm.custos(service, path)).auth(auth);
    }

    String id(String username) {
        return realm.adminUser(username).get("id").asText();
    }

    String groupId(String path) {
        return realm.admin()
                .get("/" + realm.name() + "/group-by-path/" + path)
                .get("id")
                .asText();
    }

    String realmManagementId() {
        return realm.admin()
                .get("/" + realm.name() + "/clients?clientId=realm-management")
                .get(0)
                .get("id")
                .asText();
    }

    /** A user's effective realm-management roles, as Keycloak's own admin API reports them. */
    Set<String> adminRoles(String username) {
        Set<String> names = new TreeSet<>();
        realm.admin()
                .get("/" + realm.name() + "/users/" + id(username) + "/role-mappings/clients/" + realmManagementId()
                        + "/composite")
                .forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    /** A user's effective realm roles (composites and groups included), from Keycloak's admin API. */
    Set<String> realmRoles(String username) {
        Set<String> names = new TreeSet<>();
        realm.admin()
                .get("/" + realm.name() + "/users/" + id(username) + "/role-mappings/realm/composite")
                .forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    /** Every group path a user is a member of. */
    Set<String> groupPaths(String username) {
        Set<String> paths = new TreeSet<>();
        for (JsonNode g : realm.admin().get("/" + realm.name() + "/users/" + id(username) + "/groups")) {
            paths.add(g.get("path").asText());
        }
        return paths;
    }

    /** Whether Keycloak's own admin API lets this token list users. */
    int keycloakUserList(String token) {
        return Http.request("GET", realm.admin().baseUrl() + "/admin/realms/" + realm.name() + "/users")
                .auth(Http.bearer(token))
                .send()
                .status();
    }
}
