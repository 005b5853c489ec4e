package org.custos.keycloak.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A throw-away tenant realm for one test class: a confidential tenant client with a service account, a second
 * confidential client without direct grants, a public client, and one user. Closing it deletes the realm.
 */
public final class TestRealm implements AutoCloseable {

    public static final String TENANT_CLIENT = "tenant";
    public static final String NO_DIRECT_GRANT_CLIENT = "no-direct-grant";
    public static final String NO_DIRECT_GRANT_SECRET = "ndg-secret";
    public static final String PUBLIC_CLIENT = "public-app";
    public static final String USER = "alice";
    public static final String USER_PASSWORD = "alice-password-1";

    private final AdminApi admin;
    private final String name;
    private final String tenantSecret;

    private TestRealm(AdminApi admin, String name, String tenantSecret) {
        this.admin = admin;
        this.name = name;
        this.tenantSecret = tenantSecret;
    }

    public static TestRealm create(AdminApi admin, String prefix) {
        return create(admin, prefix, rep -> {});
    }

    public static TestRealm create(AdminApi admin, String prefix, java.util.function.Consumer<ObjectNode> customize) {
        return named(admin, prefix + "-" + UUID.randomUUID().toString().substring(0, 8), customize);
    }

    /** A realm with exactly this name (for names that matter, e.g. a realm called {@code custos}). */
    public static TestRealm named(AdminApi admin, String name, java.util.function.Consumer<ObjectNode> customize) {
        String tenantSecret = "tenant-secret-" + UUID.randomUUID();
        ObjectNode rep = Http.JSON.createObjectNode();
        rep.put("realm", name)
                .put("enabled", true)
                .put("bruteForceProtected", true)
                .put("failureFactor", 3)
                .put("eventsEnabled", true)
                .put("adminEventsEnabled", true)
                .put("adminEventsDetailsEnabled", true);
        ArrayNode clients = rep.putArray("clients");
        clients.add(client(TENANT_CLIENT, tenantSecret, true));
        clients.add(client(NO_DIRECT_GRANT_CLIENT, NO_DIRECT_GRANT_SECRET, false));
        clients.add(Http.parse(
                """
                {"clientId": "%s", "publicClient": true, "directAccessGrantsEnabled": true,
                 "redirectUris": ["http://localhost/*"]}"""
                        .formatted(PUBLIC_CLIENT)));
        ArrayNode users = rep.putArray("users");
        users.add(Http.parse(
                """
                {"username": "%s", "enabled": true, "firstName": "Alice", "lastName": "Liddell",
                 "email": "%s@example.org", "emailVerified": true,
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}"""
                        .formatted(USER, USER, USER_PASSWORD)));
        users.add(Http.parse(
                """
                {"username": "service-account-%s", "enabled": true, "serviceAccountClientId": "%s",
                 "clientRoles":
                   {"realm-management": ["view-users", "manage-users", "query-groups", "manage-authorization"]}}"""
                        .formatted(TENANT_CLIENT, TENANT_CLIENT)));
        customize.accept(rep);
        admin.createRealm(rep);
        return new TestRealm(admin, name, tenantSecret);
    }

    /** A user representation for a realm import or Keycloak's admin API: enabled, with an email and a password. */
    public static Map<String, Object> user(String username, String password) {
        return new java.util.HashMap<>(Map.ofEntries(
                Map.entry("username", username),
                Map.entry("enabled", true),
                Map.entry("email", username + "@example.org"),
                Map.entry("firstName", username),
                Map.entry("lastName", "Test"),
                Map.entry("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)))));
    }

    private static JsonNode client(String id, String secret, boolean directGrants) {
        return Http.parse(
                """
                {"clientId": "%s", "publicClient": false, "secret": "%s", "standardFlowEnabled": true,
                 "directAccessGrantsEnabled": %s, "serviceAccountsEnabled": true,
                 "redirectUris": ["http://localhost/callback"]}"""
                        .formatted(id, secret, directGrants));
    }

    public String name() {
        return name;
    }

    public AdminApi admin() {
        return admin;
    }

    public String realmUrl() {
        return admin.baseUrl() + "/realms/" + name;
    }

    /** URL of a custos endpoint, e.g. {@code custos("identity-management", "token")}. */
    public String custos(String service, String path) {
        return realmUrl() + "/custos/" + service + "/v1.0.0/" + path;
    }

    public String tenantSecret() {
        return tenantSecret;
    }

    /** Custos client credentials of the tenant client: {@code Bearer base64(tenant:secret)}. */
    public String tenantAuth() {
        return Http.custosBearer(TENANT_CLIENT, tenantSecret);
    }

    /** Keycloak's admin API representation of a user of this realm, or null. */
    public JsonNode adminUser(String username) {
        JsonNode found = admin.get("/" + name + "/users?exact=true&briefRepresentation=false&username=" + username);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Realm role names directly mapped to a user, from Keycloak's admin API. */
    public java.util.Set<String> realmRoleNames(String username) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        admin.get("/" + name + "/users/" + adminUser(username).get("id").asText() + "/role-mappings/realm")
                .forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    /** A user access token obtained from Keycloak's native token endpoint (not through our code). */
    public JsonNode nativePasswordGrant(String clientId, String secret, String username, String password) {
        Http.Reply r = Http.request("POST", realmUrl() + "/protocol/openid-connect/token")
                .form(Map.of(
                        "grant_type", "password",
                        "client_id", clientId,
                        "client_secret", secret,
                        "username", username,
                        "password", password,
                        "scope", "openid"))
                .send();
        if (r.status() != 200) {
            throw new IllegalStateException("native password grant failed: " + r);
        }
        return r.json();
    }

    /** A client's service-account token from Keycloak's native token endpoint (client credentials grant). */
    public JsonNode nativeClientCredentials(String clientId, String secret) {
        Http.Reply r = Http.request("POST", realmUrl() + "/protocol/openid-connect/token")
                .form(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret))
                .send();
        if (r.status() != 200) {
            throw new IllegalStateException("native client credentials grant failed: " + r);
        }
        return r.json();
    }

    /** The tenant client's own access token (client credentials), with these scopes (space-separated) if any. */
    public String tenantClientToken(String scope) {
        Map<String, String> form = new java.util.HashMap<>(
                Map.of("grant_type", "client_credentials", "client_id", TENANT_CLIENT, "client_secret", tenantSecret));
        if (!scope.isEmpty()) {
            form.put("scope", scope);
        }
        Http.Reply r = Http.request("POST", realmUrl() + "/protocol/openid-connect/token")
                .form(form)
                .send();
        if (r.status() != 200) {
            throw new IllegalStateException("client credentials grant failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    /** Native password grant of the tenant client; the reply, whatever it is. */
    public Http.Reply tryPasswordGrant(String username, String password) {
        return Http.request("POST", realmUrl() + "/protocol/openid-connect/token")
                .form(Map.of(
                        "grant_type", "password",
                        "client_id", TENANT_CLIENT,
                        "client_secret", tenantSecret,
                        "username", username,
                        "password", password))
                .send();
    }

    public String accessToken(String username, String password) {
        return nativePasswordGrant(TENANT_CLIENT, tenantSecret, username, password)
                .get("access_token")
                .asText();
    }

    public String userAccessToken() {
        return nativePasswordGrant(TENANT_CLIENT, tenantSecret, USER, USER_PASSWORD)
                .get("access_token")
                .asText();
    }

    @Override
    public void close() {
        admin.deleteRealm(name);
    }
}
