package org.custos.keycloak.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Keycloak's own admin REST API, driven as the bootstrap admin: what tests use to set up and inspect realms. */
public final class AdminApi {

    private final String baseUrl;
    private String token;

    public AdminApi(KeycloakServer server) {
        this(server.baseUrl());
    }

    public AdminApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    private String token() {
        if (token == null) {
            Http.Reply r = Http.request("POST", baseUrl + "/realms/master/protocol/openid-connect/token")
                    .form(Map.ofEntries(
                            Map.entry("grant_type", "password"),
                            Map.entry("client_id", "admin-cli"),
                            Map.entry("username", KeycloakServer.ADMIN_USER),
                            Map.entry("password", KeycloakServer.ADMIN_PASSWORD)))
                    .send();
            if (r.status() != 200) {
                throw new IllegalStateException("admin login failed: " + r);
            }
            token = r.json().get("access_token").asText();
        }
        return token;
    }

    /** Sends an admin request, renewing the admin token once if it has expired. */
    public Http.Reply call(String method, String path, Object jsonBody) {
        Http.Reply r = build(method, path, jsonBody).send();
        if (r.status() == 401) {
            token = null;
            r = build(method, path, jsonBody).send();
        }
        return r;
    }

    /** A long admin request (an import), waiting up to {@code limit}; the token is fresh when it starts. */
    public Http.Reply callSlow(String method, String path, Object jsonBody, java.time.Duration limit) {
        token = null;
        return build(method, path, jsonBody).timeout(limit).send();
    }

    private Http.Request build(String method, String path, Object jsonBody) {
        Http.Request req =
                Http.request(method, baseUrl + "/admin/realms" + path).auth(Http.bearer(token()));
        return jsonBody == null ? req : req.json(jsonBody);
    }

    public JsonNode get(String path) {
        Http.Reply r = call("GET", path, null);
        expect(r, 200, "GET " + path);
        return r.json();
    }

    public void createRealm(ObjectNode representation) {
        // A realm with 10,000 users (the benchmark's) takes minutes to import on a loaded 2-core machine.
        expect(callSlow("POST", "", representation, java.time.Duration.ofMinutes(10)), 201, "create realm");
    }

    public void deleteRealm(String realm) {
        Http.Reply r = callSlow("DELETE", "/" + realm, null, java.time.Duration.ofMinutes(10));
        if (r.status() != 204 && r.status() != 404) {
            throw new IllegalStateException("delete realm " + realm + ": " + r);
        }
    }

    public void update(String path, Object body) {
        Http.Reply r = call("PUT", path, body);
        expect(r, 204, "PUT " + path);
    }

    private static void expect(Http.Reply r, int status, String what) {
        if (r.status() != status) {
            throw new IllegalStateException(what + " answered " + r);
        }
    }
}
