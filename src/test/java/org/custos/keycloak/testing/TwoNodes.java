package org.custos.keycloak.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two Keycloak nodes with our jar on one PostgreSQL, clustered as Keycloak clusters (embedded Infinispan,
 * JDBC_PING discovery through the database), each with its own copy of the built distribution, ports and node name,
 * and the same {@code --hostname} so that a token from one node is valid on the other.
 */
public final class TwoNodes implements AutoCloseable {

    public static final String HOSTNAME = "http://127.0.0.1:18180";
    private final List<Process> nodes = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private final List<Path> dists = new ArrayList<>();

    public static TwoNodes start() {
        TwoNodes cluster = new TwoNodes();
        try {
            Path dist = Path.of(System.getProperty("custos.test.dist"));
            Path jar = Path.of(System.getProperty("custos.test.jar"));
            Path root = dist.getParent().resolve("two-nodes");
            Path keys = root.resolve("secrets.keys");
            deleteRecursively(root);
            Files.createDirectories(root);
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Files.writeString(keys, "k1=" + java.util.Base64.getEncoder().encodeToString(key) + "\n");
            Path built = root.resolve("node-a");
            copy(dist, built);
            Files.copy(jar, built.resolve("providers/keycloak-custos.jar"), StandardCopyOption.REPLACE_EXISTING);
            // The pool validation operators are told to set (docs/operations.md): what the outage test proves.
            Files.copy(
                    Path.of("docker/quarkus.properties"),
                    built.resolve("conf/quarkus.properties"),
                    StandardCopyOption.REPLACE_EXISTING);
            KeycloakServer.run(
                    List.of(
                            built.resolve("bin/kc.sh").toString(),
                            "build",
                            "--db=postgres",
                            "--health-enabled=true",
                            "--features=" + KeycloakServer.FEATURES),
                    built,
                    root.resolve("build.log"),
                    Duration.ofMinutes(4));
            copy(built, root.resolve("node-b"));
            // One after the other, as an operator brings up a new cluster: the first node creates the schema and the
            // master realm alone, the second joins a ready database and the first node's cluster view.
            for (int i = 0; i < 2; i++) {
                Path node = root.resolve(i == 0 ? "node-a" : "node-b");
                cluster.startNode(node, i, keys);
                KeycloakServer.waitReady(
                        cluster.urls.get(i), cluster.nodes.get(i), node.resolve("node.log"), Duration.ofMinutes(4));
            }
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private void startNode(Path dist, int index, Path keys) throws IOException {
        int port = 18180 + 100 * index;
        List<String> command = List.of(
                dist.resolve("bin/kc.sh").toString(),
                "start",
                "--optimized",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + (port + 1000),
                "--hostname=" + HOSTNAME,
                "--spi-cache-embedded-default-node-name=node" + (char) ('A' + index),
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + (7800 + index),
                "--spi-realm-restapi-extension--custos--secrets-key-file=" + keys);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dist.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dist.resolve("node.log").toFile()));
        pb.environment().put("KC_DB_URL", System.getProperty("custos.cluster.db.url"));
        pb.environment().put("KC_DB_USERNAME", System.getProperty("custos.test.db.username"));
        pb.environment().put("KC_DB_PASSWORD", System.getProperty("custos.test.db.password", ""));
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USER);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        nodes.add(pb.start());
        urls.add("http://127.0.0.1:" + port);
        dists.add(dist);
    }

    /** A fresh copy of the built distribution in {@code root/dist} (for a node of its own); returns it. */
    public static Path freshCopy(Path dist, Path root) throws IOException {
        deleteRecursively(root);
        Files.createDirectories(root);
        Path copy = root.resolve("dist");
        copy(dist, copy);
        return copy;
    }

    public String url(int node) {
        return urls.get(node);
    }

    /** Stops one node, as a crash would leave the other: the survivor must keep answering. */
    public void stop(int node) {
        stop(nodes.get(node));
    }

    private static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        nodes.forEach(TwoNodes::stop);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName() != null && dir.getFileName().toString().equals("two-nodes")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
