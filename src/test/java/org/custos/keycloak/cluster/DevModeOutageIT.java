package org.custos.keycloak.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.OutageLoad;
import org.custos.keycloak.testing.TestRealm;
import org.custos.keycloak.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The outage in the run command's mode ({@code kc.sh start-dev}: local caches, no pool validation of our own) on
 * PostgreSQL, where it was found: PostgreSQL stops under a list, a search, a user-token read, a member listing and
 * writes. Every answer is 200 with its data or 503 — a user list is never answered empty, a valid token never 401,
 * a failed commit never 500 — and nothing is half-written.
 */
@EnabledIfSystemProperty(
        named = "custos.cluster.pg.control",
        matches = ".+",
        disabledReason = "needs -Dcustos.cluster.pg.control=<path of .ci/postgres.sh> to stop the database")
class DevModeOutageIT {

    private static final int PORT = 18480;
    private static Process node;
    private static String url;
    private static TestRealm realm;

    private static String dbUrl() {
        return System.getProperty("custos.cluster.db.url").replaceAll("/[^/]+$", "/keycloak_dev");
    }

    @BeforeAll
    static void start() throws IOException {
        Path dist = Path.of(System.getProperty("custos.test.dist"));
        Path root = dist.getParent().resolve("dev-node");
        Path copy = TwoNodes.freshCopy(dist, root);
        Files.copy(
                Path.of(System.getProperty("custos.test.jar")),
                copy.resolve("providers/keycloak-custos.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path keys = root.resolve("secrets.keys");
        Files.writeString(keys, "k1=" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        ProcessBuilder pb = new ProcessBuilder(
                        copy.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--db=postgres",
                        "--http-port=" + PORT,
                        "--http-management-port=" + (PORT + 1000),
                        "--spi-realm-restapi-extension--custos--secrets-key-file=" + keys)
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        root.resolve("node.log").toFile()));
        pb.environment().put("KC_DB_URL", dbUrl());
        pb.environment().put("KC_DB_USERNAME", System.getProperty("custos.test.db.username"));
        pb.environment().put("KC_DB_PASSWORD", System.getProperty("custos.test.db.password", ""));
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USER);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        node = pb.start();
        url = "http://localhost:" + PORT;
        KeycloakServer.waitReady(url, node, root.resolve("node.log"), Duration.ofMinutes(5));
        realm = TestRealm.create(new AdminApi(url), "devoutage", rep -> {});
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            if (realm != null) {
                realm.close();
            }
        } finally {
            if (node != null) {
                node.descendants().forEach(ProcessHandle::destroy);
                node.destroy();
                node.waitFor();
            }
        }
    }

    @Test
    void anOutageInTheRunCommandsModeAnswers503AndNeverAnEmptyList() throws Exception {
        String group = OutageLoad.prepare(realm, url);
        OutageLoad load = new OutageLoad();
        load.start(realm, List.of(url), realm.userAccessToken(), group);
        Thread.sleep(1500);
        long outage = load.outage();
        // Without pool validation, connections that died with the database may fail a while after it returns:
        // those answers are 503 too. The load runs until the node serves a read again (at most two minutes).
        long back = System.currentTimeMillis();
        long recovered = -1;
        while (System.currentTimeMillis() - back < 120_000) {
            Http.Reply r = Http.request("GET", realm.custos("user-management", "users"))
                    .auth(realm.tenantAuth())
                    .send();
            if (r.status() == 200) {
                recovered = System.currentTimeMillis() - back;
                break;
            }
            Thread.sleep(500);
        }
        Thread.sleep(1000);
        load.stop();
        System.out.printf(
                "dev-mode outage of %d ms: %d writes answered 200, %d reads, %d answers 503; back after %d ms%n",
                outage, load.written().size(), load.reads(), load.unavailable(), recovered);
        assertEquals(List.of(), load.wrong(), "every request answers 200 with its data, or 503, during an outage");
        assertTrue(load.unavailable() > 0, "the outage was seen by the load");
        assertTrue(recovered >= 0, "the node serves again after the database's return");
        assertEquals(
                List.of(),
                load.checkStored(
                        dbUrl(),
                        System.getProperty("custos.test.db.username"),
                        System.getProperty("custos.test.db.password", "")));
    }
}
