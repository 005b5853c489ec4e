package org.custos.keycloak.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Keycloak distribution (unpacked by Maven from Maven Central) with our jar in {@code providers/}, built
 * and started once per test JVM in production mode on loopback — with an in-memory H2 database, or with
 * {@code -Dcustos.test.db=postgres} on the PostgreSQL named by {@code custos.test.db.url/username/password}.
 *
 * <p>Set {@code -Dcustos.test.url=http://host:port} to run the suite against an already running server instead
 * (it must have the jar, the bootstrap admin {@code admin/admin} and the max-body-bytes option below).
 */
public final class KeycloakServer {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** Set on the test server through the documented SPI option, so that tests prove the option works. */
    public static final long MAX_BODY_BYTES = 2 * 1024 * 1024;

    private static KeycloakServer instance;
    private static Path secretsKeyFile;
    private static Path vaultDir;

    private final String baseUrl;
    private final Process process;

    private KeycloakServer(String baseUrl, Process process) {
        this.baseUrl = baseUrl;
        this.process = process;
    }

    public static synchronized KeycloakServer get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "keycloak-stop"));
        }
        return instance;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The server's process id (kc.sh execs the JVM), for a benchmark's heap samples. */
    public long pid() {
        return process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .map(ProcessHandle::pid)
                .findFirst()
                .orElse(process.pid());
    }

    /**
     * The server's file vault ({@code --vault=file}): a file {@code <realm>_<key>} here is what {@code ${vault.key}}
     * resolves to in that realm. Null for an external server.
     */
    public static Path vaultDir() {
        get();
        return vaultDir;
    }

    /** The secrets key file the server reads (re-read on change), or null against an external server. */
    public static Path secretsKeyFile() {
        return secretsKeyFile;
    }

    /** The server's log file, or null against an external server. */
    public static Path logFile() {
        String dist = System.getProperty("custos.test.dist");
        return secretsKeyFile == null || dist == null ? null : Path.of(dist).resolve("custos-test-server.log");
    }

    private static KeycloakServer start() {
        String external = System.getProperty("custos.test.url");
        if (external != null && !external.isBlank()) {
            waitReady(external, null, null, Duration.ofSeconds(30));
            return new KeycloakServer(external.replaceAll("/$", ""), null);
        }
        Path dist = Path.of(require("custos.test.dist"));
        Path jar = Path.of(require("custos.test.jar"));
        int port = Integer.getInteger("custos.test.port", 18080);
        int managementPort = port + 1000;
        String db = System.getProperty("custos.test.db", "dev-mem");
        if (db.isBlank()) {
            db = "dev-mem";
        }
        Path log = dist.resolve("custos-test-server.log");
        try {
            secretsKeyFile = dist.resolve("custos-test-secrets.keys");
            vaultDir = Files.createDirectories(dist.resolve("custos-test-vault"));
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Files.writeString(
                    secretsKeyFile, "k1=" + java.util.Base64.getEncoder().encodeToString(key) + "\n");
            Files.copy(jar, dist.resolve("providers/keycloak-custos.jar"), StandardCopyOption.REPLACE_EXISTING);
            if (!LegacyCustos.setting("url").isBlank()) {
                legacyDriver(dist);
            }
            List<String> build = new ArrayList<>(List.of(
                    dist.resolve("bin/kc.sh").toString(),
                    "build",
                    "--db=" + db,
                    "--health-enabled=true",
                    "--cache=local",
                    "--features=" + FEATURES,
                    "--vault=file"));
            run(build, dist, log, Duration.ofMinutes(4));
            List<String> start = new ArrayList<>(List.of(
                    dist.resolve("bin/kc.sh").toString(),
                    "start",
                    "--optimized",
                    "--http-enabled=true",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--http-management-port=" + managementPort,
                    "--hostname-strict=false",
                    "--spi-realm-restapi-extension--custos--max-body-bytes=" + MAX_BODY_BYTES,
                    "--spi-realm-restapi-extension--custos--secrets-key-file=" + secretsKeyFile,
                    "--vault-dir=" + vaultDir,
                    "--log-level=INFO,org.custos:DEBUG"));
            String legacy = LegacyCustos.setting("url");
            if (!legacy.isBlank()) { // a legacy Custos database to migrate from (LegacyMigrationIT)
                start.add("--spi-realm-restapi-extension--custos--legacy-db-url=" + legacy);
                start.add("--spi-realm-restapi-extension--custos--legacy-db-username="
                        + LegacyCustos.setting("username"));
            }
            ProcessBuilder pb = new ProcessBuilder(start)
                    .directory(dist.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (db.equals("postgres")) {
                pb.environment().put("KC_DB_URL", require("custos.test.db.url"));
                pb.environment().put("KC_DB_USERNAME", require("custos.test.db.username"));
                pb.environment().put("KC_DB_PASSWORD", System.getProperty("custos.test.db.password", ""));
            }
            if (!legacy.isBlank()) { // a password goes in the environment, as docs/operations.md advises
                pb.environment()
                        .put(
                                "KC_SPI_REALM_RESTAPI_EXTENSION__CUSTOS__LEGACY_DB_PASSWORD",
                                LegacyCustos.setting("password"));
            }
            String heap = System.getProperty("custos.test.heap", "");
            if (!heap.isBlank()) { // a benchmark's bound on the server's heap (kc.sh's variable for it)
                pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms" + heap + " -Xmx" + heap);
            }
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            Process process = pb.start();
            String url = "http://127.0.0.1:" + port;
            waitReady(url, process, log, Duration.ofMinutes(3));
            return new KeycloakServer(url, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What docs/operations.md tells an operator whose Keycloak database is not MariaDB or MySQL: Keycloak's build keeps
     * only its own database's JDBC driver on the class path, so the MariaDB driver it ships goes into providers/.
     */
    static void legacyDriver(Path dist) throws IOException {
        try (var jars = Files.list(dist.resolve("lib/lib/main"))) {
            Path driver = jars.filter(
                            p -> p.getFileName().toString().startsWith("org.mariadb.jdbc.mariadb-java-client"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no MariaDB driver in " + dist + "/lib/lib/main"));
            Files.copy(driver, dist.resolve("providers/" + driver.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Keycloak features the extension uses: the admin console's declarative pages (the Custos tab and pages); and,
     * for ClientAuthenticationIT, Keycloak's (preview) client secret rotation; for the benchmark, Keycloak's own
     * (experimental) AuthZEN endpoint, measured side by side with ours.
     */
    public static final String FEATURES =
            "declarative-ui,client-secret-rotation" + (Boolean.getBoolean("custos.bench") ? ",authzen" : "");

    static void run(List<String> command, Path dir, Path log, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the realm endpoint; if the server dies first, the error carries the end of its log (CI shows it). */
    public static void waitReady(String url, Process process, Path log, Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                String tail = tail(log, 60);
                System.err.println("Keycloak at " + url + " exited during start; the end of " + log + ":\n" + tail);
                throw new IllegalStateException(
                        "Keycloak exited with " + process.exitValue() + " during start: " + tail);
            }
            try {
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(URI.create(url + "/realms/master/.well-known/openid-configuration"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Keycloak at " + url + " not ready within " + timeout);
    }

    static String tail(Path log, int lines) {
        if (log == null || !Files.exists(log)) {
            return "(no log)";
        }
        try {
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String require(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (run through mvn verify)");
        }
        return value;
    }
}
