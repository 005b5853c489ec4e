package org.custos.keycloak.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Requests that keep running while the database goes away, on one or more nodes, each judged as a client would
 * judge it: a write (a new entity under {@code outage-root}), a list (GET users with client credentials), a search
 * (POST entities), a token-authenticated read (alice's secret summaries with her own token) and a member listing.
 * The contract: every answer is 200 or 503 — never a 500, never a 401 for a valid token (a client would drop it),
 * and never a 200 that is empty or partial where data exists (a gateway syncing from a list would think it gone).
 */
public final class OutageLoad {

    /** One kind of request and what a 200 must contain. */
    public record Probe(String name, Http.Request request, Predicate<JsonNode> complete) {}

    private final ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    /** The probes of a node for a realm prepared by {@link #prepare}. */
    public static List<Probe> probes(TestRealm realm, String node, String userToken, String groupId) {
        return List.of(
                new Probe(
                        "GET users",
                        Http.request("GET", on(realm, node, "user-management", "users?limit=50"))
                                .auth(realm.tenantAuth()),
                        body -> body.path("users").size() > 0
                                && body.path("total_size").asInt() > 0),
                new Probe(
                        "POST entities",
                        Http.request("POST", on(realm, node, "sharing-management", "entities"))
                                .auth(realm.tenantAuth())
                                .json(Map.of("limit", 10)),
                        body -> body.path("entity_array").size() > 0),
                new Probe(
                        "GET secret/summaries (user token)",
                        Http.request("GET", on(realm, node, "resource-secret-management", "secret/summaries"))
                                .auth(Http.bearer(userToken)),
                        body -> body.path("metadata").size() > 0),
                new Probe(
                        "GET members",
                        Http.request(
                                        "GET",
                                        on(
                                                realm,
                                                node,
                                                "group-management",
                                                "user/group/memberships/child?group.id=" + groupId))
                                .auth(realm.tenantAuth()),
                        body -> body.path("profiles").size() > 0
                                || body.path("users").size() > 0));
    }

    /**
     * Data every probe finds while the database is up: an entity type and root entity, a secret of alice's and a
     * group with alice in it; returns the group's id.
     */
    public static String prepare(TestRealm realm, String node) {
        SharingApi sharing = new SharingApi(realm, realm.tenantAuth());
        Http.Reply type = Http.request("POST", on(realm, node, "sharing-management", "entity/type"))
                .auth(realm.tenantAuth())
                .json(Map.of("entity_type", Map.of("id", "OUTAGE")))
                .send();
        require(type, "entity type");
        require(
                Http.request("POST", on(realm, node, "sharing-management", "entity"))
                        .auth(realm.tenantAuth())
                        .json(Map.of("entity", Map.of("id", "outage-root", "type", "OUTAGE", "owner_id", "alice")))
                        .send(),
                "root entity");
        require(
                Http.request("POST", on(realm, node, "resource-secret-management", "secret/password"))
                        .auth(realm.tenantAuth())
                        .json(Map.of("metadata", Map.of("owner_id", "alice"), "password", "outage-secret"))
                        .send(),
                "secret");
        Http.Reply group = Http.request("POST", on(realm, node, "group-management", "group"))
                .auth(realm.tenantAuth())
                .json(Map.of("group", Map.of("name", "outage-group", "owner_id", "alice")))
                .send();
        require(group, "group");
        return group.json().path("id").asText();
    }

    private static void require(Http.Reply r, String what) {
        if (r.status() != 200) {
            throw new IllegalStateException(what + ": " + r);
        }
    }

    private static String on(TestRealm realm, String node, String service, String path) {
        String url = realm.custos(service, path);
        return node + url.substring(url.indexOf("/realms/"));
    }

    /** Starts a writer and a reader per node; they run until {@link #stop}. */
    public void start(TestRealm realm, List<String> nodes, String userToken, String groupId) {
        for (int t = 0; t < nodes.size(); t++) {
            String node = nodes.get(t);
            String prefix = "outage-" + t + "-";
            threads.add(new Thread(() -> write(realm, node, prefix)));
            List<Probe> probes = probes(realm, node, userToken, groupId);
            threads.add(new Thread(() -> read(probes)));
        }
        threads.forEach(Thread::start);
    }

    private void write(TestRealm realm, String node, String prefix) {
        for (int n = 0; running.get(); n++) {
            String id = prefix + n;
            Map<String, Object> entity =
                    Map.of("id", id, "type", "OUTAGE", "owner_id", "alice", "parent_id", "outage-root");
            judge(
                    "POST entity " + id,
                    Http.request("POST", on(realm, node, "sharing-management", "entity"))
                            .auth(realm.tenantAuth())
                            .json(Map.of("entity", entity)),
                    body -> {
                        written.add(id);
                        return true;
                    });
        }
    }

    private void read(List<Probe> probes) {
        for (int n = 0; running.get(); n++) {
            Probe p = probes.get(n % probes.size());
            reads.incrementAndGet();
            judge(p.name(), p.request(), p.complete());
        }
    }

    private void judge(String what, Http.Request request, Predicate<JsonNode> complete) {
        Http.Reply r;
        try {
            r = request.send();
        } catch (AssertionError | RuntimeException e) {
            // An answer outside the API's contract (a 500 the harness refuses): wrong, and the load goes on.
            wrong.add(what + " " + e.getMessage());
            return;
        }
        if (r.status() == 503 && r.body().contains("temporarily_unavailable")) {
            unavailable.incrementAndGet();
        } else if (r.status() != 200) {
            wrong.add(what + " " + r);
        } else if (!complete.test(r.json())) {
            wrong.add(what + " answered 200 without its data: " + r);
        }
    }

    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    public List<String> written() {
        return List.copyOf(written);
    }

    public List<String> wrong() {
        return List.copyOf(wrong);
    }

    public int unavailable() {
        return unavailable.get();
    }

    public int reads() {
        return reads.get();
    }

    /**
     * Checks the database itself: every write that answered 200 is stored, and no entity of the load is stored
     * without its owner share or its parent link (nothing half-written). Returns a description of what is wrong.
     */
    public List<String> checkStored(String jdbcUrl, String user, String password) throws java.sql.SQLException {
        List<String> problems = new ArrayList<>();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(jdbcUrl, user, password)) {
            java.util.Set<String> stored = new java.util.HashSet<>();
            try (var rs = db.createStatement()
                    .executeQuery(
                            "select EXTERNAL_ID from CUSTOS_SHARING_ENTITY where EXTERNAL_ID like 'outage-%-%'")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            written.stream()
                    .filter(id -> !stored.contains(id))
                    .forEach(id -> problems.add("answered 200, lost: " + id));
            try (var rs = db.createStatement()
                    .executeQuery("select count(*) from CUSTOS_SHARING_ENTITY e "
                            + "where e.EXTERNAL_ID like 'outage-%-%' and (not exists (select 1 from CUSTOS_SHARE s "
                            + "where s.ENTITY_ID = e.ID and s.PERMISSION_ID = 'OWNER') or not exists (select 1 from "
                            + "CUSTOS_ENTITY_ANCESTOR x where x.ENTITY_ID = e.ID and x.DEPTH = 1))")) {
                rs.next();
                if (rs.getInt(1) != 0) {
                    problems.add(rs.getInt(1) + " entities stored without their owner share or parent link");
                }
            }
        }
        return problems;
    }

    /** Runs the control script of the test database ({@code .ci/postgres.sh down|up}); its exit code. */
    public static int database(String command) throws java.io.IOException, InterruptedException {
        return new ProcessBuilder("bash", System.getProperty("custos.cluster.pg.control"), command)
                .inheritIO()
                .start()
                .waitFor();
    }

    /**
     * Stops the database for at least five seconds and until a request has answered 503 (a request that meets the
     * outage may wait for a connection up to the pool's acquisition timeout before it answers), then starts it
     * again; returns how long it was down, in ms.
     */
    public long outage() throws java.io.IOException, InterruptedException {
        if (database("down") != 0) {
            throw new IllegalStateException("the database did not stop");
        }
        long down = System.currentTimeMillis();
        while (System.currentTimeMillis() - down < 5000
                || (unavailable.get() == 0 && System.currentTimeMillis() - down < 30_000)) {
            Thread.sleep(100);
        }
        long length = System.currentTimeMillis() - down;
        if (database("up") != 0) {
            throw new IllegalStateException("the database did not start again");
        }
        return length;
    }
}
