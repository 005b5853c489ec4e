package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.custos.keycloak.auth.EscalationModel.Secret;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.SharingApi;

/**
 * Reads what the server holds and compares it with the model: every user's effective realm-management roles,
 * watched realm roles and groups, and every group's parent and roles (Keycloak's admin API); every group's members
 * with their Custos membership types, the shares that reach every entity, and every secret's value (Custos, read by
 * trusted callers: the tenant client, and each secret's owner). One comparison is some forty reads, sent together.
 */
final class EscalationObserver {

    private static final ExecutorService READERS = Executors.newFixedThreadPool(4, task -> {
        Thread t = new Thread(task, "escalation-model-reads");
        t.setDaemon(true);
        return t;
    });

    private final AuthzRealm r;
    private final Map<String, String> userIds;
    private final String realmManagement;
    private final String trusted;
    private final Map<String, String> ownerAuth;
    private int spot;

    /** {@code ownerAuth}: each secret owner's Authorization, read when comparing (it may be renewed). */
    EscalationObserver(
            AuthzRealm r,
            Map<String, String> userIds,
            String realmManagement,
            String trusted,
            Map<String, String> ownerAuth) {
        this.r = r;
        this.userIds = userIds;
        this.realmManagement = realmManagement;
        this.trusted = trusted;
        this.ownerAuth = ownerAuth;
    }

    /** Compares; {@code custos} false reads Keycloak only (while the realm is disabled Custos serves nothing). */
    void compare(EscalationModel m, String what, boolean custos) {
        String realm = "/" + r.realm.name();
        Map<String, Callable<JsonNode>> reads = new LinkedHashMap<>();
        for (String u : m.users) {
            String user = realm + "/users/" + userIds.get(u);
            reads.put("power " + u, admin(user + "/role-mappings/clients/" + realmManagement + "/composite"));
            reads.put("realm " + u, admin(user + "/role-mappings/realm/composite"));
            reads.put("groups " + u, admin(user + "/groups"));
        }
        List<String> groups = m.groups();
        for (String g : groups) {
            reads.put("group " + g, admin(realm + "/groups/" + g));
        }
        String spotGroup = groups.get(spot % groups.size());
        String spotUser = m.users.get((spot / groups.size()) % m.users.size());
        String spotType = m.type(spotGroup, spotUser) == null ? "MEMBER" : m.type(spotGroup, spotUser);
        spot++;
        if (custos) {
            for (String g : groups) {
                reads.put(
                        "members " + g,
                        custos(
                                trusted,
                                EscalationWorld.GROUPS,
                                "user/group/memberships/child" + "?limit=1000&group_id=" + g));
            }
            for (String e : m.entityParent.keySet()) {
                reads.put(
                        "shares " + e, custos(trusted, EscalationWorld.SHARING, "share?entity.id=" + SharingApi.q(e)));
            }
            for (Secret s : m.secrets.values()) {
                String path =
                        "secret/kv?key=" + SharingApi.q(s.key()) + "&metadata.owner_id=" + SharingApi.q(s.owner());
                reads.put("secret " + s.key(), custos(ownerAuth.get(s.owner()), EscalationWorld.SECRETS, path));
            }
            reads.put(
                    "access",
                    custos(
                            trusted,
                            EscalationWorld.GROUPS,
                            "user/group/access?group_id=" + spotGroup + "&username=" + spotUser + "&type=" + spotType));
        }
        Map<String, JsonNode> got = readAll(reads, what);
        for (String u : m.users) {
            Set<String> held = new TreeSet<>();
            got.get("power " + u)
                    .forEach(role -> held.add("rm:" + role.get("name").asText()));
            got.get("realm " + u).forEach(role -> {
                String name = role.get("name").asText();
                if (name.equals("custos-secrets-admin") || name.equals("superpower")) {
                    held.add("realm:" + name);
                }
            });
            assertEquals(m.effective(u), held, "effective roles of " + u + " after " + what);
            Set<String> in = new TreeSet<>();
            got.get("groups " + u).forEach(g -> in.add(g.get("id").asText()));
            assertEquals(m.groupsOf(u), in, "groups of " + u + " after " + what);
        }
        for (String g : groups) {
            JsonNode rep = got.get("group " + g);
            String parent = rep.hasNonNull("parentId") ? rep.get("parentId").asText() : null;
            assertEquals(m.parent.get(g), parent, "parent of " + m.name(g) + " after " + what);
            Set<String> roles = new TreeSet<>();
            rep.path("realmRoles").forEach(role -> roles.add("realm:" + role.asText()));
            rep.path("clientRoles").path("realm-management").forEach(role -> roles.add("rm:" + role.asText()));
            assertEquals(new TreeSet<>(m.groupRoles.get(g)), roles, "roles of " + m.name(g) + " after " + what);
        }
        if (!custos) {
            return;
        }
        for (String g : groups) {
            Map<String, String> types = new TreeMap<>();
            got.get("members " + g)
                    .path("profiles")
                    .forEach(p -> types.put(
                            p.get("username").asText(), p.get("membership_type").asText()));
            assertEquals(
                    new TreeMap<>(m.members.get(g)), types, "members and types of " + m.name(g) + " after " + what);
        }
        for (String e : m.entityParent.keySet()) {
            Set<String> reaching = new TreeSet<>();
            got.get("shares " + e)
                    .path("shared_data")
                    .forEach(d -> reaching.add(d.get("owner_type").asText() + ":"
                            + d.get("owner_id").asText() + ":"
                            + d.path("permission").path("id").asText()));
            assertEquals(m.reaching(e), reaching, "shares reaching " + e + " after " + what);
        }
        for (Secret s : m.secrets.values()) {
            JsonNode kv = got.get("secret " + s.key());
            assertEquals(s.value(), kv.path("value").asText(), "value of the secret " + s.key() + " after " + what);
        }
        assertEquals(
                spotType.equals(m.type(spotGroup, spotUser)),
                got.get("access").path("status").asBoolean(),
                "user/group/access for " + spotUser + " as " + spotType + " in " + m.name(spotGroup) + " after "
                        + what);
    }

    private Callable<JsonNode> admin(String path) {
        return () -> r.realm.admin().get(path);
    }

    private Callable<JsonNode> custos(String auth, String service, String path) {
        return () -> {
            Http.Reply reply = Http.request("GET", r.realm.custos(service, path))
                    .auth(auth)
                    .send();
            if (reply.status() != 200) {
                throw new AssertionError("GET " + service + "/" + path + " -> " + reply);
            }
            return reply.json();
        };
    }

    /** Sends every read at once (four at a time) and waits for all of them. */
    private static Map<String, JsonNode> readAll(Map<String, Callable<JsonNode>> reads, String what) {
        List<String> names = new ArrayList<>(reads.keySet());
        List<Future<JsonNode>> futures = new ArrayList<>();
        names.forEach(n -> futures.add(READERS.submit(reads.get(n))));
        Map<String, JsonNode> out = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            try {
                out.put(names.get(i), futures.get(i).get());
            } catch (ExecutionException e) {
                throw new AssertionError("reading " + names.get(i) + " after " + what + ": " + e.getCause(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted reading after " + what, e);
            }
        }
        return out;
    }
}
