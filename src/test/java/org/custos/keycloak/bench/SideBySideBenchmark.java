package org.custos.keycloak.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Side-by-side latency of custos endpoints and the native Keycloak endpoints doing the same work, interleaved in one
 * run on one server so that machine noise hits both alike. Not part of the test suite (its name matches no test
 * pattern); run with {@code mvn verify -Dit.test=SideBySideBenchmark -Dcustos.bench=true -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints p50/p95 and the ratio custos/native; asserts only that every
 * call succeeded.
 */
@EnabledIfSystemProperty(named = "custos.bench", matches = "true", disabledReason = "benchmark: -Dcustos.bench=true")
class SideBySideBenchmark {

    static final int WARMUP = 100;
    private static final int ROUNDS = 400;

    @Test
    void custosVersusNative() throws java.io.IOException {
        try (TestRealm realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "bench", rep -> {
            rep.put("bruteForceProtected", false);
            for (int i = 0; i < 1000; i++) {
                rep.withArray("users")
                        .add(Http.JSON.valueToTree(Map.of("username", String.format("user-%03d", i), "enabled", true)));
            }
            rep.withArray("groups").add(Http.JSON.valueToTree(Map.of("name", "bench-custos")));
            rep.withArray("groups").add(Http.JSON.valueToTree(Map.of("name", "bench-native")));
        })) {
            String serviceToken = realm.nativePasswordGrant(
                            TestRealm.TENANT_CLIENT, realm.tenantSecret(), TestRealm.USER, TestRealm.USER_PASSWORD)
                    .get("access_token")
                    .asText();
            String tenantAdminToken = realm.tenantClientToken("");
            Map<String, Supplier<Http.Reply>[]> pairs = new LinkedHashMap<>();
            pairs.put(
                    "token, client_credentials",
                    pair(
                            () -> Http.request("POST", realm.custos("identity-management", "token"))
                                    .auth(realm.tenantAuth())
                                    .json(Map.of("grant_type", "client_credentials"))
                                    .send(),
                            () -> Http.request("POST", realm.realmUrl() + "/protocol/openid-connect/token")
                                    .form(Map.of(
                                            "grant_type",
                                            "client_credentials",
                                            "client_id",
                                            TestRealm.TENANT_CLIENT,
                                            "client_secret",
                                            realm.tenantSecret()))
                                    .send()));
            pairs.put(
                    "token, password",
                    pair(
                            () -> Http.request("POST", realm.custos("identity-management", "token"))
                                    .auth(realm.tenantAuth())
                                    .json(Map.of(
                                            "grant_type",
                                            "password",
                                            "username",
                                            TestRealm.USER,
                                            "password",
                                            TestRealm.USER_PASSWORD))
                                    .send(),
                            () -> Http.request("POST", realm.realmUrl() + "/protocol/openid-connect/token")
                                    .form(Map.of(
                                            "grant_type",
                                            "password",
                                            "client_id",
                                            TestRealm.TENANT_CLIENT,
                                            "client_secret",
                                            realm.tenantSecret(),
                                            "username",
                                            TestRealm.USER,
                                            "password",
                                            TestRealm.USER_PASSWORD,
                                            "scope",
                                            "openid"))
                                    .send()));
            pairs.put(
                    "list 100 users",
                    pair(
                            () -> Http.request("GET", realm.custos("user-management", "users?limit=100"))
                                    .auth(Http.bearer(tenantAdminToken))
                                    .send(),
                            () -> Http.request(
                                            "GET",
                                            realm.admin().baseUrl() + "/admin/realms/" + realm.name()
                                                    + "/users?max=100&briefRepresentation=false")
                                    .auth(Http.bearer(tenantAdminToken))
                                    .send()));
            String adminUsers = realm.admin().baseUrl() + "/admin/realms/" + realm.name() + "/users";
            Map<String, String> groupIds = new java.util.HashMap<>();
            realm.admin()
                    .get("/" + realm.name() + "/groups")
                    .forEach(g ->
                            groupIds.put(g.get("name").asText(), g.get("id").asText()));
            Map<String, String> userIds = new java.util.HashMap<>();
            for (int first = 0; first < 1100; first += 500) {
                realm.admin()
                        .get("/" + realm.name() + "/users?briefRepresentation=true&first=" + first + "&max=500")
                        .forEach(u -> userIds.put(
                                u.get("username").asText(), u.get("id").asText()));
            }
            pairs.put(
                    "get a user by username",
                    pair(
                            () -> Http.request("GET", realm.custos("user-management", "users?user.username=user-007"))
                                    .auth(Http.bearer(tenantAdminToken))
                                    .send(),
                            () -> Http.request(
                                            "GET",
                                            adminUsers + "?username=user-007&exact=true&briefRepresentation=false")
                                    .auth(Http.bearer(tenantAdminToken))
                                    .send()));
            pairs.put(
                    "search users (up to 100 of ~111)",
                    pair(
                            () -> Http.request(
                                            "GET",
                                            realm.custos("user-management", "users?user.username=user-1&limit=100"))
                                    .auth(Http.bearer(tenantAdminToken))
                                    .send(),
                            () -> Http.request("GET", adminUsers + "?search=user-1&max=100&briefRepresentation=false")
                                    .auth(Http.bearer(tenantAdminToken))
                                    .send()));
            java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
            pairs.put(
                    "create a user (no password)",
                    pair(
                            () -> {
                                int n = created.incrementAndGet();
                                return Http.request("POST", realm.custos("user-management", "user"))
                                        .auth(Http.bearer(tenantAdminToken))
                                        .json(Map.of(
                                                "username",
                                                "c-" + n,
                                                "first_name",
                                                "C",
                                                "last_name",
                                                "U" + n,
                                                "email",
                                                "c-" + n + "@example.org"))
                                        .send();
                            },
                            () -> {
                                int n = created.incrementAndGet();
                                return Http.request("POST", adminUsers)
                                        .auth(Http.bearer(tenantAdminToken))
                                        .json(Map.of(
                                                "username",
                                                "n-" + n,
                                                "firstName",
                                                "N",
                                                "lastName",
                                                "U" + n,
                                                "email",
                                                "n-" + n + "@example.org"))
                                        .send();
                            }));
            java.util.concurrent.atomic.AtomicInteger member = new java.util.concurrent.atomic.AtomicInteger();
            pairs.put(
                    "add a group member",
                    pair(
                            () -> Http.request("POST", realm.custos("group-management", "user/group/membership"))
                                    .auth(Http.bearer(tenantAdminToken))
                                    .json(Map.of(
                                            "group_id",
                                            groupIds.get("bench-custos"),
                                            "username",
                                            String.format("user-%03d", member.getAndIncrement() % 1000),
                                            "membership_type",
                                            "MEMBER"))
                                    .send(),
                            () -> Http.request(
                                            "PUT",
                                            adminUsers + "/"
                                                    + userIds.get(
                                                            String.format("user-%03d", member.getAndIncrement() % 1000))
                                                    + "/groups/" + groupIds.get("bench-native"))
                                    .auth(Http.bearer(tenantAdminToken))
                                    .send()));
            pairs.put(
                    "userinfo",
                    pair(
                            () -> Http.request("GET", realm.custos("identity-management", "user"))
                                    .auth(Http.bearer(serviceToken))
                                    .send(),
                            () -> Http.request("GET", realm.realmUrl() + "/protocol/openid-connect/userinfo")
                                    .auth(Http.bearer(serviceToken))
                                    .send()));

            StringBuilder md = new StringBuilder(
                    "# custos endpoints vs the native Keycloak endpoints\n\nProduced by `bench/run.sh` on "
                            + java.time.LocalDate.now() + " (database: "
                            + System.getProperty("custos.test.db", "dev-mem") + "). Sequential requests, "
                            + "interleaved (alternating which goes first), after a warm-up.\n\n"
                            + "| operation | rounds | custos p50 ms | native p50 ms | p50 ratio | custos p95 ms | "
                            + "native p95 ms | p95 ratio |\n"
                            + "|---|---|---|---|---|---|---|---|\n");
            for (var e : pairs.entrySet()) {
                // Password hashing (PBKDF2, Keycloak's default cost) makes each login slow: fewer rounds there.
                int rounds = e.getKey().contains("password") || e.getKey().contains("member") ? 100 : ROUNDS;
                double[][] t = measure(e.getValue()[0], e.getValue()[1], rounds);
                md.append(String.format(
                        "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                        e.getKey(),
                        rounds,
                        pct(t[0], 50),
                        pct(t[1], 50),
                        pct(t[0], 50) / pct(t[1], 50),
                        pct(t[0], 95),
                        pct(t[1], 95),
                        pct(t[0], 95) / pct(t[1], 95)));
            }
            System.out.println(md);
            java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("custos.bench.out", "target"));
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(java.time.LocalDate.now() + "-api.md"), md.toString());
        }
    }

    @SuppressWarnings("unchecked")
    static Supplier<Http.Reply>[] pair(Supplier<Http.Reply> custos, Supplier<Http.Reply> nativeCall) {
        return new Supplier[] {custos, nativeCall};
    }

    /** Interleaves the two calls (alternating which goes first) and returns their latencies in ms. */
    static double[][] measure(Supplier<Http.Reply> custos, Supplier<Http.Reply> nativeCall, int rounds) {
        for (int i = 0; i < Math.min(WARMUP, rounds / 2); i++) {
            assertEquals(2, custos.get().status() / 100);
            assertEquals(2, nativeCall.get().status() / 100);
        }
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            if (i % 2 == 0) {
                a.add(time(custos));
                b.add(time(nativeCall));
            } else {
                b.add(time(nativeCall));
                a.add(time(custos));
            }
        }
        return new double[][] {
            a.stream().mapToDouble(Double::doubleValue).toArray(),
            b.stream().mapToDouble(Double::doubleValue).toArray()
        };
    }

    private static double time(Supplier<Http.Reply> call) {
        long start = System.nanoTime();
        Http.Reply r = call.get();
        double ms = (System.nanoTime() - start) / 1e6;
        assertEquals(2, r.status() / 100, r.toString());
        return ms;
    }

    static double pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
