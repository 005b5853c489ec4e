package org.custos.keycloak.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.LegacyCustos;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A large legacy tenant migrated in one request (bench/run.sh, BENCH=MigrationBenchmark): {@code entities} entities
 * (default 100,000) in chains of five, owned by 1,000 users, in a real MariaDB with Custos's schema, and ten sharing
 * rows per entity as Custos materialised them (1,000,000 by default): each owner's OWNER on every entity and its
 * copies down the chain, a cascading READ to one of 50 groups and a cascading WRITE to a user on each chain's root
 * with their copies, and five non-cascading READ shares per entity. Measured: the request's time and rate, beside the
 * target PostgreSQL's own bulk-insert rate for the same rows on this machine (the ceiling); the server's heap while it
 * runs (the sharing rows are streamed a holder at a time). The run fails unless the result is right: the report adds
 * every entity and the expected shares with nothing to note, and sampled checks agree with Custos's own.
 */
@EnabledIfSystemProperty(named = "custos.bench", matches = "true", disabledReason = "benchmark: -Dcustos.bench=true")
class MigrationBenchmark {

    private static final String TENANT = "40000";
    private static final int USERS = 1000;
    private static final int GROUPS = 50;
    private static final int CHAIN = 5;

    @Test
    void aLargeTenantMigratesInOneRequestWithinTheDatabasesOwnBulkRate() throws Exception {
        int entities = Integer.getInteger("custos.bench.migrate.entities", 100_000);
        long loadStart = System.nanoTime();
        LegacyCustos legacy = LegacyCustos.load();
        legacy.run(largeTenant(entities));
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        AdminApi admin = new AdminApi(KeycloakServer.get());
        try (TestRealm realm = TestRealm.create(admin, "bench-migrate", rep -> {
            for (int u = 0; u < USERS; u++) {
                ObjectNode user = Http.JSON.valueToTree(TestRealm.user(user(u), "pw-" + u));
                user.put("createdTimestamp", 1677456000000L); // before Custos's profiles: Custos's own users
                rep.withArray("users").add(user);
            }
        })) {
            HeapSampler heap = new HeapSampler(KeycloakServer.get().pid());
            long idle = heap.sample();
            heap.start();
            long start = System.nanoTime();
            Http.Reply reply = admin.callSlow(
                    "POST",
                    "/" + realm.name() + "/custos/migrate?tenant=" + TENANT + "&mode=refuse",
                    Http.JSON.createObjectNode(),
                    Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - start) / 1e9;
            heap.stop();
            assertEquals(200, reply.status(), reply.toString());
            JsonNode report = reply.json();
            int chains = entities / CHAIN;
            long shares = entities + 2L * chains + 5L * entities; // OWNER, root READ and WRITE, direct READ
            long ancestors = (long) chains * (CHAIN * (CHAIN + 1) / 2);
            JsonNode added = report.get("import").get("added");
            assertEquals(entities, added.get("entities").asInt(), report.toString());
            assertEquals(shares, added.get("shares").asLong(), report.toString());
            assertEquals(10L * entities, report.get("read").get("sharing").asLong(), report.toString());
            assertEquals(List.of(), Http.JSON.convertValue(report.get("notes"), List.class), report.toString());
            int[] agreement = agreement(legacy, realm, entities);
            int agreed = agreement[0];
            long written = entities + ancestors + shares;
            double ceiling = ceiling(entities, ancestors, shares);
            String md = "# Migrating a large legacy tenant, " + LocalDate.now() + "\n\n"
                    + "Command: `BENCH=MigrationBenchmark bench/run.sh` (Keycloak 26.7.3 with the jar on PostgreSQL,"
                    + " MariaDB via .ci/mariadb.sh, one 2-core machine).\n\n"
                    + "| legacy rows read | rows written | migration s | rows written / s | PostgreSQL bulk insert"
                    + " of the same rows, rows / s | migration / ceiling | heap idle MB | heap peak MB"
                    + " | checks agreeing with Custos (of them granted) |\n|---|---|---|---|---|---|---|---|---|\n"
                    + String.format(
                            "| %,d entities + %,d sharing rows | %,d (%,d entities, %,d ancestor links, %,d shares) |"
                                    + " %.1f | %,.0f | %,.0f | %.2f | %d | %d | %d / %d (%d) |%n",
                            entities,
                            10L * entities,
                            written,
                            entities,
                            ancestors,
                            shares,
                            seconds,
                            written / seconds,
                            ceiling,
                            (written / seconds) / ceiling,
                            idle / (1024 * 1024),
                            heap.peak() / (1024 * 1024),
                            agreed,
                            CHECKS,
                            agreement[1])
                    + String.format("%nLoading the legacy tenant into MariaDB took %.1f s.%n", loadSeconds);
            System.out.println(md);
            Path dir = Path.of(System.getProperty("custos.bench.out", "target"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(LocalDate.now() + "-migration.md"), md);
            assertEquals(CHECKS, agreed, "every sampled check answers as Custos did");
        }
    }

    private static final int CHECKS = 300;

    /**
     * Sampled (user, entity, permission) checks, ours against Custos's check computed from the legacy rows ({@link
     * LegacyCustos#hasAccess}): half random triples (mostly "no"), half a grant the generator wrote — the entity's
     * owner, one of its five readers, or its chain's writer — with a permission that grant may or may not give.
     */
    private static int[] agreement(LegacyCustos legacy, TestRealm realm, int entities) {
        Random random = new Random(7);
        SharingApi api = new SharingApi(realm, realm.tenantAuth());
        int agreed = 0;
        int yes = 0;
        List<String> permissions = List.of("READ", "WRITE", "OWNER");
        for (int i = 0; i < CHECKS; i++) {
            int e = random.nextInt(entities);
            String permission = permissions.get(random.nextInt(3));
            int u = random.nextInt(USERS);
            if (i % 2 == 1) { // a holder the generator wrote (see largeTenant)
                u = switch (random.nextInt(3)) {
                    case 0 -> (e / CHAIN) % USERS;
                    case 1 -> (e * 13 + (1 + random.nextInt(5)) * 101) % USERS;
                    default -> ((e / CHAIN) * 7 + 3) % USERS;
                };
            }
            boolean custos = legacy.hasAccess(TENANT, "e" + e, permission, user(u));
            yes += custos ? 1 : 0;
            if (custos == api.check("e" + e, permission, user(u))) {
                agreed++;
            }
        }
        return new int[] {agreed, yes};
    }

    private static String user(int u) {
        return String.format("u%03d", u);
    }

    /**
     * The same rows bulk-inserted by PostgreSQL itself, server side ({@code INSERT ... SELECT generate_series}) into
     * copies of our three tables with their indexes (logged tables, as ours are; no foreign keys): rows per second.
     */
    private static double ceiling(int entities, long ancestors, long shares) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("custos.test.db.url"),
                        System.getProperty("custos.test.db.username"),
                        System.getProperty("custos.test.db.password"));
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String t : List.of("custos_sharing_entity", "custos_entity_ancestor", "custos_share")) {
                s.execute("create table ceiling_" + t + " (like " + t + " including all)"); // logged, as ours are
            }
            long start = System.nanoTime();
            s.execute("insert into ceiling_custos_sharing_entity (id, realm_id, external_id, type_id, owner_user_id,"
                    + " parent_id, name, original_creation_time, created_at, updated_at) select 'e' || i, 'r',"
                    + " 'x' || i, 'PROJECT', 'u' || (i % 1000), case when i % 5 = 0 then null else 'e' || (i - 1)"
                    + " end, 'Entity ' || i, 0, 0, 0 from generate_series(0, " + (entities - 1) + ") i");
            s.execute("insert into ceiling_custos_entity_ancestor (entity_id, ancestor_id, realm_id, depth) select"
                    + " 'e' || i, 'a' || d, 'r', d from generate_series(0, " + (ancestors / CHAIN - 1) + ") i,"
                    + " generate_series(0, " + (CHAIN - 1) + ") d");
            s.execute("insert into ceiling_custos_share (id, realm_id, entity_id, permission_id, principal_type,"
                    + " principal_id, cascading, shared_by, created_at, updated_at) select 's' || i, 'r', 'e' || (i /"
                    + " 7), 'READ', 'USER', 'u' || i, false, 'u1', 0, 0 from generate_series(0, " + (shares - 1)
                    + ") i");
            c.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            for (String t : List.of("custos_sharing_entity", "custos_entity_ancestor", "custos_share")) {
                s.execute("drop table ceiling_" + t);
            }
            c.commit();
            return (entities + (ancestors / CHAIN) * CHAIN + shares) / seconds;
        }
    }

    /** The tenant as SQL over MariaDB's sequence tables: Custos's rows, as its SharingImpl would have written them. */
    static String largeTenant(int entities) {
        String t = TENANT;
        String ts = "'2023-03-01 09:00:00'";
        String owner = "concat('u', lpad((seq div " + CHAIN + ") % " + USERS + ", 3, '0'))";
        String root = "concat('e', seq - seq % " + CHAIN + ", '@" + t + "')";
        String seq = "seq_0_to_" + (entities - 1);
        String cols = "(id, associating_id, associating_id_type, created_at, last_modified_at, shared_by,"
                + " sharing_type, tenant_id, entity_id, inherited_parent_id, permission_type_id)";
        List<String> sql = new ArrayList<>();
        sql.add("USE core_services_db");
        sql.add("INSERT INTO tenant (id, admin_email, admin_first_name, admin_last_name, admin_username,"
                + " application_type, comment, created_at, domain, example_extension_parameter, jwks, jwks_uri,"
                + " tenant_uri, name, parent_id, policy_uri, refresh_token_lifetime, requester_email, scope,"
                + " software_id, software_version, status, tos_uri, uri) VALUES (" + t
                + ", 'a@x.org', 'A', 'B', 'u000',"
                + " 'web', '', " + ts + ", 'x.org', '', NULL, '', '', 'Bench', 0, '', 0, 'a@x.org', 'openid', '', '',"
                + " 'ACTIVE', '', 'https://x.org')");
        sql.add("INSERT INTO entity_type (id, created_at, description, external_id, last_modified_at, name, tenant_id)"
                + " VALUES ('PROJECT@" + t + "', " + ts + ", NULL, 'PROJECT', " + ts + ", 'Project', '" + t + "')");
        sql.add("INSERT INTO permission_type (id, created_at, description, external_id, last_modified_at, name,"
                + " tenant_id) VALUES ('OWNER@" + t + "', " + ts + ", NULL, 'OWNER', " + ts + ", 'OWNER', '" + t + "'),"
                + " ('READ@" + t + "', " + ts + ", NULL, 'READ', " + ts + ", 'Read', '" + t + "'), ('WRITE@" + t
                + "', " + ts + ", NULL, 'WRITE', " + ts + ", 'Write', '" + t + "')");
        sql.add("INSERT INTO entity (id, binary_data, created_at, description, external_id, external_parent_id,"
                + " full_text, last_modified_at, name, original_created_time, owner_id, shared_count, tenant_id,"
                + " entity_type_id) SELECT concat('e', seq, '@" + t + "'), NULL, " + ts + ", NULL, concat('e', seq),"
                + " IF(seq % " + CHAIN + " = 0, NULL, concat('e', seq - 1)), NULL, " + ts + ", concat('Entity ', seq),"
                + " NULL, " + owner + ", 0, '" + t + "', 'PROJECT@" + t + "' FROM " + seq);
        sql.add("INSERT INTO user_profile (id, created_at, email_address, first_name, last_modified_at, last_name,"
                + " status, tenant_id, type, username) SELECT concat('u', lpad(seq, 3, '0'), '@" + t + "'), " + ts
                + ", NULL, NULL, " + ts + ", NULL, 'ACTIVE', " + t + ", 'END_USER', concat('u', lpad(seq, 3, '0'))"
                + " FROM seq_0_to_" + (USERS - 1));
        sql.add("INSERT INTO group_entity (id, created_at, description, external_id, last_modified_at, name,"
                + " parent_id, tenant_id) SELECT concat('g', seq, '@" + t + "'), " + ts + ", NULL, concat('g', seq), "
                + ts + ", concat('Bench group ', seq), '', " + t + " FROM seq_0_to_" + (GROUPS - 1));
        sql.add("INSERT IGNORE INTO user_group_membership_type (id, created_at, last_modified_date) VALUES"
                + " ('MEMBER', " + ts + ", " + ts + ")");
        sql.add("INSERT INTO user_group_membership (id, created_at, last_modified_date, tenant_id, group_entity_id,"
                + " user_group_membership_type_id, user_profile_id) SELECT 400000 + seq, " + ts + ", " + ts + ", " + t
                + ", concat('g', seq % " + GROUPS + ", '@" + t + "'), 'MEMBER', concat('u', lpad(seq, 3, '0'), '@" + t
                + "') FROM seq_0_to_" + (USERS - 1));
        // each owner's OWNER on each entity, and Custos's copies of it on the entity's descendants in the chain
        sql.add("INSERT INTO sharing " + cols + " SELECT concat('o', seq), " + owner + ", 'user', " + ts + ", " + ts
                + ", " + owner + ", 'DIRECT_CASCADING', '" + t + "', concat('e', seq, '@" + t + "'), concat('e', seq,"
                + " '@" + t + "'), 'OWNER@" + t + "' FROM " + seq);
        String copies = "(SELECT s.seq AS seq, d.seq AS d FROM " + seq + " s JOIN seq_1_to_" + (CHAIN - 1)
                + " d ON d.seq <= s.seq % " + CHAIN + ") x";
        sql.add("INSERT INTO sharing " + cols + " SELECT concat('o', seq, '-', d), " + owner + ", 'user', " + ts
                + ", " + ts + ", " + owner + ", 'INDIRECT_CASCADING', '" + t + "', concat('e', seq, '@" + t
                + "'), concat('e', seq - d, '@" + t + "'), 'OWNER@" + t + "' FROM " + copies);
        // a cascading READ to a group and a cascading WRITE to a user on each chain's root, with their copies
        String group = "concat('g', (seq div " + CHAIN + ") % " + GROUPS + ")";
        String writer = "concat('u', lpad(((seq div " + CHAIN + ") * 7 + 3) % " + USERS + ", 3, '0'))";
        for (String[] share :
                List.of(new String[] {"r", group, "group", "READ"}, new String[] {"w", writer, "user", "WRITE"})) {
            sql.add("INSERT INTO sharing " + cols + " SELECT concat('" + share[0] + "', seq), " + share[1] + ", '"
                    + share[2] + "', " + ts + ", " + ts + ", " + owner + ", IF(seq % " + CHAIN + " = 0,"
                    + " 'DIRECT_CASCADING', 'INDIRECT_CASCADING'), '" + t + "', concat('e', seq, '@" + t + "'), " + root
                    + ", '" + share[3] + "@" + t + "' FROM " + seq);
        }
        // five direct, non-cascading READ shares per entity, to five different users
        String fives = "(SELECT s.seq AS seq, k.seq AS k FROM " + seq + " s JOIN seq_1_to_5 k) x";
        sql.add("INSERT INTO sharing " + cols + " SELECT concat('d', seq, '-', k), concat('u', lpad((seq * 13 + k *"
                + " 101) % " + USERS + ", 3, '0')), 'user', " + ts + ", " + ts + ", 'u000', 'DIRECT_NON_CASCADING', '"
                + t + "', concat('e', seq, '@" + t + "'), concat('e', seq, '@" + t + "'), 'READ@" + t + "' FROM "
                + fives);
        // for the benchmark's own oracle only (Custos's check reads by entity): not read by the migration
        sql.add("CREATE INDEX bench_sharing_entity ON sharing (entity_id)");
        return String.join(";\n", sql) + ";\n";
    }

    /** Samples the server JVM's used heap ({@code jcmd GC.heap_info}) every 200 ms while a request runs. */
    static final class HeapSampler {
        private final long pid;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        HeapSampler(long pid) {
            this.pid = pid;
        }

        long sample() throws Exception {
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            long used = -1;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    var m = java.util.regex.Pattern.compile("heap\\s+total.*?used (\\d+)K")
                            .matcher(line);
                    if (m.find()) {
                        used = Long.parseLong(m.group(1)) * 1024;
                    }
                }
            }
            p.waitFor();
            return used;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    try {
                        peak.accumulateAndGet(sample(), Math::max);
                        Thread.sleep(200);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }
}
