package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.SharingApi;
import org.junit.jupiter.api.Test;

/**
 * Attackers against a reference model. Callers that are not realm admins — plain users (a group OWNER, ADMIN and
 * MEMBER among them), the manage-users client, a manage-clients client, an agent, and a realm admin's token that
 * carries no realm-management role — send requests on every path that changes what a principal holds. The model keeps
 * each
 * user's direct roles, group memberships and the group tree; after every step it must equal what Keycloak's admin
 * API reports (so a refused request changed nothing and an accepted one changed exactly what it says), and an
 * accepted step may give no one an admin role or Custos power role that the caller itself does not carry.
 *
 * <p>The random walk prints its seed; replay with {@code -Dcustos.model.seed=N} (steps: {@code custos.model.steps}).
 */
class EscalationModelIT {

    private static final List<String> ROLES = List.of("lab", "superpower", "helper", "sneaky", "custos-secrets-admin");
    private static final List<String> TYPES = List.of("MEMBER", "ADMIN", "OWNER");

    /** One request: who sends it, what it is, and what it changes in the model if it is accepted. */
    private record Step(
            String caller, String description, Http.Request request, java.util.function.Consumer<JsonNode> apply) {}

    /** Each attacker on each path, then on shares (widen, revoke others') and on another user's secret. */
    @Test
    void everyAttackerTriesEveryPathAndGainsNothing() {
        Attack a = new Attack("escalation-suite");
        try {
            String team = a.createGroupAsAdmin("team", "owen");
            a.addMemberAsAdmin(team, "gina", "ADMIN");
            a.addMemberAsAdmin(team, "mel", "MEMBER");
            SharingApi sharing = new SharingApi(a.r.realm, Http.bearer(a.r.token("radmin")));
            sharing.entityType("doc");
            sharing.permissionType("READ");
            assertEquals(
                    200, sharing.createEntity("root", "doc", "radmin", null).status());
            assertEquals(
                    200, sharing.createEntity("child", "doc", "radmin", "root").status());
            for (String u : List.of("plain", "owen", "gina", "mel")) {
                assertEquals(
                        200,
                        sharing.share("users", "root", "READ", List.of(u), false)
                                .status());
            }
            assertEquals(
                    200,
                    Http.request("POST", a.r.realm.custos("resource-secret-management", "secret/kv"))
                            .auth(Http.bearer(a.r.token("sam")))
                            .json(Map.of("key", "sams", "value", "sams-value"))
                            .send()
                            .status());
            // Free to share and revoke: the sharing admin (manage-authorization) and the entity's owner, radmin —
            // ownership is not a role, so it holds whatever its token's scope.
            Set<String> sharingAdmins = Set.of("tenant", "low-scope-admin");
            Set<String> cascadeExpected = new TreeSet<>();
            for (String caller : a.callers.keySet()) {
                String victim = caller.equals("plain") ? "sam" : "plain";
                String self = a.callerUser(caller) == null ? victim : a.callerUser(caller);
                List<Step> steps = new ArrayList<>();
                steps.add(a.createGroup(caller, self, a.adminGroup, List.of()));
                steps.add(a.createGroup(caller, self, null, List.of("sneaky")));
                steps.add(a.createGroup(caller, self, a.viewers, List.of()));
                steps.add(a.addMember(caller, a.adminGroup, self, "MEMBER"));
                steps.add(a.addMember(caller, a.inner, self, "OWNER"));
                steps.add(a.addMember(caller, a.viewers, victim, "MEMBER"));
                for (String role : List.of("custos-secrets-admin", "sneaky", "helper")) {
                    steps.add(a.updateGroup(caller, team, List.of(role)));
                    steps.add(a.addRole(caller, self, role));
                }
                steps.add(a.move(caller, team, a.adminGroup));
                steps.add(a.makeAdmin(caller, self));
                steps.add(a.removeAdmin(caller, "radmin"));
                steps.add(a.removeMember(caller, a.adminGroup, "radmin"));
                for (Step step : steps) {
                    a.run(step, "suite");
                }
                // Sharing: widen a non-cascading share to cascade, revoke somebody else's grant.
                SharingApi as = sharing.as(a.callers.get(caller));
                String grantee = a.callerUser(caller) == null ? "plain" : a.callerUser(caller);
                Http.Reply widen = as.share("users", "root", "READ", List.of(grantee), true);
                assertTrue(widen.status() < 500, widen.toString());
                if (widen.status() == 200) {
                    // Allowed only to the free sharers, or to a holder whose own grant already cascades.
                    assertTrue(
                            sharingAdmins.contains(caller) || cascadeExpected.contains(a.callerUser(caller)),
                            caller + " widened a share: " + widen);
                    cascadeExpected.add(grantee);
                }
                Http.Reply revoke = as.revoke("users", "root", "READ", List.of(caller.equals("mel") ? "gina" : "mel"));
                assertTrue(revoke.status() < 500, revoke.toString());
                assertTrue(
                        revoke.status() != 200 || sharingAdmins.contains(caller), caller + " revoked another's grant");
                // Secrets: sam's value is sam's.
                Http.Reply secret = Http.request(
                                "GET",
                                a.r.realm.custos(
                                        "resource-secret-management", "secret/kv?key=sams&metadata.owner_id=sam"))
                        .auth(a.callers.get(caller))
                        .send();
                assertTrue(secret.status() == 403 || secret.status() == 404, caller + " read sam's secret: " + secret);
                assertTrue(!secret.body().contains("sams-value"), caller + " saw sam's value");
            }
            cascadeExpected.add("radmin"); // the owner holds everything on its entities
            for (String u : AuthzRealm.USERS) {
                assertEquals(cascadeExpected.contains(u), sharing.check("child", "READ", u), "READ on child for " + u);
            }
            assertTrue(
                    a.accepted > 0 && a.refused > 0,
                    "the suite exercised both outcomes: " + a.accepted + " accepted, " + a.refused + " refused");
        } finally {
            a.r.realm.close();
        }
    }

    @Test
    void aRandomWalkOfNonAdminCallersMatchesTheModel() {
        long seed = Long.getLong("custos.model.seed", new Random().nextLong());
        int count = Integer.getInteger("custos.model.steps", 60);
        System.out.println(
                "EscalationModelIT seed=" + seed + " steps=" + count + " (replay: -Dcustos.model.seed=" + seed + ")");
        Random rnd = new Random(seed);
        Attack a = new Attack("escalation-model");
        try {
            a.createGroupAsAdmin("team", "owen");
            List<String> callers = new ArrayList<>(a.callers.keySet());
            for (int i = 0; i < count; i++) {
                String caller = callers.get(rnd.nextInt(callers.size()));
                List<String> groups = new ArrayList<>(new TreeSet<>(a.parent.keySet()));
                String group = groups.get(rnd.nextInt(groups.size()));
                String other = groups.get(rnd.nextInt(groups.size()));
                String user = AuthzRealm.USERS.get(rnd.nextInt(AuthzRealm.USERS.size()));
                String role = ROLES.get(rnd.nextInt(ROLES.size()));
                Step step =
                        switch (rnd.nextInt(9)) {
                            case 0 -> a.createGroup(
                                    caller,
                                    user,
                                    rnd.nextBoolean() ? null : group,
                                    rnd.nextBoolean() ? List.of() : List.of(role));
                            case 1, 2 -> a.addMember(caller, group, user, TYPES.get(rnd.nextInt(TYPES.size())));
                            case 3 -> a.removeMember(caller, group, user);
                            case 4 -> a.updateGroup(caller, group, rnd.nextBoolean() ? List.of() : List.of(role));
                            case 5 -> a.move(caller, group, other);
                            case 6 -> a.addRole(caller, user, role);
                            case 7 -> a.makeAdmin(caller, user);
                            default -> a.removeAdmin(caller, user);
                        };
                a.run(step, "seed=" + seed + " step=" + i);
            }
            System.out.println("EscalationModelIT seed=" + seed + ": " + a.accepted + " accepted, " + a.refused
                    + " refused, model and Keycloak agreed after every step");
            assertTrue(a.accepted > 0 && a.refused > 0, "the walk exercised both outcomes");
        } finally {
            a.r.realm.close();
        }
    }

    /** The realm, its callers, the model, and the comparison with Keycloak's admin API. */
    private static final class Attack {
        final AuthzRealm r;
        final Map<String, String> callers = new LinkedHashMap<>();
        final Map<String, Set<String>> callerPower = new HashMap<>();
        final Map<String, String> parent = new HashMap<>();
        final Map<String, String> names = new HashMap<>();
        final Map<String, Set<String>> groupRoles = new HashMap<>();
        final Map<String, Set<String>> memberOf = new HashMap<>();
        final Map<String, Set<String>> direct = new HashMap<>();
        private final Map<String, Set<String>> expansion = new HashMap<>();
        private final Map<String, String> userIds = new HashMap<>();
        final String adminGroup;
        final String inner;
        final String viewers;
        int accepted;
        int refused;
        private int counter;

        Attack(String prefix) {
            r = new AuthzRealm(prefix);
            adminGroup = r.groupId("realm-admins");
            inner = r.groupId("realm-admins/inner");
            viewers = r.groupId("viewers");
            group(adminGroup, "realm-admins", null, Set.of("rm:realm-admin"));
            group(inner, "inner", adminGroup, Set.of());
            group(viewers, "viewers", null, Set.of("rm:view-users"));
            for (String u : AuthzRealm.USERS) {
                userIds.put(u, r.id(u));
                memberOf.put(u, new HashSet<>());
                direct.put(u, new HashSet<>(u.equals("radmin") ? Set.of("rm:realm-admin") : Set.of()));
            }
            callers.put("tenant", r.realm.tenantAuth());
            callerPower.put(
                    "tenant",
                    expand(Set.of("rm:manage-users", "rm:view-users", "rm:query-groups", "rm:manage-authorization")));
            callers.put("clients-admin", Http.custosBearer(AuthzRealm.CLIENTS_ADMIN, AuthzRealm.CLIENTS_ADMIN_SECRET));
            callerPower.put("clients-admin", expand(Set.of("rm:manage-clients")));
            callers.put("low-scope-admin", Http.bearer(r.lowScopeAdminToken()));
            callerPower.put("low-scope-admin", Set.of());
            String radmin = Http.bearer(r.token("radmin"));
            assertEquals(
                    200,
                    r.custos(radmin, "POST", "agent-management", "enable")
                            .json(Map.of())
                            .send()
                            .status());
            JsonNode agent = r.custos(radmin, "POST", "agent-management", "agent")
                    .json(Map.of("id", "bot-" + prefix))
                    .send()
                    .json();
            callers.put(
                    "agent",
                    Http.custosBearer(
                            agent.get("id").asText(), agent.get("secret").asText()));
            callerPower.put("agent", Set.of());
            for (String u : List.of("plain", "owen", "gina", "mel")) {
                callers.put(u, Http.bearer(r.token(u)));
                callerPower.put(u, Set.of());
            }
            compare("initial state");
        }

        String callerUser(String caller) {
            return Set.of("plain", "owen", "gina", "mel").contains(caller) ? caller : null;
        }

        private void group(String id, String name, String parentId, Set<String> roles) {
            parent.put(id, parentId);
            names.put(id, name);
            groupRoles.put(id, new HashSet<>(roles));
        }

        String createGroupAsAdmin(String name, String owner) {
            JsonNode g = r.custos(Http.bearer(r.token("radmin")), "POST", "group-management", "group")
                    .json(Map.of("group", Map.of("name", name, "owner_id", owner)))
                    .send()
                    .json();
            String id = g.get("id").asText();
            group(id, name, null, Set.of());
            memberOf.get(owner).add(id);
            return id;
        }

        void addMemberAsAdmin(String group, String user, String type) {
            Http.Reply reply = r.custos(
                            Http.bearer(r.token("radmin")), "POST", "group-management", "user/group/membership")
                    .json(Map.of("group_id", group, "username", user, "membership_type", type))
                    .send();
            assertEquals(200, reply.status(), reply.toString());
            memberOf.get(user).add(group);
        }

        // ------------------------------------------------------------------ the paths

        private Http.Request custos(String caller, String method, String service, String path) {
            return r.custos(callers.get(caller), method, service, path);
        }

        Step createGroup(String caller, String owner, String parentId, List<String> roles) {
            String name = "m" + (++counter);
            Map<String, Object> g = new HashMap<>(Map.of("name", name, "owner_id", owner, "realm_roles", roles));
            if (parentId != null) {
                g.put("parent_id", parentId);
            }
            return new Step(
                    caller,
                    "create group " + g,
                    custos(caller, "POST", "group-management", "group").json(Map.of("group", g)),
                    body -> {
                        String id = body.get("id").asText();
                        group(id, name, parentId, keys("realm:", roles));
                        memberOf.get(owner).add(id);
                    });
        }

        Step addMember(String caller, String group, String user, String type) {
            return new Step(
                    caller,
                    "add " + user + " to " + names.get(group) + " as " + type,
                    custos(caller, "POST", "group-management", "user/group/membership")
                            .json(Map.of("group_id", group, "username", user, "membership_type", type)),
                    body -> memberOf.get(user).add(group));
        }

        Step removeMember(String caller, String group, String user) {
            return new Step(
                    caller,
                    "remove " + user + " from " + names.get(group),
                    custos(caller, "DELETE", "group-management", "user/group/membership")
                            .json(Map.of("group_id", group, "username", user)),
                    body -> memberOf.get(user).remove(group));
        }

        Step updateGroup(String caller, String group, List<String> roles) {
            return new Step(
                    caller,
                    "set realm roles of " + names.get(group) + " to " + roles,
                    custos(caller, "PUT", "group-management", "group/" + group)
                            .json(Map.of("group", Map.of("name", names.get(group), "realm_roles", roles))),
                    body -> {
                        Set<String> kept = new HashSet<>(keys("realm:", roles));
                        groupRoles.get(group).stream()
                                .filter(k -> k.startsWith("rm:"))
                                .forEach(kept::add);
                        groupRoles.put(group, kept);
                    });
        }

        Step move(String caller, String child, String newParent) {
            return new Step(
                    caller,
                    "move " + names.get(child) + " under " + names.get(newParent),
                    custos(caller, "POST", "group-management", "group/membership")
                            .json(Map.of("child_id", child, "parent_id", newParent)),
                    body -> parent.put(child, newParent));
        }

        Step addRole(String caller, String user, String role) {
            return new Step(
                    caller,
                    "grant " + role + " to " + user,
                    custos(caller, "POST", "user-management", "users/roles")
                            .json(Map.of("usernames", List.of(user), "roles", List.of(role))),
                    body -> direct.get(user).add("realm:" + role));
        }

        Step makeAdmin(String caller, String user) {
            return new Step(
                    caller,
                    "make " + user + " admin",
                    custos(caller, "POST", "user-management", "user/admin").json(Map.of("username", user)),
                    body -> direct.get(user).add("rm:realm-admin"));
        }

        Step removeAdmin(String caller, String user) {
            return new Step(
                    caller,
                    "unmake admin " + user,
                    custos(caller, "DELETE", "user-management", "user/admin").json(Map.of("username", user)),
                    body -> direct.get(user).removeIf(k -> k.startsWith("rm:")));
        }

        // ------------------------------------------------------------------ running and checking

        void run(Step step, String where) {
            Map<String, Set<String>> before = new HashMap<>();
            AuthzRealm.USERS.forEach(u -> before.put(u, effective(u)));
            Http.Reply reply = step.request().send();
            String what = where + " " + step.caller() + ": " + step.description() + " -> " + reply;
            assertTrue(reply.status() < 500, "never a server error: " + what);
            if (reply.status() / 100 == 2) {
                accepted++;
                step.apply().accept(reply.body().isBlank() ? null : reply.json());
                for (String u : AuthzRealm.USERS) {
                    Set<String> gained = new TreeSet<>(effective(u));
                    gained.removeAll(before.get(u));
                    gained.removeIf(k -> !isPower(k));
                    gained.removeAll(callerPower.get(step.caller()));
                    if (!gained.isEmpty()) {
                        fail("escalation: " + u + " gained " + gained + " which the caller does not hold; " + what);
                    }
                }
            } else {
                refused++;
                assertTrue(reply.json().has("error_description"), "a refusal explains itself: " + what);
            }
            compare(what);
        }

        private static boolean isPower(String key) {
            return key.startsWith("rm:") || key.equals("realm:custos-secrets-admin");
        }

        /** The model's effective power and watched roles of a user: direct and through every group's chain. */
        Set<String> effective(String user) {
            Set<String> held = new HashSet<>(direct.get(user));
            for (String g : memberOf.get(user)) {
                for (String x = g; x != null; x = parent.get(x)) {
                    held.addAll(groupRoles.get(x));
                }
            }
            Set<String> out = new TreeSet<>(expand(held));
            out.removeIf(k -> !isPower(k) && !k.equals("realm:superpower"));
            return out;
        }

        void compare(String what) {
            for (String u : AuthzRealm.USERS) {
                Set<String> server = new TreeSet<>();
                r.adminRoles(u).forEach(n -> server.add("rm:" + n));
                r.realmRoles(u).stream()
                        .filter(n -> n.equals("custos-secrets-admin") || n.equals("superpower"))
                        .forEach(n -> server.add("realm:" + n));
                assertEquals(effective(u), server, "effective roles of " + u + " after " + what);
                Set<String> groups = new TreeSet<>();
                r.realm
                        .admin()
                        .get("/" + r.realm.name() + "/users/" + userIds.get(u) + "/groups")
                        .forEach(g -> groups.add(g.get("id").asText()));
                assertEquals(new TreeSet<>(memberOf.get(u)), groups, "groups of " + u + " after " + what);
            }
            for (String g : parent.keySet()) {
                JsonNode rep = r.realm.admin().get("/" + r.realm.name() + "/groups/" + g);
                String serverParent =
                        rep.hasNonNull("parentId") ? rep.get("parentId").asText() : null;
                assertEquals(parent.get(g), serverParent, "parent of " + names.get(g) + " after " + what);
            }
        }

        private static Set<String> keys(String prefix, List<String> names) {
            Set<String> out = new HashSet<>();
            names.forEach(n -> out.add(prefix + n));
            return out;
        }

        /** Role keys with every composite they carry, as Keycloak's admin API defines them. */
        Set<String> expand(Set<String> roots) {
            Set<String> out = new HashSet<>();
            for (String root : roots) {
                Set<String> known = expansion.get(root);
                if (known == null) {
                    known = fetchExpansion(root);
                    expansion.put(root, known);
                }
                out.addAll(known);
            }
            return out;
        }

        private Set<String> fetchExpansion(String key) {
            Set<String> out = new HashSet<>(Set.of(key));
            String name = key.substring(key.indexOf(':') + 1);
            String path = key.startsWith("rm:")
                    ? "/" + r.realm.name() + "/clients/" + r.realmManagementId() + "/roles/" + name + "/composites"
                    : "/" + r.realm.name() + "/roles/" + name + "/composites";
            for (JsonNode c : r.realm.admin().get(path)) {
                boolean client = c.path("clientRole").asBoolean();
                if (client && !c.path("containerId").asText().equals(r.realmManagementId())) {
                    continue;
                }
                out.addAll(expand(
                        Set.of((client ? "rm:" : "realm:") + c.get("name").asText())));
            }
            return out;
        }
    }
}
