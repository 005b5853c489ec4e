package org.custos.keycloak.service.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.LegacyCustos;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented Vault export step ({@code tools/legacy/vault-export.sh}) as an operator runs it, with bash and jq:
 * from Vault, through a stand-in for the vault CLI that answers {@code kv list} and {@code kv get} from the migration
 * test's Vault export (src/test/resources/legacy/vault-cli-stub.sh), and from a folder of {@code vault kv get} outputs;
 * both give back exactly that export, which LegacyMigrationIT migrates.
 */
class VaultExportScriptIT {

    private static final Path SCRIPT = Paths.get("tools/legacy/vault-export.sh").toAbsolutePath();

    @TempDir
    Path dir;

    private static JsonNode expected() {
        return Http.parse(LegacyCustos.resource("vault-export.json"));
    }

    /** What the script printed, having exited 0. */
    private static String run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Result r = exec(env, args);
        assertEquals(0, r.exit(), r.out());
        return r.out();
    }

    private record Result(int exit, String out) {}

    private static Result exec(Map<String, String> env, String... args) throws IOException, InterruptedException {
        boolean jq = new ProcessBuilder("sh", "-c", "command -v jq").start().waitFor() == 0;
        if (!jq && "1".equals(System.getenv("CUSTOS_LEGACY_REQUIRED"))) {
            throw new IllegalStateException("CUSTOS_LEGACY_REQUIRED=1 but jq is not installed (.ci/run installs it)");
        }
        Assumptions.assumeTrue(jq, "jq is not installed");
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return new Result(p.exitValue(), out);
    }

    @Test
    void aTenantsSecretsComeOutOfVaultAsTheMigrationReadsThem() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path vault = bin.resolve("vault");
        Files.writeString(vault, LegacyCustos.resource("vault-cli-stub.sh"));
        vault.toFile().setExecutable(true);
        Path data = dir.resolve("vault-data.json");
        Files.writeString(data, expected().toString());
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "VAULT_STUB_DATA", data.toString());

        assertEquals(expected(), Http.parse(run(env, "10000")));
        assertEquals(Http.JSON.createObjectNode(), Http.parse(run(env, "20000")), "another tenant's: nothing");

        // Vault refusing (here: the stand-in cannot read its data) is not "no secrets": it fails and prints nothing
        Result refused = exec(
                Map.ofEntries(
                        Map.entry("PATH", env.get("PATH")),
                        Map.entry("VAULT_STUB_DATA", dir.resolve("gone").toString())),
                "1");
        assertTrue(refused.exit() != 0, "exit " + refused.exit());
        assertEquals("", refused.out());
    }

    @Test
    void aFolderOfVaultOutputsBecomesTheSameExport() throws Exception {
        Path folder = dir.resolve("export");
        for (Iterator<Map.Entry<String, JsonNode>> it = expected().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Path file = folder.resolve(e.getKey() + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue().toPrettyString());
        }
        Path other = folder.resolve("resourcesecret/20000/mallory/keyValue/x.json"); // another tenant's: left out
        Files.createDirectories(other.getParent());
        Files.writeString(other, "{\"data\": {\"key\": \"k\", \"value\": \"not this tenant's\"}}");
        assertEquals(expected(), Http.parse(run(Map.of(), "--dir", folder.toString(), "10000")));
    }
}
