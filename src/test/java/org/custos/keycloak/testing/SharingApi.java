package org.custos.keycloak.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The sharing endpoints of one realm, called over HTTP as one caller (an {@code Authorization} value). */
public final class SharingApi {

    private final TestRealm realm;
    private final String auth;

    public SharingApi(TestRealm realm, String auth) {
        this.realm = realm;
        this.auth = auth;
    }

    public SharingApi as(String otherAuth) {
        return new SharingApi(realm, otherAuth);
    }

    public Http.Reply call(String method, String path, Object body) {
        Http.Request r =
                Http.request(method, realm.custos("sharing-management", path)).auth(auth);
        return (body == null ? r : r.json(body)).send();
    }

    /** Calls and insists on 200, returning the JSON body. */
    public JsonNode ok(String method, String path, Object body) {
        Http.Reply r = call(method, path, body);
        if (r.status() != 200) {
            throw new AssertionError(method + " " + path + " " + body + " -> " + r);
        }
        return r.json();
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public void entityType(String id) {
        ok("POST", "entity/type", Map.of("entity_type", Map.of("id", id, "name", id, "description", id + " type")));
    }

    public void permissionType(String id) {
        ok("POST", "permission/type", Map.of("permission_type", Map.of("id", id, "name", id)));
    }

    public Http.Reply createEntity(String id, String type, String owner, String parent) {
        Map<String, Object> e = new HashMap<>();
        e.put("id", id);
        e.put("type", type);
        e.put("owner_id", owner);
        e.put("name", "name of " + id);
        e.put("parent_id", parent == null ? "" : parent);
        return call("POST", "entity", Map.of("client_id", TestRealm.TENANT_CLIENT, "entity", e));
    }

    public Http.Reply setParent(String id, String parent) {
        return call("PUT", "entity", Map.of("entity", Map.of("id", id, "parent_id", parent == null ? "" : parent)));
    }

    public Http.Reply share(String principals, String entity, String permission, List<String> owners, boolean cascade) {
        return call(
                "POST",
                principals + "/share",
                Map.ofEntries(
                        Map.entry("entity", Map.of("id", entity)),
                        Map.entry("permission_type", Map.of("id", permission)),
                        Map.entry("owner_id", owners),
                        Map.entry("cascade", cascade)));
    }

    public Http.Reply revoke(String principals, String entity, String permission, List<String> owners) {
        return call(
                "DELETE",
                principals + "/share",
                Map.ofEntries(
                        Map.entry("entity", Map.of("id", entity)),
                        Map.entry("permission_type", Map.of("id", permission)),
                        Map.entry("owner_id", owners)));
    }

    public boolean check(String entity, String permission, String username) {
        return ok(
                        "GET",
                        "entity/user/access?entity.id=" + q(entity) + "&permission_type.id=" + q(permission)
                                + "&owner_id=" + q(username),
                        null)
                .get("status")
                .asBoolean();
    }

    /** Batch check; each check is {entity, permission, username}. */
    public List<Boolean> batch(List<String[]> checks) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (String[] c : checks) {
            body.add(Map.of("entity", Map.of("id", c[0]), "permission_type", Map.of("id", c[1]), "owner_id", c[2]));
        }
        List<Boolean> out = new ArrayList<>();
        ok("POST", "entity/user/access/batch", Map.of("checks", body))
                .get("results")
                .forEach(r -> out.add(r.get("status").asBoolean()));
        return out;
    }

    public List<String> holders(String principals, String entity, String permission, boolean direct) {
        List<String> out = new ArrayList<>();
        ok(
                        "GET",
                        principals + "/share" + (direct ? "/direct" : "") + "?entity.id=" + q(entity)
                                + "&permission_type.id=" + q(permission),
                        null)
                .get("owner_ids")
                .forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Search, returning entity ids in the order served. */
    public List<String> search(String ownerId, List<Map<String, Object>> criteria) {
        Map<String, Object> body = new HashMap<>();
        if (ownerId != null) {
            body.put("owner_id", ownerId);
        }
        body.put("search_criteria", criteria);
        body.put("limit", 1000);
        List<String> out = new ArrayList<>();
        ok("POST", "entities", body)
                .get("entity_array")
                .forEach(e -> out.add(e.get("id").asText()));
        return out;
    }

    /** Reverse lookup, every page walked with {@code pageSize}; ids in the order served. */
    public List<String> reachable(String username, String permission, String type, int pageSize) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 10_000; guard++) {
            String path = "user/entities?owner_id=" + q(username) + "&permission_type.id=" + q(permission) + "&limit="
                    + pageSize + (type == null ? "" : "&entity_type.id=" + q(type))
                    + (cursor == null ? "" : "&cursor=" + q(cursor));
            JsonNode page = ok("GET", path, null);
            page.get("entity_array").forEach(e -> out.add(e.get("id").asText()));
            if (page.get("complete").asBoolean()) {
                if (page.has("next_cursor")) {
                    throw new AssertionError("a complete page has a next_cursor: " + page);
                }
                return out;
            }
            cursor = page.get("next_cursor").asText();
        }
        throw new AssertionError("reverse lookup never completed");
    }
}
