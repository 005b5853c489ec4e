package org.custos.keycloak.rest.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.AuthZenApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;

/**
 * The sharing engine against an independent oracle: a deliberately plain model (maps, sets and a walk up two
 * trees, sharing no code with the engine) fed the same random operations — users, nested groups, entities with
 * parent chains, cascaded and plain shares with users and groups, revokes, re-parenting (cycle attempts included),
 * deletions of entities, users and groups. Check, batch check, the holder lists, search and reverse lookup must all
 * agree with it, and so must the AuthZEN decision point: evaluation (users and groups as subjects, right and wrong
 * resource types), evaluations under all three semantics, and subject, resource and action searches walked in pages
 * of random sizes. Every failure names its seed; {@code -Dcustos.oracle.seed=N} replays one seed,
 * {@code -Dcustos.oracle.seeds=K} runs K seeds.
 */
class SharingOracleIT {

    private static final List<String> PERMS = List.of("READ", "WRITE", "EXEC");
    private static final List<String> ALL_PERMS = List.of("OWNER", "READ", "WRITE", "EXEC");
    private static final int MIN_CHECKS = 10_000;

    /** The oracle. Owners are not shares here: "the owner of the entity or of an ancestor" is its own rule. */
    static final class Model {
        final Map<String, String> groupParent = new HashMap<>(); // group -> parent group (null: top)
        final Map<String, Set<String>> userGroups = new HashMap<>(); // username -> direct groups
        final Map<String, String> entityParent = new HashMap<>(); // entity -> parent (null: root)
        final Map<String, String> entityOwner = new HashMap<>();
        final Map<String, String> entityType = new HashMap<>();
        /** "entity|perm|USER|username" or "entity|perm|GROUP|groupId" -> cascade. */
        final Map<String, Boolean> shares = new LinkedHashMap<>();

        List<String> chain(String entity) {
            List<String> out = new ArrayList<>();
            for (String e = entity; e != null; e = entityParent.get(e)) {
                out.add(e);
            }
            return out;
        }

        Set<String> principals(String user) {
            Set<String> out = new HashSet<>();
            out.add("USER|" + user);
            for (String g : userGroups.getOrDefault(user, Set.of())) {
                for (String x = g; x != null; x = groupParent.get(x)) {
                    out.add("GROUP|" + x);
                }
            }
            return out;
        }

        boolean check(String user, String entity, String perm) {
            List<String> chain = chain(entity);
            for (String e : chain) {
                if (user.equals(entityOwner.get(e))) {
                    return true;
                }
            }
            Set<String> principals = principals(user);
            for (int depth = 0; depth < chain.size(); depth++) {
                for (String p : List.of(perm, "OWNER")) {
                    for (String principal : principals) {
                        Boolean cascade = shares.get(chain.get(depth) + "|" + p + "|" + principal);
                        if (cascade != null && (depth == 0 || cascade)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** A group as a subject: what is shared with it or a group above it (a group never owns). */
        boolean groupHolds(String group, String entity, String perm) {
            List<String> chain = chain(entity);
            for (int depth = 0; depth < chain.size(); depth++) {
                for (String x = group; x != null; x = groupParent.get(x)) {
                    Boolean cascade = shares.get(chain.get(depth) + "|" + perm + "|GROUP|" + x);
                    if (cascade != null && (depth == 0 || cascade)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Holders of exactly {@code perm} of one kind; OWNER: the owners along the chain. */
        Set<String> holders(String kind, String entity, String perm, boolean direct) {
            Set<String> out = new TreeSet<>();
            List<String> chain = chain(entity);
            for (int depth = 0; depth < chain.size() && (!direct || depth == 0); depth++) {
                String e = chain.get(depth);
                if (perm.equals("OWNER") && kind.equals("USER")) {
                    out.add(entityOwner.get(e));
                }
                for (Map.Entry<String, Boolean> s : shares.entrySet()) {
                    String[] k = s.getKey().split("\\|");
                    if (k[0].equals(e) && k[1].equals(perm) && k[2].equals(kind) && (depth == 0 || s.getValue())) {
                        out.add(k[3]);
                    }
                }
            }
            return out;
        }

        boolean isBelow(String candidate, String entity) {
            return chain(candidate).contains(entity);
        }

        void deleteEntity(String entity) {
            entityParent.remove(entity);
            entityOwner.remove(entity);
            entityType.remove(entity);
            shares.keySet().removeIf(k -> k.startsWith(entity + "|"));
            entityParent.replaceAll((e, p) -> entity.equals(p) ? null : p);
        }

        void deleteUser(String user) {
            userGroups.remove(user);
            shares.keySet().removeIf(k -> k.endsWith("|USER|" + user));
            for (String e : new ArrayList<>(entityOwner.keySet())) {
                if (user.equals(entityOwner.get(e))) {
                    deleteEntity(e);
                }
            }
        }

        /** Keycloak removes a group with its sub-groups. */
        void deleteGroup(String group) {
            Set<String> gone = new HashSet<>();
            for (String g : groupParent.keySet()) {
                for (String x = g; x != null; x = groupParent.get(x)) {
                    if (x.equals(group)) {
                        gone.add(g);
                    }
                }
            }
            gone.forEach(groupParent::remove);
            userGroups.values().forEach(s -> s.removeAll(gone));
            shares.keySet().removeIf(k -> gone.stream().anyMatch(g -> k.endsWith("|GROUP|" + g)));
        }
    }

    @Test
    void theEngineAgreesWithTheOracle() {
        List<Long> seeds = new ArrayList<>();
        String one = System.getProperty("custos.oracle.seed");
        if (one != null && !one.isBlank()) {
            seeds.add(Long.parseLong(one));
        } else {
            long base = Long.getLong("custos.oracle.base", 20261123L);
            for (int i = 0; i < Integer.getInteger("custos.oracle.seeds", 10); i++) {
                seeds.add(base + i);
            }
        }
        int checks = 0;
        roundTripSeed = seeds.get(0);
        for (long seed : seeds) {
            int n = runSeed(seed);
            System.out.printf("sharing oracle: seed %d, %d checks%n", seed, n);
            checks += n;
        }
        System.out.printf(
                "sharing oracle: %d seeds %s, %d checks compared, 0 disagreements%n", seeds.size(), seeds, checks);
        if (one == null) {
            assertTrue(checks >= MIN_CHECKS, "only " + checks + " checks compared");
        }
    }

    private int runSeed(long seed) {
        Random rnd = new Random(seed);
        Model m = new Model();
        AdminApi admin = new AdminApi(KeycloakServer.get());
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            users.add("u" + i);
        }
        TestRealm realm = TestRealm.create(admin, "oracle", rep -> {
            for (String u : users) {
                rep.withArray("users").add(Http.JSON.valueToTree(Map.of("username", u, "enabled", true)));
            }
        });
        try {
            String r = "/" + realm.name();
            Map<String, String> userIds = new HashMap<>();
            for (String u : users) {
                userIds.put(u, realm.adminUser(u).get("id").asText());
            }
            List<String> groups = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                String parent = i > 0 && rnd.nextInt(3) > 0 ? groups.get(rnd.nextInt(groups.size())) : null;
                Http.Reply created = admin.call(
                        "POST",
                        r + "/groups" + (parent == null ? "" : "/" + parent + "/children"),
                        Map.of("name", "g" + i));
                String location = created.header("Location");
                String id = location.substring(location.lastIndexOf('/') + 1);
                groups.add(id);
                m.groupParent.put(id, parent);
            }
            for (String u : users) {
                Set<String> mine = new HashSet<>();
                for (int k = rnd.nextInt(3); k > 0; k--) {
                    String g = groups.get(rnd.nextInt(groups.size()));
                    mine.add(g);
                    admin.call("PUT", r + "/users/" + userIds.get(u) + "/groups/" + g, null);
                }
                m.userGroups.put(u, mine);
            }
            SharingApi api = new SharingApi(realm, realm.tenantAuth());
            AuthZenApi authzen = new AuthZenApi(realm, realm.tenantAuth());
            api.entityType("T1");
            api.entityType("T2");
            PERMS.forEach(api::permissionType);

            int checks = 0;
            int nextEntity = 0;
            for (int phase = 0; phase < 3; phase++) {
                for (int op = 0; op < 70; op++) {
                    List<String> entities = new ArrayList<>(new TreeSet<>(m.entityOwner.keySet()));
                    List<String> liveUsers = new ArrayList<>(new TreeSet<>(m.userGroups.keySet()));
                    List<String> liveGroups = new ArrayList<>(new TreeSet<>(m.groupParent.keySet()));
                    int dice = rnd.nextInt(100);
                    String what = "seed " + seed + " op " + phase + "/" + op;
                    if (entities.size() < 4 || dice < 28) {
                        String id = "e" + (nextEntity++);
                        String owner = liveUsers.get(rnd.nextInt(liveUsers.size()));
                        String parent = !entities.isEmpty() && rnd.nextInt(3) > 0
                                ? entities.get(rnd.nextInt(entities.size()))
                                : null;
                        String type = rnd.nextBoolean() ? "T1" : "T2";
                        expect(200, api.createEntity(id, type, owner, parent), what + " create " + id);
                        m.entityOwner.put(id, owner);
                        m.entityParent.put(id, parent);
                        m.entityType.put(id, type);
                    } else if (dice < 53) {
                        String e = entities.get(rnd.nextInt(entities.size()));
                        String p = PERMS.get(rnd.nextInt(PERMS.size()));
                        boolean cascade = rnd.nextBoolean();
                        List<String> who = pick(rnd, liveUsers, 1 + rnd.nextInt(2));
                        expect(200, api.share("users", e, p, who, cascade), what + " share users");
                        who.forEach(u -> m.shares.merge(e + "|" + p + "|USER|" + u, cascade, Boolean::logicalOr));
                    } else if (dice < 68 && !liveGroups.isEmpty()) {
                        String e = entities.get(rnd.nextInt(entities.size()));
                        String p = PERMS.get(rnd.nextInt(PERMS.size()));
                        boolean cascade = rnd.nextBoolean();
                        List<String> who = pick(rnd, liveGroups, 1);
                        expect(200, api.share("groups", e, p, who, cascade), what + " share groups");
                        who.forEach(g -> m.shares.merge(e + "|" + p + "|GROUP|" + g, cascade, Boolean::logicalOr));
                    } else if (dice < 80 && !m.shares.isEmpty()) {
                        List<String> keys = new ArrayList<>(m.shares.keySet());
                        String[] k = keys.get(rnd.nextInt(keys.size())).split("\\|");
                        expect(
                                200,
                                api.revoke(k[2].equals("USER") ? "users" : "groups", k[0], k[1], List.of(k[3])),
                                what + " revoke");
                        m.shares.remove(String.join("|", k));
                    } else if (dice < 92) {
                        String e = entities.get(rnd.nextInt(entities.size()));
                        String parent = rnd.nextInt(4) == 0 ? null : entities.get(rnd.nextInt(entities.size()));
                        boolean cycle = parent != null && m.isBelow(parent, e);
                        Http.Reply reply = api.setParent(e, parent);
                        expect(cycle ? 409 : 200, reply, what + " move " + e + " under " + parent);
                        if (!cycle) {
                            m.entityParent.put(e, parent);
                        }
                    } else if (dice < 96) {
                        String e = entities.get(rnd.nextInt(entities.size()));
                        expect(
                                200,
                                api.call("DELETE", "entity", Map.of("entity", Map.of("id", e))),
                                what + " delete " + e);
                        m.deleteEntity(e);
                    } else if (dice < 98 && liveUsers.size() > 3) {
                        String u = liveUsers.get(rnd.nextInt(liveUsers.size()));
                        expect(
                                204,
                                admin.call("DELETE", r + "/users/" + userIds.get(u), null),
                                what + " delete user " + u);
                        m.deleteUser(u);
                    } else if (liveGroups.size() > 2) {
                        String g = liveGroups.get(rnd.nextInt(liveGroups.size()));
                        expect(204, admin.call("DELETE", r + "/groups/" + g, null), what + " delete group " + g);
                        m.deleteGroup(g);
                    }
                }
                checks += verify(api, m, rnd, "seed " + seed + " phase " + phase);
                checks += verifyAuthZen(authzen, m, rnd, "seed " + seed + " phase " + phase + " (AuthZEN)");
            }
            if (seed == roundTripSeed) {
                checks += roundTrip(admin, realm, m, rnd, "seed " + seed + " moved by its bundle");
            }
            return checks;
        } finally {
            realm.close();
        }
    }

    /** The first seed's world also moves: its bundle is imported into a twin realm, which must answer the same. */
    private long roundTripSeed = Long.MIN_VALUE;

    /**
     * A twin of the realm, as Keycloak's own export would bring it (the same users, group tree and memberships, with
     * ids of its own), gets the realm's Custos data bundle; every check, batch check, holder list, search and AuthZEN
     * query then answers in the twin as the oracle says (group ids translated).
     */
    private int roundTrip(AdminApi admin, TestRealm realm, Model m, Random rnd, String where) {
        Http.Reply bundle = admin.call("GET", "/" + realm.name() + "/custos/bundle", null);
        expect(200, bundle, where + ": export");
        TestRealm twin = TestRealm.create(admin, "oracle-twin", rep -> {
            for (String u : new TreeSet<>(m.userGroups.keySet())) {
                rep.withArray("users").add(Http.JSON.valueToTree(Map.of("username", u, "enabled", true)));
            }
        });
        try {
            String r = "/" + twin.name();
            Map<String, String> ids = new HashMap<>(); // group id here -> in the twin
            List<String> pending = new ArrayList<>(new TreeSet<>(m.groupParent.keySet()));
            while (!pending.isEmpty()) { // parents first
                for (String g : new ArrayList<>(pending)) {
                    String parent = m.groupParent.get(g);
                    if (parent != null && !ids.containsKey(parent)) {
                        continue;
                    }
                    String name = realm.admin()
                            .get("/" + realm.name() + "/groups/" + g)
                            .get("name")
                            .asText();
                    Http.Reply created = admin.call(
                            "POST",
                            r + "/groups" + (parent == null ? "" : "/" + ids.get(parent) + "/children"),
                            Map.of("name", name));
                    String location = created.header("Location");
                    ids.put(g, location.substring(location.lastIndexOf('/') + 1));
                    pending.remove(g);
                }
            }
            Model moved = new Model();
            m.groupParent.forEach(
                    (g, parent) -> moved.groupParent.put(ids.get(g), parent == null ? null : ids.get(parent)));
            m.userGroups.forEach((u, groups) -> {
                String user = twin.adminUser(u).get("id").asText();
                Set<String> mine = new HashSet<>();
                for (String g : groups) {
                    mine.add(ids.get(g));
                    admin.call("PUT", r + "/users/" + user + "/groups/" + ids.get(g), null);
                }
                moved.userGroups.put(u, mine);
            });
            moved.entityParent.putAll(m.entityParent);
            moved.entityOwner.putAll(m.entityOwner);
            moved.entityType.putAll(m.entityType);
            m.shares.forEach((k, cascade) -> {
                String[] x = k.split("\\|");
                String principal = x[2].equals("GROUP") ? ids.get(x[3]) : x[3];
                moved.shares.put(x[0] + "|" + x[1] + "|" + x[2] + "|" + principal, cascade);
            });
            Http.Reply imported = admin.call("POST", r + "/custos/bundle", bundle.json());
            expect(200, imported, where + ": import");
            SharingApi api = new SharingApi(twin, twin.tenantAuth());
            return verify(api, moved, rnd, where)
                    + verifyAuthZen(new AuthZenApi(twin, twin.tenantAuth()), moved, rnd, where);
        } finally {
            twin.close();
        }
    }

    private int verify(SharingApi api, Model m, Random rnd, String where) {
        List<String> entities = new ArrayList<>(new TreeSet<>(m.entityOwner.keySet()));
        List<String> users = new ArrayList<>(new TreeSet<>(m.userGroups.keySet()));
        int checks = 0;
        // Batch: every user x entity x permission.
        List<String[]> all = new ArrayList<>();
        for (String u : users) {
            for (String e : entities) {
                for (String p : ALL_PERMS) {
                    all.add(new String[] {e, p, u});
                }
            }
        }
        for (int i = 0; i < all.size(); i += 1000) {
            List<String[]> chunk = all.subList(i, Math.min(all.size(), i + 1000));
            List<Boolean> got = api.batch(chunk);
            for (int j = 0; j < chunk.size(); j++) {
                String[] c = chunk.get(j);
                assertEquals(m.check(c[2], c[0], c[1]), got.get(j), where + ": batch check " + String.join(" ", c));
            }
            checks += chunk.size();
        }
        // Single checks, a sample.
        for (int i = 0; i < 60 && !all.isEmpty(); i++) {
            String[] c = all.get(rnd.nextInt(all.size()));
            assertEquals(
                    m.check(c[2], c[0], c[1]), api.check(c[0], c[1], c[2]), where + ": check " + String.join(" ", c));
            checks++;
        }
        // Holder lists, a sample of entities and every permission.
        for (String e : pick(rnd, entities, Math.min(6, entities.size()))) {
            for (String p : ALL_PERMS) {
                boolean direct = rnd.nextBoolean();
                assertEquals(
                        m.holders("USER", e, p, direct),
                        new TreeSet<>(api.holders("users", e, p, direct)),
                        where + ": users holding " + p + " on " + e + (direct ? " directly" : ""));
                assertEquals(
                        m.holders("GROUP", e, p, direct),
                        new TreeSet<>(api.holders("groups", e, p, direct)),
                        where + ": groups holding " + p + " on " + e + (direct ? " directly" : ""));
            }
        }
        for (String u : users) {
            // Search with owner_id: every entity the user reaches with some permission, in id order.
            List<String> reach = entities.stream()
                    .filter(e -> ALL_PERMS.stream().anyMatch(p -> m.check(u, e, p)))
                    .toList();
            assertEquals(reach, api.search(u, List.of()), where + ": search for " + u);
            String type = rnd.nextBoolean() ? "T1" : "T2";
            List<String> ofType =
                    reach.stream().filter(e -> type.equals(m.entityType.get(e))).toList();
            assertEquals(
                    ofType,
                    api.search(u, List.of(Map.of("search_field", "ENTITY_TYPE_ID", "value", type))),
                    where + ": search for " + u + " of type " + type);
            // Reverse lookup, walked in small pages: each reachable entity once, in id order.
            String p = PERMS.get(rnd.nextInt(PERMS.size()));
            List<String> expected =
                    entities.stream().filter(e -> m.check(u, e, p)).toList();
            assertEquals(
                    expected,
                    api.reachable(u, p, null, 1 + rnd.nextInt(4)),
                    where + ": entities " + u + " reaches with " + p);
        }
        return checks;
    }

    /** The same world through the AuthZEN endpoints: evaluation, evaluations (three semantics), three searches. */
    private int verifyAuthZen(AuthZenApi az, Model m, Random rnd, String where) {
        List<String> entities = new ArrayList<>(new TreeSet<>(m.entityOwner.keySet()));
        List<String> users = new ArrayList<>(new TreeSet<>(m.userGroups.keySet()));
        List<String> groups = new ArrayList<>(new TreeSet<>(m.groupParent.keySet()));
        int checks = 0;
        for (int i = 0; i < 40; i++) {
            String u = users.get(rnd.nextInt(users.size()));
            String e = entities.get(rnd.nextInt(entities.size()));
            String p = ALL_PERMS.get(rnd.nextInt(ALL_PERMS.size()));
            String type = rnd.nextInt(5) == 0 ? otherType(m.entityType.get(e)) : m.entityType.get(e);
            boolean expected = type.equals(m.entityType.get(e)) && m.check(u, e, p);
            assertEquals(
                    expected,
                    az.evaluate(AuthZenApi.subject("user", u), p, AuthZenApi.resource(type, e)),
                    where + ": evaluation " + u + " " + p + " " + type + "/" + e);
            checks++;
            if (!groups.isEmpty()) {
                String g = groups.get(rnd.nextInt(groups.size()));
                assertEquals(
                        m.groupHolds(g, e, p),
                        az.evaluate(AuthZenApi.subject("group", g), p, AuthZenApi.resource(m.entityType.get(e), e)),
                        where + ": evaluation group " + g + " " + p + " " + e);
                checks++;
            }
        }
        for (String semantic : List.of("execute_all", "deny_on_first_deny", "permit_on_first_permit")) {
            for (int round = 0; round < 3; round++) {
                String u = users.get(rnd.nextInt(users.size()));
                List<Map<String, Object>> items = new ArrayList<>();
                List<Boolean> expected = new ArrayList<>();
                for (int i = 0, n = 1 + rnd.nextInt(40); i < n; i++) {
                    String e = entities.get(rnd.nextInt(entities.size()));
                    String p = ALL_PERMS.get(rnd.nextInt(ALL_PERMS.size()));
                    String who = rnd.nextInt(4) == 0 ? users.get(rnd.nextInt(users.size())) : u;
                    Map<String, Object> item = new HashMap<>();
                    item.put("resource", AuthZenApi.resource(m.entityType.get(e), e));
                    item.put("action", AuthZenApi.action(p));
                    if (!who.equals(u)) {
                        item.put("subject", AuthZenApi.subject("user", who));
                    }
                    items.add(item);
                    expected.add(m.check(who, e, p));
                }
                List<Boolean> answered = new ArrayList<>();
                for (boolean d : expected) {
                    answered.add(d);
                    if ((semantic.equals("deny_on_first_deny") && !d)
                            || (semantic.equals("permit_on_first_permit") && d)) {
                        break;
                    }
                }
                assertEquals(
                        answered,
                        az.evaluations(Map.of(
                                "subject", AuthZenApi.subject("user", u),
                                "options", Map.of("evaluations_semantic", semantic),
                                "evaluations", items)),
                        where + ": evaluations " + semantic + " " + items);
                checks += items.size();
            }
        }
        for (String e : pick(rnd, entities, Math.min(5, entities.size()))) {
            String p = ALL_PERMS.get(rnd.nextInt(ALL_PERMS.size()));
            Map<String, Object> request =
                    Map.of("action", AuthZenApi.action(p), "resource", AuthZenApi.resource(m.entityType.get(e), e));
            List<String> people = users.stream().filter(u -> m.check(u, e, p)).toList();
            Map<String, Object> forUsers = new HashMap<>(request);
            forUsers.put("subject", AuthZenApi.subject("user", null));
            assertEquals(
                    people,
                    az.search("subject", forUsers, 1 + rnd.nextInt(4)),
                    where + ": users who may " + p + " " + e);
            List<String> holding =
                    groups.stream().filter(g -> m.groupHolds(g, e, p)).toList();
            Map<String, Object> forGroups = new HashMap<>(request);
            forGroups.put("subject", AuthZenApi.subject("group", null));
            assertEquals(
                    holding,
                    az.search("subject", forGroups, 1 + rnd.nextInt(4)),
                    where + ": groups that may " + p + " " + e);
            checks += users.size() + groups.size();
        }
        for (String u : users) {
            String type = rnd.nextBoolean() ? "T1" : "T2";
            String p = ALL_PERMS.get(rnd.nextInt(ALL_PERMS.size()));
            List<String> expected = entities.stream()
                    .filter(e -> type.equals(m.entityType.get(e)) && m.check(u, e, p))
                    .toList();
            assertEquals(
                    expected,
                    az.search(
                            "resource",
                            Map.of(
                                    "subject", AuthZenApi.subject("user", u),
                                    "action", AuthZenApi.action(p),
                                    "resource", AuthZenApi.resource(type, null)),
                            1 + rnd.nextInt(4)),
                    where + ": " + type + " entities " + u + " may " + p);
            String e = entities.get(rnd.nextInt(entities.size()));
            List<String> actions = new TreeSet<>(ALL_PERMS)
                    .stream().filter(p2 -> m.check(u, e, p2)).toList();
            assertEquals(
                    actions,
                    az.search(
                            "action",
                            Map.of(
                                    "subject", AuthZenApi.subject("user", u),
                                    "resource", AuthZenApi.resource(m.entityType.get(e), e)),
                            1 + rnd.nextInt(3)),
                    where + ": what " + u + " may do on " + e);
            checks += entities.size() + ALL_PERMS.size();
        }
        return checks;
    }

    private static String otherType(String type) {
        return type.equals("T1") ? "T2" : "T1";
    }

    private static List<String> pick(Random rnd, List<String> from, int n) {
        List<String> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, rnd);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    private static void expect(int status, Http.Reply reply, String what) {
        assertEquals(status, reply.status(), what + " -> " + reply);
        Objects.requireNonNull(reply);
    }
}
