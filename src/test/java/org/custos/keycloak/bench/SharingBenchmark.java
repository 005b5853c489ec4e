package org.custos.keycloak.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.Postgres;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Our sharing check against Keycloak Authorization Services deciding the same question, side by side in one run on
 * one server on PostgreSQL, at several dataset sizes. Run by {@code bench/run.sh} (see bench/README.md); not part
 * of the test suite.
 *
 * <p>Dataset per size N: 10,000 users (the first {@value #PROBES} with passwords, for Authorization Services'
 * user tokens), 100 groups in 20 chains of depth 5 (users in one to two groups), N entities in parent chains of
 * depth 5; every chain root is owned by a user and shared cascading (READ) with a group; every entity is shared
 * directly (READ) with a user with probability 1/2 and (WRITE) with a group with probability 1/4. Our tables are
 * filled with SQL (the API would take hours at 100k); Authorization Services gets the same entities as resources
 * (scopes READ and WRITE), one user or group policy per principal (group policies extend to children, as our group
 * shares reach sub-groups) and one scope permission per share over the entity and — cascading — its descendants,
 * imported through its own import endpoint.
 *
 * <p>Load: for each size, the same (user, entity) READ pairs go to our {@code GET entity/user/access} (client
 * credentials) and to Keycloak's token endpoint with {@code grant_type=uma-ticket, response_mode=decision} (the
 * user's bearer token), alternating phases: an open model at a fixed arrival rate (latency from the intended send
 * time, so queueing counts) and a closed loop for throughput. Both must give the same answers for the same pairs.
 */
@EnabledIfSystemProperty(named = "custos.bench", matches = "true", disabledReason = "benchmark: -Dcustos.bench=true")
class SharingBenchmark {

    static final int USERS = Integer.getInteger("custos.bench.users", 10_000);
    static final int PROBES = 40;
    static final int GROUP_CHAINS = 20;
    static final int GROUP_DEPTH = 5;
    static final int ENTITY_DEPTH = 5;
    static final String RS = "bench-rs";
    /** A user outside the probes who reaches every entity (READ, cascading from every chain root): searches. */
    static final String HOLDER = "resource-holder";

    static final int BATCH = 100;

    record Stats(
            String system, int size, int count, double p50, double p95, double p99, double throughput, int errors) {}

    @Test
    void sharingCheckVersusAuthorizationServices() throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("custos.bench.sizes", "1000,3000,10000,100000")
                        .split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        int authzMax = Integer.getInteger("custos.bench.authz.max", 3_000);
        int rate = Integer.getInteger("custos.bench.rate", 100);
        int seconds = Integer.getInteger("custos.bench.seconds", 20);
        List<Stats> results = new ArrayList<>();
        Map<Integer, String> agreement = new LinkedHashMap<>();
        AdminApi admin = new AdminApi(KeycloakServer.get());
        for (int size : sizes) {
            Dataset d = Dataset.generate(size, 42L + size);
            try (TestRealm realm = TestRealm.create(admin, "bench" + size, d::addToRealm)) {
                long t0 = System.nanoTime();
                d.seedSharingTables(admin, realm);
                System.out.printf("size %d: sharing tables seeded in %.1f s%n", size, (System.nanoTime() - t0) / 1e9);
                boolean withAuthz = size <= authzMax;
                Map<String, String> tokens = new HashMap<>();
                if (withAuthz) {
                    t0 = System.nanoTime();
                    d.seedAuthorizationServices(admin, realm);
                    System.out.printf(
                            "size %d: authorization services imported in %.1f s%n",
                            size, (System.nanoTime() - t0) / 1e9);
                    for (int i = 0; i < PROBES; i++) {
                        tokens.put(
                                d.username(i),
                                realm.nativePasswordGrant(
                                                TestRealm.TENANT_CLIENT,
                                                realm.tenantSecret(),
                                                d.username(i),
                                                "probe-password")
                                        .get("access_token")
                                        .asText());
                    }
                }
                List<int[]> pairs = d.probePairs(2000, new Random(size));
                HttpClient client = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                Function<int[], HttpRequest> ours = p -> HttpRequest.newBuilder(URI.create(realm.custos(
                                "sharing-management",
                                "entity/user/access?entity.id=" + d.entityId(p[1])
                                        + "&permission_type.id=READ&owner_id=" + d.username(p[0]))))
                        .header("Authorization", realm.tenantAuth())
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build();
                Function<int[], HttpRequest> authz =
                        p -> HttpRequest.newBuilder(URI.create(realm.realmUrl() + "/protocol/openid-connect/token"))
                                .header("Authorization", "Bearer " + tokens.get(d.username(p[0])))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type="
                                        + enc("urn:ietf:params:oauth:grant-type:uma-ticket") + "&audience=" + RS
                                        + "&response_mode=decision&permission=" + enc(d.entityId(p[1]) + "#READ")))
                                .build();
                // The PEP's token, with scope openid so that Keycloak's userinfo endpoint takes it as well.
                String pep = "Bearer " + realm.tenantClientToken("openid");
                String rs = withAuthz
                        ? "Bearer "
                                + realm.nativeClientCredentials(RS, "rs-secret")
                                        .get("access_token")
                                        .asText()
                        : null;
                String authzen = realm.realmUrl() + "/custos/authzen/access/v1/";
                Function<int[], HttpRequest> evaluation = p -> post(authzen + "evaluation", pep, evaluationBody(d, p));
                Function<int[], HttpRequest> evaluationBasic =
                        p -> post(authzen + "evaluation", realm.tenantAuth(), evaluationBody(d, p));
                Function<int[], HttpRequest> keycloakAuthZen =
                        p -> post(realm.realmUrl() + "/authzen/access/v1/evaluation", rs, evaluationBody(d, p));
                List<String> batches = new ArrayList<>();
                for (int b = 0; b < 20; b++) {
                    ArrayNode items = Http.JSON.createArrayNode();
                    for (int k = 0; k < BATCH; k++) {
                        int[] p = pairs.get((b * BATCH + k) % pairs.size());
                        items.add(Http.JSON.valueToTree(Map.of(
                                "subject", Map.of("type", "user", "id", d.username(p[0])),
                                "resource", Map.of("type", "DOC", "id", d.entityId(p[1])))));
                    }
                    ObjectNode body = Http.JSON.createObjectNode();
                    body.putObject("action").put("name", "READ");
                    body.set("evaluations", items);
                    batches.add(body.toString());
                }
                Function<int[], HttpRequest> evaluations =
                        p -> post(authzen + "evaluations", pep, batches.get(p[1] % batches.size()));
                // The common PEP batch: one subject (a page of a UI), 100 resources.
                List<String> oneSubject = new ArrayList<>();
                for (int b = 0; b < 20; b++) {
                    ArrayNode items = Http.JSON.createArrayNode();
                    for (int k = 0; k < BATCH; k++) {
                        int[] p = pairs.get((b * BATCH + k) % pairs.size());
                        items.add(Http.JSON.valueToTree(
                                Map.of("resource", Map.of("type", "DOC", "id", d.entityId(p[1])))));
                    }
                    ObjectNode body = Http.JSON.createObjectNode();
                    body.putObject("subject").put("type", "user").put("id", d.username(pairs.get(b)[0]));
                    body.putObject("action").put("name", "READ");
                    body.set("evaluations", items);
                    oneSubject.add(body.toString());
                }
                Function<int[], HttpRequest> evaluationsOneSubject =
                        p -> post(authzen + "evaluations", pep, oneSubject.get(p[1] % oneSubject.size()));
                String searchBody = "{\"subject\":{\"type\":\"user\",\"id\":\"" + HOLDER + "\"},"
                        + "\"action\":{\"name\":\"READ\"},\"resource\":{\"type\":\"DOC\"},\"page\":{\"limit\":100}}";
                Function<int[], HttpRequest> search = p -> post(authzen + "search/resource", pep, searchBody);
                JsonNode firstPage =
                        Http.JSON.readTree(client.send(search.apply(pairs.get(0)), HttpResponse.BodyHandlers.ofString())
                                .body());
                assertEquals(Math.min(100, size), firstPage.get("results").size(), "the holder's first page");
                String same = agreeAuthZen(
                        client, pairs.subList(0, 300), ours, evaluation, withAuthz ? keycloakAuthZen : null);
                if (withAuthz) {
                    same = agree(client, pairs.subList(0, 300), ours, authz) + "; " + same;
                }
                agreement.put(size, same);
                // The floor: Keycloak's cheapest endpoint (the realm's public info, no database), same client and load.
                Function<int[], HttpRequest> floor = p -> HttpRequest.newBuilder(URI.create(realm.realmUrl()))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build();
                // Keycloak's cheapest endpoint that verifies the same token: userinfo (signature, expiry, the
                // token's user and client, a transient session for a token without one).
                Function<int[], HttpRequest> userinfo =
                        p -> HttpRequest.newBuilder(URI.create(realm.realmUrl() + "/protocol/openid-connect/userinfo"))
                                .header("Authorization", pep)
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build();
                assertEquals(
                        200,
                        client.send(userinfo.apply(pairs.get(0)), HttpResponse.BodyHandlers.discarding())
                                .statusCode(),
                        "userinfo takes the PEP's token");
                // Keycloak's cheapest endpoint that authenticates the same client credentials: token introspection of
                // a token that is not one (client authentication, then {"active": false}).
                String basic = "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString((TestRealm.TENANT_CLIENT + ":" + realm.tenantSecret())
                                        .getBytes(StandardCharsets.UTF_8));
                Function<int[], HttpRequest> introspect = p -> HttpRequest.newBuilder(
                                URI.create(realm.realmUrl() + "/protocol/openid-connect/token/introspect"))
                        .header("Authorization", basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("token=not-a-token"))
                        .build();
                assertEquals(
                        200,
                        client.send(introspect.apply(pairs.get(0)), HttpResponse.BodyHandlers.discarding())
                                .statusCode(),
                        "introspection takes the PEP's client credentials");
                // Warm-up, then alternate: ours, authz, ours, authz.
                Driver.closedLoop(client, pairs, ours, 4, 5);
                if (withAuthz) {
                    Driver.closedLoop(client, pairs, authz, 4, 5);
                }
                Driver.closedLoop(client, pairs, floor, 4, 3);
                for (int round = 0; round < 2; round++) {
                    results.add(Driver.openModel(
                            "Keycloak floor: GET /realms/{realm}",
                            size,
                            client,
                            pairs,
                            floor,
                            rate,
                            seconds / 2,
                            round));
                    results.add(Driver.openModel(
                            "Keycloak userinfo, same token", size, client, pairs, userinfo, rate, seconds / 2, round));
                    results.add(Driver.openModel(
                            "Keycloak introspection, same client credentials",
                            size,
                            client,
                            pairs,
                            introspect,
                            rate,
                            seconds / 2,
                            round));
                    results.add(Driver.openModel("custos check", size, client, pairs, ours, rate, seconds / 2, round));
                    results.add(Driver.openModel(
                            "custos AuthZEN evaluation", size, client, pairs, evaluation, rate, seconds / 2, round));
                    results.add(Driver.openModel(
                            "custos AuthZEN evaluation (client credentials)",
                            size,
                            client,
                            pairs,
                            evaluationBasic,
                            rate,
                            seconds / 2,
                            round));
                    results.add(Driver.openModel(
                            "custos AuthZEN resource search (first 100)",
                            size,
                            client,
                            pairs,
                            search,
                            rate,
                            seconds / 2,
                            round));
                    if (withAuthz) {
                        results.add(Driver.openModel(
                                "Keycloak AuthZEN (--features=authzen)",
                                size,
                                client,
                                pairs,
                                keycloakAuthZen,
                                rate,
                                seconds / 2,
                                round));
                    }
                    if (withAuthz) {
                        results.add(Driver.openModel(
                                "Authorization Services", size, client, pairs, authz, rate, seconds / 2, round));
                    }
                }
                results.add(Driver.closedLoop(client, pairs, ours, 4, 10).named("custos check (throughput)", size));
                // Unloaded latency, one request at a time: one evaluation vs 100 in one evaluations request.
                results.add(Driver.closedLoop(client, pairs, ours, 1, seconds / 2)
                        .named("custos check (sequential)", size));
                results.add(Driver.closedLoop(client, pairs, evaluation, 1, seconds / 2)
                        .named("custos AuthZEN evaluation (sequential)", size));
                results.add(Driver.closedLoop(client, pairs, evaluations, 1, seconds / 2)
                        .named("custos AuthZEN evaluations x100 (sequential)", size));
                results.add(Driver.closedLoop(client, pairs, evaluationsOneSubject, 1, seconds / 2)
                        .named("custos AuthZEN evaluations x100, one subject (sequential)", size));
                if (withAuthz) {
                    results.add(Driver.closedLoop(client, pairs, authz, 4, 10)
                            .named("Authorization Services (throughput)", size));
                }
                // What is measured so far is on disk before the realm goes (its deletion can take minutes).
                Path partial = Path.of(System.getProperty("custos.bench.out", "bench/results"));
                Files.createDirectories(partial);
                Files.writeString(
                        partial.resolve(LocalDate.now() + "-partial.md"),
                        Report.markdown(Report.merge(results), agreement, rate, seconds));
                // -Dcustos.bench.pause=S keeps the realm S seconds for a look at the database (query plans).
                Thread.sleep(Long.getLong("custos.bench.pause", 0) * 1000);
            }
        }
        String date = LocalDate.now().toString();
        Path dir = Path.of(System.getProperty("custos.bench.out", "bench/results"));
        Files.createDirectories(dir);
        List<Stats> merged = Report.merge(results);
        Files.writeString(dir.resolve(date + ".md"), Report.markdown(merged, agreement, rate, seconds));
        Report.plot(merged, dir.resolve(date + ".png"));
        System.out.println(Report.markdown(merged, agreement, rate, seconds));
        assertTrue(merged.stream().allMatch(s -> s.errors() == 0), "every request succeeded: " + merged);
    }

    static HttpRequest post(String url, String auth, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    static String evaluationBody(Dataset d, int[] p) {
        return "{\"subject\":{\"type\":\"user\",\"id\":\"" + d.username(p[0]) + "\"},\"action\":{\"name\":\"READ\"},"
                + "\"resource\":{\"type\":\"DOC\",\"id\":\"" + d.entityId(p[1]) + "\"}}";
    }

    /** Our AuthZEN evaluation (and Keycloak's, when seeded) answer the same pairs as our check. */
    static String agreeAuthZen(
            HttpClient client,
            List<int[]> pairs,
            Function<int[], HttpRequest> check,
            Function<int[], HttpRequest> evaluation,
            Function<int[], HttpRequest> keycloak)
            throws Exception {
        int same = 0;
        int sameKeycloak = 0;
        for (int[] p : pairs) {
            boolean expected = Http.JSON
                    .readTree(client.send(check.apply(p), HttpResponse.BodyHandlers.ofString())
                            .body())
                    .get("status")
                    .asBoolean();
            HttpResponse<String> e = client.send(evaluation.apply(p), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, e.statusCode(), e.body());
            if (Http.JSON.readTree(e.body()).get("decision").asBoolean() == expected) {
                same++;
            }
            if (keycloak != null) {
                HttpResponse<String> k = client.send(keycloak.apply(p), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, k.statusCode(), "Keycloak's AuthZEN: " + k.body());
                if (Http.JSON.readTree(k.body()).get("decision").asBoolean() == expected) {
                    sameKeycloak++;
                }
            }
        }
        assertEquals(pairs.size(), same, "our AuthZEN evaluation and our check disagree");
        if (keycloak != null) {
            assertEquals(pairs.size(), sameKeycloak, "Keycloak's AuthZEN and our check disagree");
        }
        return "AuthZEN " + same + "/" + pairs.size()
                + (keycloak == null ? "" : ", Keycloak AuthZEN " + sameKeycloak + "/" + pairs.size());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Both systems answer the same pairs the same way; returns "n/n agree (k allowed)". */
    static String agree(
            HttpClient client, List<int[]> pairs, Function<int[], HttpRequest> ours, Function<int[], HttpRequest> authz)
            throws Exception {
        int same = 0;
        int allowed = 0;
        for (int[] p : pairs) {
            HttpResponse<String> a = client.send(ours.apply(p), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> b = client.send(authz.apply(p), HttpResponse.BodyHandlers.ofString());
            boolean oursAllows = Http.JSON.readTree(a.body()).get("status").asBoolean();
            boolean authzAllows = b.statusCode() == 200
                    && Http.JSON.readTree(b.body()).path("result").asBoolean();
            if (b.statusCode() != 200 && b.statusCode() != 403) {
                throw new AssertionError("authorization services answered " + b.statusCode() + " " + b.body());
            }
            if (oursAllows == authzAllows) {
                same++;
            }
            if (oursAllows) {
                allowed++;
            }
        }
        assertEquals(pairs.size(), same, "our checks and Authorization Services disagree");
        return same + "/" + pairs.size() + " agree (" + allowed + " allowed)";
    }

    /** The dataset of one size, generated from a seed, written to both systems. */
    static final class Dataset {
        final int size;
        final Random rnd;
        final int[] entityParent;
        final int[] chainOwner;
        final List<int[]> userShares = new ArrayList<>(); // {entity, user, cascade(0/1)} READ
        final List<int[]> groupShares = new ArrayList<>(); // {entity, group, cascade, perm(0 READ, 1 WRITE)}
        final int[][] userGroups = new int[USERS][];
        final String[] groupPaths = new String[GROUP_CHAINS * GROUP_DEPTH];
        Map<Integer, String> groupIds = new HashMap<>();
        Map<Integer, String> userIds = new HashMap<>();

        private Dataset(int size, long seed) {
            this.size = size;
            this.rnd = new Random(seed);
            this.entityParent = new int[size];
            this.chainOwner = new int[size];
        }

        static Dataset generate(int size, long seed) {
            Dataset d = new Dataset(size, seed);
            for (int c = 0; c < GROUP_CHAINS; c++) {
                String path = "";
                for (int k = 0; k < GROUP_DEPTH; k++) {
                    path += "/g" + c + "-" + k;
                    d.groupPaths[c * GROUP_DEPTH + k] = path;
                }
            }
            for (int u = 0; u < USERS; u++) {
                int first = d.rnd.nextInt(GROUP_CHAINS * GROUP_DEPTH);
                int second = d.rnd.nextInt(GROUP_CHAINS * GROUP_DEPTH);
                d.userGroups[u] =
                        d.rnd.nextBoolean() || first == second ? new int[] {first} : new int[] {first, second};
            }
            for (int e = 0; e < size; e++) {
                boolean root = e % ENTITY_DEPTH == 0;
                d.entityParent[e] = root ? -1 : e - 1;
                d.chainOwner[e] = root ? d.user() : d.chainOwner[e - 1];
                if (root) {
                    d.groupShares.add(new int[] {e, d.rnd.nextInt(GROUP_CHAINS * GROUP_DEPTH), 1, 0});
                }
                if (d.rnd.nextBoolean()) {
                    d.userShares.add(new int[] {e, d.user(), 0});
                }
                if (d.rnd.nextInt(4) == 0) {
                    d.groupShares.add(new int[] {e, d.rnd.nextInt(GROUP_CHAINS * GROUP_DEPTH), 0, 1});
                }
            }
            return d;
        }

        /** A user, one in three from the probes so that checks hit both answers. */
        int user() {
            return rnd.nextInt(3) == 0 ? rnd.nextInt(PROBES) : rnd.nextInt(USERS);
        }

        String username(int u) {
            return String.format("user-%05d", u);
        }

        String entityId(int e) {
            return "entity-" + e;
        }

        void addToRealm(ObjectNode rep) {
            rep.put("bruteForceProtected", false);
            // Tokens fetched once per size must outlive its load phases.
            rep.put("accessTokenLifespan", 3600);
            rep.withArray("users")
                    .add(Http.JSON.createObjectNode().put("username", HOLDER).put("enabled", true));
            ArrayNode groups = rep.putArray("groups");
            for (int c = 0; c < GROUP_CHAINS; c++) {
                ObjectNode parent = null;
                for (int k = 0; k < GROUP_DEPTH; k++) {
                    ObjectNode g = Http.JSON.createObjectNode().put("name", "g" + c + "-" + k);
                    if (parent == null) {
                        groups.add(g);
                    } else {
                        parent.putArray("subGroups").add(g);
                    }
                    parent = g;
                }
            }
            ArrayNode users = rep.withArray("users");
            for (int u = 0; u < USERS; u++) {
                ObjectNode user = Http.JSON
                        .createObjectNode()
                        .put("username", username(u))
                        .put("enabled", true);
                ArrayNode paths = user.putArray("groups");
                for (int g : userGroups[u]) {
                    paths.add(groupPaths[g]);
                }
                if (u < PROBES) {
                    user.put("email", username(u) + "@example.org")
                            .put("firstName", "P")
                            .put("lastName", "U" + u)
                            .put("emailVerified", true);
                    user.set(
                            "credentials",
                            Http.JSON.valueToTree(List.of(Map.of("type", "password", "value", "probe-password"))));
                }
                users.add(user);
            }
            // The resource server that Authorization Services decides for.
            rep.withArray("clients")
                    .add(Http.JSON.valueToTree(Map.of(
                            "clientId",
                            RS,
                            "publicClient",
                            false,
                            "secret",
                            "rs-secret",
                            "serviceAccountsEnabled",
                            true,
                            "authorizationServicesEnabled",
                            true,
                            "standardFlowEnabled",
                            false)));
        }

        void resolveIds(AdminApi admin, TestRealm realm) {
            String r = "/" + realm.name();
            for (int first = 0; first < USERS + 1000; first += 1000) {
                JsonNode page = admin.get(r + "/users?briefRepresentation=true&first=" + first + "&max=1000");
                page.forEach(u -> {
                    String name = u.get("username").asText();
                    if (name.startsWith("user-")) {
                        userIds.put(
                                Integer.parseInt(name.substring(5)), u.get("id").asText());
                    }
                });
            }
            Map<String, String> byPath = new HashMap<>();
            for (JsonNode top : admin.get(r + "/groups?max=1000")) {
                walkGroups(admin, r, top, byPath);
            }
            for (int g = 0; g < groupPaths.length; g++) {
                groupIds.put(g, byPath.get(groupPaths[g]));
            }
            assertEquals(USERS, userIds.size());
            assertTrue(groupIds.values().stream().allMatch(java.util.Objects::nonNull), "every group found");
        }

        private static void walkGroups(AdminApi admin, String r, JsonNode g, Map<String, String> byPath) {
            byPath.put(g.get("path").asText(), g.get("id").asText());
            for (JsonNode child : admin.get(r + "/groups/" + g.get("id").asText() + "/children?max=1000")) {
                walkGroups(admin, r, child, byPath);
            }
        }

        /** Our tables, with SQL, exactly as the API would write them (owner rows, closure rows). */
        void seedSharingTables(AdminApi admin, TestRealm realm) throws SQLException {
            resolveIds(admin, realm);
            String realmId = admin.get("/" + realm.name()).get("id").asText();
            long now = System.currentTimeMillis();
            String[] internal = new String[size];
            try (Connection c = Postgres.connect()) {
                c.setAutoCommit(false);
                try (PreparedStatement t = c.prepareStatement("insert into CUSTOS_ENTITY_TYPE values (?,?,?,?,?,?,?)");
                        PreparedStatement p =
                                c.prepareStatement("insert into CUSTOS_PERMISSION_TYPE values (?,?,?,?,?,?,?)")) {
                    t.setString(1, UUID.randomUUID().toString());
                    t.setString(2, realmId);
                    t.setString(3, "DOC");
                    t.setString(4, "DOC");
                    t.setString(5, null);
                    t.setLong(6, now);
                    t.setLong(7, now);
                    t.executeUpdate();
                    for (String perm : List.of("READ", "WRITE")) {
                        p.setString(1, UUID.randomUUID().toString());
                        p.setString(2, realmId);
                        p.setString(3, perm);
                        p.setString(4, perm);
                        p.setString(5, null);
                        p.setLong(6, now);
                        p.setLong(7, now);
                        p.executeUpdate();
                    }
                }
                try (PreparedStatement e =
                                c.prepareStatement("insert into CUSTOS_SHARING_ENTITY (ID, REALM_ID, EXTERNAL_ID, "
                                        + "TYPE_ID, OWNER_USER_ID, PARENT_ID, NAME, ORIGINAL_CREATION_TIME, "
                                        + "CREATED_AT, UPDATED_AT) values (?,?,?,?,?,?,?,?,?,?)");
                        PreparedStatement a =
                                c.prepareStatement("insert into CUSTOS_ENTITY_ANCESTOR values (?,?,?,?)");
                        PreparedStatement s =
                                c.prepareStatement("insert into CUSTOS_SHARE values (?,?,?,?,?,?,?,?,?,?)")) {
                    for (int i = 0; i < size; i++) {
                        internal[i] = UUID.randomUUID().toString();
                        e.setString(1, internal[i]);
                        e.setString(2, realmId);
                        e.setString(3, entityId(i));
                        e.setString(4, "DOC");
                        e.setString(5, userIds.get(chainOwner[i]));
                        e.setString(6, entityParent[i] < 0 ? null : internal[entityParent[i]]);
                        e.setString(7, "entity " + i);
                        e.setLong(8, now);
                        e.setLong(9, now);
                        e.setLong(10, now);
                        e.addBatch();
                        int depth = 0;
                        for (int x = i; x >= 0; x = entityParent[x], depth++) {
                            a.setString(1, internal[i]);
                            a.setString(2, internal[x]);
                            a.setString(3, realmId);
                            a.setInt(4, depth);
                            a.addBatch();
                        }
                        if (entityParent[i] < 0) {
                            share(s, realmId, internal[i], "OWNER", "USER", userIds.get(chainOwner[i]), true, now);
                        }
                        if (i % 1000 == 999) {
                            e.executeBatch();
                            a.executeBatch();
                            s.executeBatch();
                        }
                    }
                    e.executeBatch();
                    a.executeBatch();
                    for (int[] us : userShares) {
                        share(s, realmId, internal[us[0]], "READ", "USER", userIds.get(us[1]), us[2] == 1, now);
                    }
                    for (int[] gs : groupShares) {
                        share(
                                s,
                                realmId,
                                internal[gs[0]],
                                gs[3] == 0 ? "READ" : "WRITE",
                                "GROUP",
                                groupIds.get(gs[1]),
                                gs[2] == 1,
                                now);
                    }
                    String holder = admin.get("/" + realm.name() + "/users?exact=true&username=" + HOLDER)
                            .get(0)
                            .get("id")
                            .asText();
                    for (int i = 0; i < size; i++) {
                        if (entityParent[i] < 0) {
                            share(s, realmId, internal[i], "READ", "USER", holder, true, now);
                        }
                    }
                    s.executeBatch();
                }
                c.commit();
                // Fresh planner statistics, committed: without the commit (this connection does not auto-commit) the
                // analyze was rolled back, and the first runs measured plans made for nearly empty tables.
                try (var st = c.createStatement()) {
                    st.execute("analyze CUSTOS_SHARING_ENTITY; analyze CUSTOS_ENTITY_ANCESTOR; analyze CUSTOS_SHARE");
                }
                c.commit();
            }
        }

        private final java.util.Set<String> shareKeys = new java.util.HashSet<>();

        private void share(
                PreparedStatement s,
                String realmId,
                String entity,
                String perm,
                String type,
                String principal,
                boolean cascade,
                long now)
                throws SQLException {
            if (!shareKeys.add(entity + perm + type + principal)) {
                return;
            }
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, realmId);
            s.setString(3, entity);
            s.setString(4, perm);
            s.setString(5, type);
            s.setString(6, principal);
            s.setBoolean(7, cascade);
            s.setString(8, null);
            s.setLong(9, now);
            s.setLong(10, now);
            s.addBatch();
        }

        /** The same grants as Authorization Services resources, policies and scope permissions. */
        void seedAuthorizationServices(AdminApi admin, TestRealm realm) {
            String r = "/" + realm.name();
            String rsId =
                    admin.get(r + "/clients?clientId=" + RS).get(0).get("id").asText();
            ObjectNode settings = Http.JSON.createObjectNode();
            settings.put("allowRemoteResourceManagement", false)
                    .put("policyEnforcementMode", "ENFORCING")
                    .put("decisionStrategy", "AFFIRMATIVE");
            settings.putArray("scopes")
                    .add(Http.JSON.createObjectNode().put("name", "READ"))
                    .add(Http.JSON.createObjectNode().put("name", "WRITE"));
            ArrayNode resources = settings.putArray("resources");
            List<List<Integer>> below = new ArrayList<>();
            for (int e = 0; e < size; e++) {
                below.add(new ArrayList<>());
                ObjectNode res = Http.JSON
                        .createObjectNode()
                        .put("name", entityId(e))
                        .put("type", "DOC")
                        .put("ownerManagedAccess", false);
                res.putArray("scopes")
                        .add(Http.JSON.createObjectNode().put("name", "READ"))
                        .add(Http.JSON.createObjectNode().put("name", "WRITE"));
                resources.add(res);
            }
            for (int e = 0; e < size; e++) {
                for (int x = entityParent[e]; x >= 0; x = entityParent[x]) {
                    below.get(x).add(e);
                }
            }
            ArrayNode policies = settings.putArray("policies");
            java.util.Set<String> principalPolicies = new java.util.HashSet<>();
            int[] n = {0};
            java.util.function.BiConsumer<String, int[]> permission = (policy, grant) -> {
                // grant: {entity, cascade, scopes(0 READ, 1 WRITE, 2 both)}
                List<String> names = new ArrayList<>();
                names.add(entityId(grant[0]));
                if (grant[1] == 1) {
                    below.get(grant[0]).forEach(x -> names.add(entityId(x)));
                }
                List<String> scopes =
                        grant[2] == 0 ? List.of("READ") : grant[2] == 1 ? List.of("WRITE") : List.of("READ", "WRITE");
                ObjectNode p = Http.JSON
                        .createObjectNode()
                        .put("name", "perm-" + (n[0]++))
                        .put("type", "scope")
                        .put("logic", "POSITIVE")
                        .put("decisionStrategy", "AFFIRMATIVE");
                p.putObject("config")
                        .put("resources", json(names))
                        .put("scopes", json(scopes))
                        .put("applyPolicies", json(List.of(policy)));
                policies.add(p);
            };
            Function<Integer, String> userPolicy = u -> {
                String name = "user-" + u;
                if (principalPolicies.add(name)) {
                    ObjectNode p = Http.JSON
                            .createObjectNode()
                            .put("name", name)
                            .put("type", "user")
                            .put("logic", "POSITIVE");
                    p.putObject("config").put("users", json(List.of(username(u))));
                    policies.add(p);
                }
                return name;
            };
            Function<Integer, String> groupPolicy = g -> {
                String name = "group-" + g;
                if (principalPolicies.add(name)) {
                    ObjectNode p = Http.JSON
                            .createObjectNode()
                            .put("name", name)
                            .put("type", "group")
                            .put("logic", "POSITIVE");
                    p.putObject("config")
                            .put("groups", json(List.of(Map.of("path", groupPaths[g], "extendChildren", true))));
                    policies.add(p);
                }
                return name;
            };
            for (int e = 0; e < size; e++) {
                if (entityParent[e] < 0) {
                    permission.accept(userPolicy.apply(chainOwner[e]), new int[] {e, 1, 2});
                }
            }
            userShares.forEach(us -> permission.accept(userPolicy.apply(us[1]), new int[] {us[0], us[2], 0}));
            groupShares.forEach(gs -> permission.accept(groupPolicy.apply(gs[1]), new int[] {gs[0], gs[2], gs[3]}));
            // One import is one transaction whose cost grows faster than its size (3,000 resources overran Keycloak's
            // 300 s transaction timeout here): import in chunks of 500, resources first, then policies, then
            // permissions.
            List<JsonNode> principalsFirst = new ArrayList<>();
            policies.forEach(pol -> {
                if (!pol.get("type").asText().equals("scope")) {
                    principalsFirst.add(pol);
                }
            });
            policies.forEach(pol -> {
                if (pol.get("type").asText().equals("scope")) {
                    principalsFirst.add(pol);
                }
            });
            List<JsonNode> allResources = new ArrayList<>();
            resources.forEach(allResources::add);
            for (int i = 0; i < allResources.size() + principalsFirst.size(); i += 500) {
                ObjectNode chunk = settings.deepCopy();
                ArrayNode res = chunk.putArray("resources");
                ArrayNode pol = chunk.putArray("policies");
                for (int k = i; k < i + 500 && k < allResources.size() + principalsFirst.size(); k++) {
                    if (k < allResources.size()) {
                        res.add(allResources.get(k));
                    } else {
                        pol.add(principalsFirst.get(k - allResources.size()));
                    }
                }
                Http.Reply imported = admin.callSlow(
                        "POST",
                        r + "/clients/" + rsId + "/authz/resource-server/import",
                        chunk,
                        Duration.ofMinutes(10));
                assertTrue(imported.status() / 100 == 2, "authorization import: " + imported);
            }
        }

        static String json(Object value) {
            try {
                return Http.JSON.writeValueAsString(value);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** (user, entity) pairs from the probe users, half of them on entities the user was shared. */
        List<int[]> probePairs(int n, Random r) {
            List<int[]> out = new ArrayList<>();
            List<int[]> sharedWithProbes =
                    userShares.stream().filter(s -> s[1] < PROBES).toList();
            for (int i = 0; i < n; i++) {
                if (i % 2 == 0 && !sharedWithProbes.isEmpty()) {
                    int[] s = sharedWithProbes.get(r.nextInt(sharedWithProbes.size()));
                    out.add(new int[] {s[1], s[0]});
                } else {
                    out.add(new int[] {r.nextInt(PROBES), r.nextInt(size)});
                }
            }
            return out;
        }
    }

    /** Load generation: an open model at a fixed arrival rate, and a closed loop for throughput. */
    static final class Driver {

        record Run(List<Double> latencies, double seconds, int errors) {
            Stats named(String system, int size) {
                return stats(system, size, latencies, seconds, errors);
            }
        }

        static Stats openModel(
                String system,
                int size,
                HttpClient client,
                List<int[]> pairs,
                Function<int[], HttpRequest> request,
                int rate,
                int seconds,
                int round)
                throws Exception {
            int total = rate * seconds;
            long intervalNanos = 1_000_000_000L / rate;
            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            AtomicInteger errors = new AtomicInteger();
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long intended = start + i * intervalNanos;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int[] pair = pairs.get((i + round * 997) % pairs.size());
                inFlight.add(client.sendAsync(request.apply(pair), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((resp, err) -> {
                            latencies.add((System.nanoTime() - intended) / 1e6);
                            if (err != null || (resp.statusCode() != 200 && resp.statusCode() != 403)) {
                                errors.incrementAndGet();
                            }
                        }));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .exceptionally(e -> null)
                    .join();
            double elapsed = (System.nanoTime() - start) / 1e9;
            return stats(system, size, new ArrayList<>(latencies), elapsed, errors.get());
        }

        static Run closedLoop(
                HttpClient client, List<int[]> pairs, Function<int[], HttpRequest> request, int threads, int seconds)
                throws Exception {
            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            AtomicInteger errors = new AtomicInteger();
            AtomicLong next = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        int[] pair = pairs.get((int) (next.getAndIncrement() % pairs.size()));
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r =
                                    client.send(request.apply(pair), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200 && r.statusCode() != 403) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        latencies.add((System.nanoTime() - t0) / 1e6);
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
            return new Run(new ArrayList<>(latencies), (System.nanoTime() - start) / 1e9, errors.get());
        }

        static Stats stats(String system, int size, List<Double> latencies, double seconds, int errors) {
            double[] sorted =
                    latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Stats(
                    system,
                    size,
                    sorted.length,
                    pct(sorted, 50),
                    pct(sorted, 95),
                    pct(sorted, 99),
                    sorted.length / seconds,
                    errors);
        }

        static double pct(double[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    /** The results file and the plot. */
    static final class Report {

        /** The two open-model rounds of one system and size become one row (their latencies pooled by weight). */
        static List<Stats> merge(List<Stats> all) {
            Map<String, List<Stats>> groups = new LinkedHashMap<>();
            all.forEach(s -> groups.computeIfAbsent(s.system() + "|" + s.size(), k -> new ArrayList<>())
                    .add(s));
            List<Stats> out = new ArrayList<>();
            groups.values().forEach(list -> {
                if (list.size() == 1) {
                    out.add(list.get(0));
                    return;
                }
                int count = list.stream().mapToInt(Stats::count).sum();
                Stats f = list.get(0);
                out.add(new Stats(
                        f.system(),
                        f.size(),
                        count,
                        list.stream().mapToDouble(Stats::p50).average().orElse(Double.NaN),
                        list.stream().mapToDouble(Stats::p95).max().orElse(Double.NaN),
                        list.stream().mapToDouble(Stats::p99).max().orElse(Double.NaN),
                        list.stream().mapToDouble(Stats::throughput).average().orElse(Double.NaN),
                        list.stream().mapToInt(Stats::errors).sum()));
            });
            return out;
        }

        static String markdown(List<Stats> stats, Map<Integer, String> agreement, int rate, int seconds) {
            StringBuilder md = new StringBuilder("# Sharing check vs Keycloak Authorization Services\n\n");
            md.append("Produced by `bench/run.sh` on ")
                    .append(LocalDate.now())
                    .append(": one Keycloak 26.7.3 with the jar on a private ")
                    .append("PostgreSQL, both on this 2-core machine with the load generator. Open model: ")
                    .append(rate)
                    .append(" requests/s for ")
                    .append(seconds)
                    .append(" s per system and size (two interleaved rounds; ")
                    .append("latency from the intended send time). Throughput: 4 concurrent clients, closed loop, 10 "
                            + "s.\n\n");
            md.append("| system | entities | requests | p50 ms | p95 ms | p99 ms | req/s | errors "
                    + "|\n|---|---|---|---|---|---|---|---|\n");
            for (Stats s : stats) {
                md.append(String.format(
                        "| %s | %,d | %d | %.2f | %.2f | %.2f | %.0f | %d |%n",
                        s.system(), s.size(), s.count(), s.p50(), s.p95(), s.p99(), s.throughput(), s.errors()));
            }
            md.append("\n| entities | p50 ratio (Authorization Services / custos) | p99 ratio | throughput ratio "
                    + "(custos / AS) | same answers |\n|---|---|---|---|---|\n");
            for (int size : agreement.keySet()) {
                Stats o = find(stats, "custos check", size);
                Stats a = find(stats, "Authorization Services", size);
                Stats ot = find(stats, "custos check (throughput)", size);
                Stats at = find(stats, "Authorization Services (throughput)", size);
                if (o != null && a != null && ot != null && at != null) {
                    md.append(String.format(
                            "| %,d | %.1fx | %.1fx | %.1fx | %s |%n",
                            size,
                            a.p50() / o.p50(),
                            a.p99() / o.p99(),
                            ot.throughput() / at.throughput(),
                            agreement.get(size)));
                }
            }
            md.append("\n### AuthZEN\n\n| entities | evaluation p50 / floor p50 (≤ 1.25) | evaluation p99 / p50 (≤ 3) "
                    + "| the same by client credentials: / floor, p99 / p50 "
                    + "| evaluations x100 / one, sequential p50: 100 subjects (≤ 5), one subject (≤ 3) "
                    + "| Authorization Services / evaluation p50 (≥ 5) "
                    + "| Keycloak AuthZEN / evaluation p50 | resource search / evaluation p50 (≤ 3) "
                    + "| evaluation / Keycloak userinfo with the same token, p50 (≤ 1.1) "
                    + "| evaluation by client credentials / Keycloak introspection with them, p50 |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|\n");
            for (Stats e : stats) {
                if (!e.system().equals("custos AuthZEN evaluation")) {
                    continue;
                }
                int size = e.size();
                Stats floor = find(stats, "Keycloak floor: GET /realms/{realm}", size);
                Stats one = find(stats, "custos AuthZEN evaluation (sequential)", size);
                Stats hundred = find(stats, "custos AuthZEN evaluations x100 (sequential)", size);
                Stats as = find(stats, "Authorization Services", size);
                Stats kc = find(stats, "Keycloak AuthZEN (--features=authzen)", size);
                Stats search = find(stats, "custos AuthZEN resource search (first 100)", size);
                Stats basic = find(stats, "custos AuthZEN evaluation (client credentials)", size);
                Stats sameSubject = find(stats, "custos AuthZEN evaluations x100, one subject (sequential)", size);
                Stats userinfo = find(stats, "Keycloak userinfo, same token", size);
                Stats introspection = find(stats, "Keycloak introspection, same client credentials", size);
                md.append(String.format(
                        "| %,d | %s | %.2f | %s, %.2f | %s, %s | %s | %s | %s | %s | %s |%n",
                        size,
                        ratio(e, floor),
                        e.p99() / e.p50(),
                        ratio(basic, floor),
                        basic == null ? Double.NaN : basic.p99() / basic.p50(),
                        ratio(hundred, one),
                        ratio(sameSubject, one),
                        ratio(as, e),
                        ratio(kc, e),
                        ratio(search, e),
                        ratio(e, userinfo),
                        ratio(basic, introspection)));
            }
            List<Integer> sizes = stats.stream()
                    .filter(s -> s.system().equals("custos check"))
                    .map(Stats::size)
                    .sorted()
                    .toList();
            if (sizes.size() > 1) {
                Stats small = find(stats, "custos check", sizes.get(0));
                Stats big = find(stats, "custos check", sizes.get(sizes.size() - 1));
                md.append(String.format(
                        "%nOur check at %,d entities vs %,d: p50 %.2fx, p99 %.2fx.%n",
                        big.size(), small.size(), big.p50() / small.p50(), big.p99() / small.p99()));
            }
            return md.toString();
        }

        /** p50 of {@code a} over p50 of {@code b}, or "-" when either was not measured. */
        static String ratio(Stats a, Stats b) {
            return a == null || b == null ? "-" : String.format("%.2f", a.p50() / b.p50());
        }

        static Stats find(List<Stats> stats, String system, int size) {
            return stats.stream()
                    .filter(s -> s.system().equals(system) && s.size() == size)
                    .findFirst()
                    .orElse(null);
        }

        /** Check latency (p50 solid, p99 dashed) against dataset size, log-scaled on both axes. */
        static void plot(List<Stats> stats, Path png) throws IOException {
            int w = 900, h = 560, left = 80, right = 30, top = 50, bottom = 70;
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            List<Stats> lines = stats.stream()
                    .filter(s -> s.system().equals("custos check") || s.system().equals("Authorization Services"))
                    .toList();
            double minX = lines.stream().mapToInt(Stats::size).min().orElse(1),
                    maxX = lines.stream().mapToInt(Stats::size).max().orElse(10);
            double minY =
                    Math.max(0.1, lines.stream().mapToDouble(Stats::p50).min().orElse(1) / 2);
            double maxY = lines.stream().mapToDouble(Stats::p99).max().orElse(10) * 2;
            if (maxX <= minX) {
                maxX = minX * 10;
            }
            double lx0 = Math.log10(minX), lx1 = Math.log10(maxX), ly0 = Math.log10(minY), ly1 = Math.log10(maxY);
            java.util.function.DoubleUnaryOperator px =
                    x -> left + (Math.log10(x) - lx0) / (lx1 - lx0) * (w - left - right);
            java.util.function.DoubleUnaryOperator py =
                    y -> h - bottom - (Math.log10(y) - ly0) / (ly1 - ly0) * (h - top - bottom);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("Check latency vs entities (p50 solid, p99 dashed), log-log", left, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawLine(left, h - bottom, w - right, h - bottom);
            g.drawLine(left, top, left, h - bottom);
            for (Stats s : lines) {
                int x = (int) px.applyAsDouble(s.size());
                g.drawString(String.format("%,d", s.size()), x - 20, h - bottom + 20);
            }
            for (double y = Math.pow(10, Math.floor(ly0)); y <= maxY; y *= 10) {
                for (double m : new double[] {1, 2, 5}) {
                    double v = y * m;
                    if (v >= minY && v <= maxY) {
                        int yy = (int) py.applyAsDouble(v);
                        g.setColor(new Color(225, 225, 225));
                        g.drawLine(left + 1, yy, w - right, yy);
                        g.setColor(Color.BLACK);
                        g.drawString((v < 1 ? String.format("%.1f", v) : String.format("%.0f", v)) + " ms", 20, yy + 4);
                    }
                }
            }
            g.drawString("entities in the realm", w / 2 - 60, h - 25);
            Map<String, Color> colors =
                    Map.of("custos check", new Color(0, 110, 200), "Authorization Services", new Color(210, 80, 0));
            int legend = 0;
            for (Map.Entry<String, Color> c : colors.entrySet()) {
                List<Stats> series = lines.stream()
                        .filter(s -> s.system().equals(c.getKey()))
                        .sorted(java.util.Comparator.comparingInt(Stats::size))
                        .toList();
                g.setColor(c.getValue());
                for (int dashed = 0; dashed < 2; dashed++) {
                    g.setStroke(
                            dashed == 0
                                    ? new BasicStroke(2.5f)
                                    : new BasicStroke(
                                            2f,
                                            BasicStroke.CAP_BUTT,
                                            BasicStroke.JOIN_MITER,
                                            10f,
                                            new float[] {8f, 6f},
                                            0f));
                    for (int i = 0; i < series.size(); i++) {
                        Stats s = series.get(i);
                        double y = dashed == 0 ? s.p50() : s.p99();
                        int x1 = (int) px.applyAsDouble(s.size()), y1 = (int) py.applyAsDouble(y);
                        g.fillOval(x1 - 4, y1 - 4, 8, 8);
                        if (i > 0) {
                            Stats p = series.get(i - 1);
                            double py0 = dashed == 0 ? p.p50() : p.p99();
                            g.drawLine((int) px.applyAsDouble(p.size()), (int) py.applyAsDouble(py0), x1, y1);
                        }
                    }
                }
                g.setStroke(new BasicStroke(2.5f));
                g.drawLine(w - 260, top + 10 + legend * 20, w - 230, top + 10 + legend * 20);
                g.setColor(Color.BLACK);
                g.drawString(c.getKey(), w - 222, top + 14 + legend * 20);
                legend++;
            }
            g.dispose();
            ImageIO.write(img, "png", png.toFile());
        }
    }
}
