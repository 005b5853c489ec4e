package org.custos.keycloak.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the admin console's Custos section costs, side by side in one run (bench/run.sh, BENCH=ConsoleBenchmark):
 * <ol>
 *   <li>secret writes in a realm whose secrets page an administrator keeps open (the console lists the realm's
 *       secrets and the key ring every 100 ms) against the same writes in a realm nobody looks at, interleaved, at
 *       100 and at 1,000 secrets — nothing is copied for the console, so the ratio should be 1;</li>
 *   <li>the first page of "who has access, and why" for an entity with 10,000 holders (all through one group)
 *       against a plain read of that entity through the Custos API (a client's credentials), and against the
 *       console's own read of the entity (its shares and path) with the same administrator's token: the second
 *       ratio is what the page adds, the first adds what an administrator's token costs over a client's.</li>
 * </ol>
 */
@EnabledIfSystemProperty(named = "custos.bench", matches = "true", disabledReason = "benchmark: -Dcustos.bench=true")
class ConsoleBenchmark {

    private static final int ROUNDS = 200;
    private static final int HOLDERS = 10_000;

    @Test
    void theConsoleCostsSecretWritesNothingAndWhoHasAccessIsOnePage() throws Exception {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        StringBuilder md = new StringBuilder("# The admin console's Custos section, " + java.time.LocalDate.now()
                + "\n\n| operation | size | rounds | p50 ms | baseline p50 ms | p50 ratio | p95 ms | baseline p95 ms "
                + "| p95 ratio |\n|---|---|---|---|---|---|---|---|---|\n");
        secretWrites(admin, md);
        whoHasAccess(admin, md);
        System.out.println(md);
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("custos.bench.out", "target"));
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve(java.time.LocalDate.now() + "-console.md"), md.toString());
    }

    private static void row(StringBuilder md, String operation, String size, double[][] t) {
        md.append(String.format(
                "| %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                operation,
                size,
                t[0].length,
                SideBySideBenchmark.pct(t[0], 50),
                SideBySideBenchmark.pct(t[1], 50),
                SideBySideBenchmark.pct(t[0], 50) / SideBySideBenchmark.pct(t[1], 50),
                SideBySideBenchmark.pct(t[0], 95),
                SideBySideBenchmark.pct(t[1], 95),
                SideBySideBenchmark.pct(t[0], 95) / SideBySideBenchmark.pct(t[1], 95)));
    }

    private static void secretWrites(AdminApi admin, StringBuilder md) throws Exception {
        try (TestRealm viewed = TestRealm.create(admin, "bench-console");
                TestRealm alone = TestRealm.create(admin, "bench-noconsole")) {
            AtomicInteger n = new AtomicInteger();
            Function<TestRealm, Http.Reply> store =
                    realm -> Http.request("POST", realm.custos("resource-secret-management", "secret/password"))
                            .auth(realm.tenantAuth())
                            .json(Map.of(
                                    "metadata",
                                    Map.of(
                                            "client_id", TestRealm.TENANT_CLIENT,
                                            "owner_id", TestRealm.USER,
                                            "description", "bench " + n.incrementAndGet()),
                                    "password",
                                    "bench-" + n.get()))
                            .send();
            AtomicBoolean looking = new AtomicBoolean(true);
            Thread console = new Thread(() -> {
                while (looking.get()) {
                    admin.call("GET", "/" + viewed.name() + "/custos/secrets?max=20", null);
                    admin.call("GET", "/" + viewed.name() + "/custos/secrets/keys", null);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            console.start();
            try {
                for (int target : new int[] {100, 1000}) {
                    while (n.get() / 2 < target - ROUNDS) {
                        assertEquals(200, store.apply(viewed).status());
                        assertEquals(200, store.apply(alone).status());
                    }
                    String size = String.format("%,d secrets", target);
                    row(
                            md,
                            "store a secret, console open on the realm (baseline: another realm)",
                            size,
                            SideBySideBenchmark.measure(() -> store.apply(viewed), () -> store.apply(alone), ROUNDS));
                }
            } finally {
                looking.set(false);
                console.join();
            }
        }
    }

    private static void whoHasAccess(AdminApi admin, StringBuilder md) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < HOLDERS; i++) {
            users.add(Map.of("username", String.format("holder-%05d", i), "enabled", true, "groups", List.of("/many")));
        }
        try (TestRealm realm = TestRealm.create(admin, "bench-holders", rep -> {
            rep.putArray("groups").addObject().put("name", "many");
            users.forEach(u -> rep.withArray("users").add(Http.JSON.valueToTree(u)));
        })) {
            Http.Reply type = Http.request("POST", realm.custos("sharing-management", "entity/type"))
                    .auth(realm.tenantAuth())
                    .json(Map.of("entity_type", Map.of("id", "DOC")))
                    .send();
            assertEquals(200, type.status(), type.toString());
            assertEquals(
                    200,
                    Http.request("POST", realm.custos("sharing-management", "permission/type"))
                            .auth(realm.tenantAuth())
                            .json(Map.of("permission_type", Map.of("id", "READ")))
                            .send()
                            .status());
            assertEquals(
                    200,
                    Http.request("POST", realm.custos("sharing-management", "entity"))
                            .auth(realm.tenantAuth())
                            .json(Map.of("entity", Map.of("id", "big", "type", "DOC", "owner_id", TestRealm.USER)))
                            .send()
                            .status());
            String group = admin.call("GET", "/" + realm.name() + "/groups?search=many", null)
                    .json()
                    .get(0)
                    .get("id")
                    .asText();
            assertEquals(
                    200,
                    Http.request("POST", realm.custos("sharing-management", "groups/share"))
                            .auth(realm.tenantAuth())
                            .json(Map.of(
                                    "entity", Map.of("id", "big"),
                                    "permission_type", Map.of("id", "READ"),
                                    "owner_id", List.of(group)))
                            .send()
                            .status());
            java.util.function.Supplier<Http.Reply> holders = () -> admin.call(
                    "GET", "/" + realm.name() + "/custos/sharing/entities/big/holders?permission=READ", null);
            Http.Reply first = holders.get();
            assertEquals(20, first.json().get("holders").size(), first.toString());
            row(
                    md,
                    "who has access, first page of 20 (baseline: GET entity)",
                    String.format("%,d holders", HOLDERS + 1),
                    SideBySideBenchmark.measure(
                            holders,
                            () -> Http.request("GET", realm.custos("sharing-management", "entity?entity.id=big"))
                                    .auth(realm.tenantAuth())
                                    .send(),
                            ROUNDS));
            row(
                    md,
                    "who has access, first page of 20 (baseline: the console's entity read, same token)",
                    String.format("%,d holders", HOLDERS + 1),
                    SideBySideBenchmark.measure(
                            holders,
                            () -> admin.call("GET", "/" + realm.name() + "/custos/sharing/entities/big", null),
                            ROUNDS));
        }
    }
}
