package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.auth.EscalationModel.Secret;
import org.custos.keycloak.auth.EscalationWorld.Actor;
import org.custos.keycloak.auth.EscalationWorld.Check;
import org.custos.keycloak.auth.EscalationWorld.Step;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.SharingApi;

/**
 * The steps an actor may send, each with what it changes in the model when the server accepts it. The model's change
 * is the request's own meaning (Custos's): joining again changes nothing, a type change needs a member, a grant only
 * widens an existing share, the maker of a grant changes only when a free sharer grants it again.
 */
final class EscalationSteps {

    static final List<String> ROLES = List.of("lab", "superpower", "helper", "sneaky", "custos-secrets-admin");
    static final List<String> TYPES = List.of("MEMBER", "ADMIN", "OWNER");
    static final List<String> PERMISSIONS = List.of("READ", "WRITE");

    private final EscalationWorld w;
    private final EscalationModel m;
    private int counter;

    EscalationSteps(EscalationWorld world) {
        this.w = world;
        this.m = world.model;
    }

    private Http.Request custos(Actor a, String method, String service, String path) {
        return a.request(method, w.r.realm.custos(service, path));
    }

    private static Step step(Actor a, String kind, String description, Http.Request request, Runnable apply) {
        return new Step(a, kind, description, request, body -> apply.run(), Check.NONE);
    }

    private static Set<String> keys(String prefix, List<String> names) {
        Set<String> out = new HashSet<>();
        names.forEach(n -> out.add(prefix + n));
        return out;
    }

    // ------------------------------------------------------------------ groups

    Step createGroup(Actor a, String owner, String parentId, List<String> roles) {
        String name = "m" + (++counter);
        Map<String, Object> g = new HashMap<>(Map.of("name", name, "owner_id", owner, "realm_roles", roles));
        if (parentId != null) {
            g.put("parent_id", parentId);
        }
        return new Step(
                a,
                "createGroup",
                "create group " + name + " owned by " + owner + " under " + m.name(parentId) + " with " + roles,
                custos(a, "POST", EscalationWorld.GROUPS, "group").json(Map.of("group", g)),
                body -> {
                    String id = body.get("id").asText();
                    m.group(id, name, parentId, keys("realm:", roles));
                    m.members.get(id).put(owner, "OWNER");
                },
                Check.NONE);
    }

    Step addMember(Actor a, String group, String user, String type) {
        return step(
                a,
                "addMember",
                "add " + user + " to " + m.name(group) + " as " + type,
                custos(a, "POST", EscalationWorld.GROUPS, "user/group/membership")
                        .json(Map.of("group_id", group, "username", user, "membership_type", type)),
                () -> m.members.get(group).putIfAbsent(user, type));
    }

    Step removeMember(Actor a, String group, String user) {
        return step(
                a,
                "removeMember",
                "remove " + user + " from " + m.name(group),
                custos(a, "DELETE", EscalationWorld.GROUPS, "user/group/membership")
                        .json(Map.of("group_id", group, "username", user)),
                () -> m.members.get(group).remove(user));
    }

    Step changeType(Actor a, String group, String user, String type) {
        return step(
                a,
                "changeType",
                "make " + user + " " + type + " of " + m.name(group),
                custos(a, "PUT", EscalationWorld.GROUPS, "user/group/membership")
                        .json(Map.of("group_id", group, "username", user, "type", type)),
                () -> m.members.get(group).replace(user, type));
    }

    Step updateGroup(Actor a, String group, List<String> roles) {
        return step(
                a,
                "updateGroup",
                "set realm roles of " + m.name(group) + " to " + roles,
                custos(a, "PUT", EscalationWorld.GROUPS, "group/" + group)
                        .json(Map.of("group", Map.of("name", m.name(group), "realm_roles", roles))),
                () -> {
                    Set<String> kept = new HashSet<>(keys("realm:", roles));
                    m.groupRoles.get(group).stream()
                            .filter(k -> k.startsWith("rm:"))
                            .forEach(kept::add);
                    m.groupRoles.put(group, kept);
                });
    }

    Step move(Actor a, String child, String newParent) {
        return step(
                a,
                "move",
                "move " + m.name(child) + " under " + m.name(newParent),
                custos(a, "POST", EscalationWorld.GROUPS, "group/membership")
                        .json(Map.of("child_id", child, "parent_id", newParent)),
                () -> m.parent.put(child, newParent));
    }

    Step unparent(Actor a, String child, String parent) {
        return step(
                a,
                "unparent",
                "take " + m.name(child) + " out of " + m.name(parent),
                custos(a, "DELETE", EscalationWorld.GROUPS, "group/membership")
                        .json(Map.of("child_id", child, "parent_id", parent)),
                () -> m.parent.put(child, null));
    }

    // ------------------------------------------------------------------ roles

    Step addRole(Actor a, String user, String role) {
        return step(
                a,
                "addRole",
                "grant " + role + " to " + user,
                custos(a, "POST", EscalationWorld.USERS, "users/roles")
                        .json(Map.of("usernames", List.of(user), "roles", List.of(role))),
                () -> m.direct.get(user).add("realm:" + role));
    }

    Step makeAdmin(Actor a, String user) {
        return step(
                a,
                "makeAdmin",
                "make " + user + " admin",
                custos(a, "POST", EscalationWorld.USERS, "user/admin").json(Map.of("username", user)),
                () -> m.direct.get(user).add("rm:realm-admin"));
    }

    Step removeAdmin(Actor a, String user) {
        return step(
                a,
                "removeAdmin",
                "unmake admin " + user,
                custos(a, "DELETE", EscalationWorld.USERS, "user/admin").json(Map.of("username", user)),
                () -> m.direct.get(user).removeIf(k -> k.startsWith("rm:")));
    }

    // ------------------------------------------------------------------ sharing

    /** Shares with a user (by username) or, {@code group} true, a group (by id). */
    Step share(Actor a, String entity, String permission, boolean group, String principal, boolean cascade) {
        String type = group ? EscalationModel.GROUP : EscalationModel.USER;
        return step(
                a,
                "share",
                "share " + permission + " on " + entity + " with " + (group ? "group " + m.name(principal) : principal)
                        + (cascade ? ", cascading" : ""),
                custos(a, "POST", EscalationWorld.SHARING, group ? "groups/share" : "users/share")
                        .json(Map.of(
                                "entity", Map.of("id", entity),
                                "permission_type", Map.of("id", permission),
                                "owner_id", List.of(principal),
                                "cascade", cascade)),
                () -> {
                    boolean free = EscalationWorld.power(a, m).contains("rm:manage-authorization")
                            || m.holds(a.account(), entity, "OWNER");
                    m.grant(entity, permission, type, principal, cascade, a.account(), free);
                });
    }

    Step revoke(Actor a, String entity, String permission, boolean group, String principal) {
        String type = group ? EscalationModel.GROUP : EscalationModel.USER;
        return step(
                a,
                "revoke",
                "revoke " + permission + " on " + entity + " from "
                        + (group ? "group " + m.name(principal) : principal),
                custos(a, "DELETE", EscalationWorld.SHARING, group ? "groups/share" : "users/share")
                        .json(Map.of(
                                "entity", Map.of("id", entity),
                                "permission_type", Map.of("id", permission),
                                "owner_id", List.of(principal))),
                () -> m.shares.remove(EscalationModel.Share.key(entity, permission, type, principal)));
    }

    Step createEntity(Actor a, String id, String owner, String parent) {
        Map<String, Object> e = new HashMap<>(Map.of("id", id, "type", "doc", "owner_id", owner, "name", "of " + id));
        e.put("parent_id", parent == null ? "" : parent);
        return step(
                a,
                "createEntity",
                "create entity " + id + " owned by " + owner + (parent == null ? "" : " under " + parent),
                custos(a, "POST", EscalationWorld.SHARING, "entity").json(Map.of("entity", e)),
                () -> m.entity(id, parent, owner));
    }

    // ------------------------------------------------------------------ secrets

    /** Reads a KV secret: served, with the model's value, exactly to the callers that may open it. */
    Step readSecret(Actor a, String key) {
        Secret s = m.secrets.get(key);
        String path = "secret/kv?key=" + SharingApi.q(key) + "&metadata.owner_id=" + SharingApi.q(s.owner());
        return new Step(
                a,
                "readSecret",
                "read the secret " + key + " of " + s.owner(),
                custos(a, "GET", EscalationWorld.SECRETS, path),
                body -> {},
                (before, reply, what) -> {
                    Secret was = before.secrets.get(key);
                    boolean may = !a.attacker()
                            && EscalationModel.mayOpen(
                                    a.person(),
                                    a.clientCredentials(),
                                    a.clientId(),
                                    EscalationWorld.power(a, before),
                                    was);
                    assertEquals(
                            may, reply.status() == 200, "the secret is served exactly to who may open it: " + what);
                    if (reply.status() == 200) {
                        assertEquals(was.value(), reply.json().path("value").asText(), "the value served: " + what);
                    } else {
                        assertFalse(reply.body().contains(was.value()), "a refusal leaks the value: " + what);
                    }
                });
    }

    /** Replaces a KV secret's value: accepted exactly for the callers that may open it. */
    Step writeSecret(Actor a, String key) {
        Secret s = m.secrets.get(key);
        String value = key + "-value-" + (++counter);
        return new Step(
                a,
                "writeSecret",
                "write " + value + " into the secret " + key + " of " + s.owner(),
                custos(a, "PUT", EscalationWorld.SECRETS, "secret/kv")
                        .json(Map.of("key", key, "value", value, "metadata", Map.of("owner_id", s.owner()))),
                body -> {
                    Secret was = m.secrets.get(key);
                    String writer = EscalationModel.writer(a.person(), a.clientId());
                    m.secrets.put(key, new Secret(was.owner(), key, value, was.clientId(), writer));
                },
                (before, reply, what) -> {
                    boolean may = !a.attacker()
                            && EscalationModel.mayOpen(
                                    a.person(),
                                    a.clientCredentials(),
                                    a.clientId(),
                                    EscalationWorld.power(a, before),
                                    before.secrets.get(key));
                    assertEquals(may, reply.status() == 200, "a secret is written exactly by who may open it: " + what);
                });
    }
}
