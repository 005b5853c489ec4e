package org.custos.keycloak.rest.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.Test;

/**
 * Custos data travels with Keycloak's own commands, as an operator runs them: a realm and its Custos bundle written
 * to a folder are read by {@code kc.sh import --dir} into another Keycloak (its own database, the same key file),
 * whose {@code kc.sh export --dir} writes the bundle back out — the same rows, the secret re-sealed; that bundle,
 * imported over HTTP into a third realm, answers every check the same, and restores the secret to its owner in the
 * first realm.
 * {@code kc.sh export --file} says loudly that it leaves Custos data out.
 */
class KcShExportImportIT {

    private static final String PASSWORD = "kcsh-password-1";

    @Test
    void aRealmsCustosDataGoesThroughKcShImportAndExport() throws Exception {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        ObjectNode[] captured = new ObjectNode[1];
        try (TestRealm source = TestRealm.create(admin, "kcsh", rep -> captured[0] = withIds(rep, false))) {
            String value = "kv-" + UUID.randomUUID();
            fill(source, value);
            Http.Reply exported = admin.call("GET", "/" + source.name() + "/custos/bundle", null);
            assertEquals(200, exported.status(), exported.toString());

            Path node = copyOfKeycloak();
            Path in = Files.createDirectories(node.resolve("in"));
            // Keycloak's own export would carry bob's membership, which Custos gave him: so does this realm file.
            Files.writeString(
                    in.resolve(source.name() + "-realm.json"),
                    withBobInLab(captured[0]).toString());
            Files.writeString(in.resolve(source.name() + ".custos-bundle"), exported.body());
            String imported = kc(node, "import", "--dir=" + in);
            assertTrue(imported.contains("imported the Custos data of realm " + source.name()), imported);

            Path out = node.resolve("out");
            kc(node, "export", "--dir=" + out, "--realm=" + source.name());
            JsonNode before = exported.json();
            JsonNode after = Http.JSON.readTree(
                    out.resolve(source.name() + ".custos-bundle").toFile());
            for (String section : List.of("entity_types", "permission_types", "entities", "shares", "memberships")) {
                assertEquals(before.get(section), after.get(section), section + " are the same rows");
            }
            JsonNode secret = after.get("secrets").get(0);
            assertEquals(before.get("secrets").get(0).get("token"), secret.get("token"));
            assertNotEquals(before.get("secrets").get(0).get("ciphertext"), secret.get("ciphertext"), "re-sealed");
            assertFalse(after.toString().contains(value), "no secret value in plain text");

            String single = kc(node, "export", "--file=" + node.resolve("single.json"), "--realm=" + source.name());
            assertTrue(single.contains("NOT in this export"), "a single-file export says it lacks Custos data");

            // Into another realm (other ids): the same answers; the secret stays behind (same user ids only).
            try (TestRealm third = TestRealm.create(admin, "kcsh-back", rep -> people(rep, true))) {
                ObjectNode withoutSecrets = ((ObjectNode) after).deepCopy();
                withoutSecrets.putArray("secrets");
                Http.Reply back = admin.call("POST", "/" + third.name() + "/custos/bundle", withoutSecrets);
                assertEquals(200, back.status(), back.toString());
                assertEquals(answers(source), answers(third), "every check answers the same");
            }
            // Back into the realm it came from, after the secret was deleted there: the value, re-sealed by the
            // second installation, opens for its owner again.
            Http.Reply deleted = Http.request("DELETE", source.custos("resource-secret-management", "secret/kv"))
                    .auth(source.tenantAuth())
                    .header("user-token", source.accessToken(TestRealm.USER, PASSWORD))
                    .json(Map.of("metadata", Map.of("client_id", TestRealm.TENANT_CLIENT), "key", "db"))
                    .send();
            assertEquals(200, deleted.status(), deleted.toString());
            Http.Reply restored = admin.call("POST", "/" + source.name() + "/custos/bundle", after);
            assertEquals(200, restored.status(), restored.toString());
            Http.Reply kv = Http.request("GET", source.custos("resource-secret-management", "secret/kv?key=db"))
                    .auth(source.tenantAuth())
                    .header("user-token", source.accessToken(TestRealm.USER, PASSWORD))
                    .send();
            assertEquals(value, kv.json().get("value").asText(), kv.toString());
        }
    }

    /** bob and carol, carol in the group lab (and bob if asked); alice's password set to ours. */
    private static void people(ObjectNode rep, boolean bobInLab) {
        rep.putArray("groups").add(Http.parse("{\"name\": \"lab\"}"));
        for (String name : List.of("bob", "carol")) {
            ObjectNode u = Http.JSON.valueToTree(TestRealm.user(name, PASSWORD));
            if (bobInLab || name.equals("carol")) {
                u.putArray("groups").add("/lab");
            }
            rep.withArray("users").add(u);
        }
        for (JsonNode u : rep.withArray("users")) {
            if (u.get("username").asText().equals(TestRealm.USER)) {
                ((ObjectNode) u.get("credentials").get(0)).put("value", PASSWORD);
            }
        }
    }

    /** The realm with fixed ids for itself, its users, groups and clients: Keycloak's import keeps them. */
    private static ObjectNode withIds(ObjectNode rep, boolean bobInLab) {
        people(rep, bobInLab);
        rep.put("id", UUID.randomUUID().toString());
        for (String list : List.of("users", "groups", "clients")) {
            rep.withArray(list)
                    .forEach(x -> ((ObjectNode) x).put("id", UUID.randomUUID().toString()));
        }
        return rep;
    }

    private static ObjectNode withBobInLab(ObjectNode rep) {
        ObjectNode copy = rep.deepCopy();
        copy.withArray("users").forEach(u -> {
            if (u.get("username").asText().equals("bob")) {
                ((ObjectNode) u).putArray("groups").add("/lab");
            }
        });
        return copy;
    }

    private static void fill(TestRealm realm, String value) {
        SharingApi sharing = new SharingApi(realm, realm.tenantAuth());
        sharing.entityType("PROJECT");
        sharing.permissionType("READ");
        assertEquals(
                200,
                sharing.createEntity("proj", "PROJECT", TestRealm.USER, null).status());
        assertEquals(
                200,
                sharing.createEntity("proj-data", "PROJECT", "carol", "proj").status());
        String lab = realm.admin()
                .call("GET", "/" + realm.name() + "/groups?search=lab&exact=true", null)
                .json()
                .get(0)
                .get("id")
                .asText();
        assertEquals(
                200, sharing.share("groups", "proj", "READ", List.of(lab), true).status());
        assertEquals(
                200,
                sharing.share("users", "proj-data", "READ", List.of("bob"), false)
                        .status());
        Http.Reply typed = Http.request("POST", realm.custos("group-management", "user/group/membership"))
                .auth(realm.tenantAuth())
                .json(Map.of("group_id", lab, "username", "bob", "membership_type", "ADMIN"))
                .send();
        assertEquals(200, typed.status(), typed.toString());
        Http.Reply kv = Http.request("POST", realm.custos("resource-secret-management", "secret/kv"))
                .auth(realm.tenantAuth())
                .header("user-token", realm.accessToken(TestRealm.USER, PASSWORD))
                .json(Map.of("metadata", Map.of("client_id", TestRealm.TENANT_CLIENT), "key", "db", "value", value))
                .send();
        assertEquals(200, kv.status(), kv.toString());
    }

    private static List<Boolean> answers(TestRealm r) {
        List<String[]> checks = new ArrayList<>();
        for (String e : List.of("proj", "proj-data")) {
            for (String p : List.of("OWNER", "READ")) {
                for (String u : List.of(TestRealm.USER, "bob", "carol")) {
                    checks.add(new String[] {e, p, u});
                }
            }
        }
        return new SharingApi(r, r.tenantAuth()).batch(checks);
    }

    /** The test server's Keycloak, copied without its data: a second installation with a database of its own. */
    private static Path copyOfKeycloak() throws IOException {
        Path dist = Path.of(System.getProperty("custos.test.dist"));
        Path node = dist.resolveSibling("kcsh-node");
        deleteTree(node);
        try (Stream<Path> all = Files.walk(dist)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = dist.relativize(p);
                if (rel.startsWith("data") || rel.toString().endsWith(".log")) {
                    continue;
                }
                Path target = node.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return node;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Runs {@code kc.sh} in the copy on its own H2 file database; fails unless it exits 0; returns its output. */
    private static String kc(Path node, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(node.resolve("bin/kc.sh").toString()));
        command.addAll(List.of(args));
        command.add("--db=dev-file"); // under the copy's data/
        command.add("--spi-realm-restapi-extension--custos--secrets-key-file=" + KeycloakServer.secretsKeyFile());
        Path log = node.resolve("kc-" + args[0] + "-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command)
                .directory(node.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = p.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended && p.exitValue() == 0, String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}
