package org.custos.keycloak.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The escalation walk's reference model: what every principal should hold. Keycloak's side — each user's direct
 * roles, the group tree, each group's roles, who is disabled — and Custos's — each group's members with their Custos
 * membership types, the sharing entities and their share rows (cascade, grantor), the KV secrets with their values
 * and writers. A step changes it only when the server accepted it; the observer compares it with the server after
 * every step. Role keys are {@code rm:<realm-management role>} and {@code realm:<realm role>}.
 */
final class EscalationModel {

    static final String OWNER = "OWNER";
    static final String ADMIN = "ADMIN";
    static final String USER = "USER";
    static final String GROUP = "GROUP";

    /** One share row: a permission on an entity for a user (by username) or a group (by id). */
    record Share(String entity, String permission, String type, String principal, boolean cascading, String grantor) {
        String key() {
            return key(entity, permission, type, principal);
        }

        static String key(String entity, String permission, String type, String principal) {
            return entity + "|" + permission + "|" + type + "|" + principal;
        }
    }

    /** A KV secret: its owner's username, key, value, the client that stored it and who wrote its value. */
    record Secret(String owner, String key, String value, String clientId, String writer) {}

    final List<String> users;
    final Map<String, Set<String>> direct = new HashMap<>();
    final Set<String> disabled = new HashSet<>();
    final Map<String, String> parent = new HashMap<>();
    final Map<String, String> names = new HashMap<>();
    final Map<String, Set<String>> groupRoles = new HashMap<>();
    /** Group id → username → Custos membership type: Keycloak's direct members, each with its type. */
    final Map<String, Map<String, String>> members = new HashMap<>();

    final Map<String, String> entityParent = new LinkedHashMap<>();
    final Map<String, String> entityOwner = new LinkedHashMap<>();
    final Map<String, Share> shares = new LinkedHashMap<>();
    final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final Function<Set<String>, Set<String>> expand;

    EscalationModel(List<String> users, Function<Set<String>, Set<String>> expand) {
        this.users = List.copyOf(users);
        this.expand = expand;
        users.forEach(u -> direct.put(u, new HashSet<>()));
    }

    /** A deep copy: the state before a step, for the rules that judge what the step changed. */
    EscalationModel copy() {
        EscalationModel c = new EscalationModel(users, expand);
        direct.forEach((u, keys) -> c.direct.put(u, new HashSet<>(keys)));
        c.disabled.addAll(disabled);
        c.parent.putAll(parent);
        c.names.putAll(names);
        groupRoles.forEach((g, keys) -> c.groupRoles.put(g, new HashSet<>(keys)));
        members.forEach((g, m) -> c.members.put(g, new HashMap<>(m)));
        c.entityParent.putAll(entityParent);
        c.entityOwner.putAll(entityOwner);
        c.shares.putAll(shares);
        c.secrets.putAll(secrets);
        return c;
    }

    // ------------------------------------------------------------------ groups and roles

    void group(String id, String name, String parentId, Set<String> roles) {
        parent.put(id, parentId);
        names.put(id, name);
        groupRoles.put(id, new HashSet<>(roles));
        members.put(id, new HashMap<>());
    }

    String name(String group) {
        return group == null ? "(top level)" : names.get(group);
    }

    /** Group ids ordered by name: names are the walk's own, so a seed chooses the same groups in every run. */
    List<String> groups() {
        List<String> out = new ArrayList<>(parent.keySet());
        out.sort(Comparator.comparing(names::get));
        return out;
    }

    /** The user's Custos membership type in the group; null when not a direct member. */
    String type(String group, String user) {
        Map<String, String> m = members.get(group);
        return m == null ? null : m.get(user);
    }

    Set<String> groupsOf(String user) {
        Set<String> out = new TreeSet<>();
        members.forEach((g, m) -> {
            if (m.containsKey(user)) {
                out.add(g);
            }
        });
        return out;
    }

    /** The user's groups and all their ancestors (what a group share reaches). */
    Set<String> chain(String user) {
        Set<String> out = new HashSet<>();
        for (String g : groupsOf(user)) {
            for (String x = g; x != null && out.add(x); x = parent.get(x)) {
                // walk up
            }
        }
        return out;
    }

    static boolean isPower(String key) {
        return key.startsWith("rm:") || key.equals("realm:custos-secrets-admin");
    }

    /** The user's effective power and watched roles: direct and through every group's chain, composites expanded. */
    Set<String> effective(String user) {
        Set<String> held = new HashSet<>(direct.getOrDefault(user, Set.of()));
        for (String g : groupsOf(user)) {
            for (String x = g; x != null; x = parent.get(x)) {
                held.addAll(groupRoles.get(x));
            }
        }
        Set<String> out = new TreeSet<>(expand.apply(held));
        out.removeIf(k -> !isPower(k) && !k.equals("realm:superpower"));
        return out;
    }

    // ------------------------------------------------------------------ sharing

    void entity(String id, String parentId, String owner) {
        entityParent.put(id, parentId);
        entityOwner.put(id, owner);
        Share row = new Share(id, OWNER, USER, owner, true, null);
        shares.put(row.key(), row);
    }

    /** A grant as the store makes it: an existing row only widens (cascade), its maker changes on a take-over. */
    void grant(
            String entity, String permission, String type, String principal, boolean cascade, String by, boolean free) {
        String key = Share.key(entity, permission, type, principal);
        Share old = shares.get(key);
        shares.put(
                key,
                old == null
                        ? new Share(entity, permission, type, principal, cascade, by)
                        : new Share(
                                entity,
                                permission,
                                type,
                                principal,
                                old.cascading() || cascade,
                                free ? by : old.grantor()));
    }

    private List<String> ancestorsOrSelf(String entity) {
        List<String> out = new ArrayList<>();
        for (String e = entity; e != null && !out.contains(e); e = entityParent.get(e)) {
            out.add(e);
        }
        return out;
    }

    private boolean reaches(Share s, String account, Set<String> chain) {
        return s.type().equals(USER) ? s.principal().equals(account) : chain.contains(s.principal());
    }

    /** Shares that reach the entity: its own, and cascading ones on its ancestors. */
    private List<Share> reachingRows(String entity) {
        List<String> up = ancestorsOrSelf(entity);
        List<Share> out = new ArrayList<>();
        for (Share s : shares.values()) {
            int depth = up.indexOf(s.entity());
            if (depth == 0 || (depth > 0 && s.cascading())) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether an active account holds {@code permission} (or OWNER) on the entity: directly or through a group. */
    boolean holds(String account, String entity, String permission) {
        if (account == null || disabled.contains(account)) {
            return false;
        }
        Set<String> chain = chain(account);
        return reachingRows(entity).stream()
                .anyMatch(s -> reaches(s, account, chain)
                        && (s.permission().equals(permission) || s.permission().equals(OWNER)));
    }

    /** Holds any permission on the entity (what makes it visible to a caller that is no sharing viewer). */
    boolean holdsAny(String account, String entity) {
        if (account == null || disabled.contains(account)) {
            return false;
        }
        Set<String> chain = chain(account);
        return reachingRows(entity).stream().anyMatch(s -> reaches(s, account, chain));
    }

    /** Holds exactly {@code permission} through a cascading share on the entity or above it. */
    boolean holdsCascading(String account, String entity, String permission) {
        if (account == null || disabled.contains(account)) {
            return false;
        }
        Set<String> chain = chain(account);
        List<String> up = ancestorsOrSelf(entity);
        return shares.values().stream()
                .anyMatch(s -> up.contains(s.entity())
                        && s.cascading()
                        && s.permission().equals(permission)
                        && reaches(s, account, chain));
    }

    /** What {@code GET share?entity.id=} lists: {@code user:<name>:<permission>}, {@code group:<id>:<permission>}. */
    Set<String> reaching(String entity) {
        Set<String> out = new TreeSet<>();
        reachingRows(entity).forEach(s -> out.add(s.type().toLowerCase() + ":" + s.principal() + ":" + s.permission()));
        return out;
    }

    /** Share rows in an order that does not depend on server-made group ids (the walk chooses from it). */
    List<Share> sharesInOrder() {
        Map<String, Share> sorted = new TreeMap<>();
        shares.values()
                .forEach(s -> sorted.put(
                        s.entity() + "|" + s.permission() + "|"
                                + (s.type().equals(GROUP) ? names.get(s.principal()) : s.principal()),
                        s));
        return new ArrayList<>(sorted.values());
    }

    // ------------------------------------------------------------------ secrets

    /** Who is writing a value now: the acting person, else the client. */
    static String writer(String person, String clientId) {
        return person != null ? "user:" + person : "client:" + clientId;
    }

    /**
     * Whether a caller opens the secret (as SecretRules decides): its owner acting as themselves; a secrets admin
     * ({@code custos-secrets-admin} and manage-realm); the client that wrote the current value, with its credentials
     * alone and the right to see users.
     */
    static boolean mayOpen(String person, boolean clientCredentials, String clientId, Set<String> power, Secret s) {
        boolean secretsAdmin = power.contains("realm:custos-secrets-admin") && power.contains("rm:manage-realm");
        if (person != null) {
            return person.equals(s.owner()) || secretsAdmin;
        }
        boolean seesUsers = power.contains("rm:view-users") || power.contains("rm:manage-users");
        return seesUsers
                && (secretsAdmin
                        || (clientCredentials
                                && clientId.equals(s.clientId())
                                && writer(null, clientId).equals(s.writer())));
    }
}
