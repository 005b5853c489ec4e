package org.custos.keycloak.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A realm's AuthZEN decision point, called over HTTP as one caller (an {@code Authorization} value). */
public final class AuthZenApi {

    private final TestRealm realm;
    private final String auth;

    public AuthZenApi(TestRealm realm, String auth) {
        this.realm = realm;
        this.auth = auth;
    }

    public static Map<String, Object> subject(String type, String id) {
        return id == null ? Map.of("type", type) : Map.of("type", type, "id", id);
    }

    public static Map<String, Object> resource(String type, String id) {
        return subject(type, id);
    }

    public static Map<String, Object> action(String name) {
        return Map.of("name", name);
    }

    public Http.Reply call(String path, Object body) {
        return Http.request("POST", realm.realmUrl() + "/custos/authzen/access/v1/" + path)
                .auth(auth)
                .json(body)
                .send();
    }

    public JsonNode ok(String path, Object body) {
        Http.Reply r = call(path, body);
        if (r.status() != 200) {
            throw new AssertionError(path + " " + body + " -> " + r);
        }
        return r.json();
    }

    public boolean evaluate(Map<String, Object> subject, String action, Map<String, Object> resource) {
        return ok("evaluation", Map.of("subject", subject, "action", action(action), "resource", resource))
                .get("decision")
                .asBoolean();
    }

    /** The decisions of an evaluations request, as many as the semantic answered. */
    public List<Boolean> evaluations(Map<String, Object> body) {
        List<Boolean> out = new ArrayList<>();
        ok("evaluations", body)
                .get("evaluations")
                .forEach(d -> out.add(d.get("decision").asBoolean()));
        return out;
    }

    /**
     * Walks a search in pages of {@code pageSize}: the ids (or action names) in the order served. Fails on a result
     * served twice.
     */
    public List<String> search(String kind, Map<String, Object> request, int pageSize) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        for (int pages = 0; pages < 10_000; pages++) {
            Map<String, Object> body = new HashMap<>(request);
            body.put("page", token == null ? Map.of("limit", pageSize) : Map.of("limit", pageSize, "token", token));
            JsonNode page = ok("search/" + kind, body);
            for (JsonNode r : page.get("results")) {
                String key =
                        r.has("name") ? r.get("name").asText() : r.get("id").asText();
                if (!seen.add(key)) {
                    throw new AssertionError(kind + " search served " + key + " twice: " + request);
                }
                out.add(key);
            }
            token = page.get("page").get("next_token").asText();
            if (token.isEmpty()) {
                return out;
            }
        }
        throw new AssertionError("a search that does not end: " + request);
    }
}
