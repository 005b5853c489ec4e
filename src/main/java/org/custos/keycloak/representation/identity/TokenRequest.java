package org.custos.keycloak.representation.identity;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Iterator;
import java.util.Map;
import org.custos.keycloak.error.CustosException;

/**
 * The parameters of Custos's {@code POST /token}, gathered from wherever a Custos client puts them: the query
 * string, a form-encoded body, or a JSON body (snake_case or camelCase names). Later sources win.
 */
public final class TokenRequest {

    /** Known parameters, by every accepted spelling, mapped to their OAuth 2 name. */
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("grant_type", "grant_type"),
            Map.entry("grantType", "grant_type"),
            Map.entry("username", "username"),
            Map.entry("password", "password"),
            Map.entry("code", "code"),
            Map.entry("redirect_uri", "redirect_uri"),
            Map.entry("redirectUri", "redirect_uri"),
            Map.entry("refresh_token", "refresh_token"),
            Map.entry("refreshToken", "refresh_token"),
            Map.entry("scope", "scope"),
            Map.entry("code_verifier", "code_verifier"),
            Map.entry("codeVerifier", "code_verifier"),
            Map.entry("client_id", "client_id"),
            Map.entry("clientId", "client_id"));

    private final MultivaluedMap<String, String> params = new MultivaluedHashMap<>();

    public TokenRequest addAll(MultivaluedMap<String, String> source) {
        source.forEach((name, values) -> {
            String key = KNOWN.get(name);
            if (key != null && values != null && !values.isEmpty()) {
                params.putSingle(key, values.get(0));
            }
        });
        return this;
    }

    /** Copies the known fields of a JSON object; a known field that is not a string (or null) is a 400. */
    public TokenRequest addJson(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return this;
        }
        if (!body.isObject()) {
            throw CustosException.badRequest("the request body must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = KNOWN.get(field.getKey());
            JsonNode value = field.getValue();
            if (key == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw CustosException.invalidField(field.getKey(), "must be a string");
            }
            params.putSingle(key, value.asText());
        }
        return this;
    }

    public MultivaluedMap<String, String> params() {
        return params;
    }
}
