package org.custos.keycloak.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * A legacy Custos database on a real MariaDB ({@code bash .ci/mariadb.sh start}; {@link #setting}):
 * loads Custos's schema and the test tenants into it, and answers Custos's own access check from its rows — the
 * oracle a migration is judged by. Without a MariaDB the tests that need one are skipped, unless
 * {@code CUSTOS_LEGACY_REQUIRED=1} (as in CI), where they fail.
 */
public final class LegacyCustos {

    private final String url;
    private final String username;
    private final String password;

    private LegacyCustos(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /**
     * The legacy database's {@code url}, {@code username} or {@code password}: {@code -Dcustos.legacy.db.<name>}, else
     * the environment's {@code CUSTOS_LEGACY_DB_<NAME>} (as .ci/run sets them); empty when neither is set.
     */
    public static String setting(String name) {
        String value = System.getProperty("custos.legacy.db." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv("CUSTOS_LEGACY_DB_" + name.toUpperCase(java.util.Locale.ROOT));
        }
        return value == null ? "" : value;
    }

    /** The configured legacy database, freshly loaded with {@code scripts} (resources under legacy/). */
    public static LegacyCustos load(String... scripts) {
        String url = LegacyCustos.setting("url");
        if (url.isBlank()) {
            if ("1".equals(System.getenv("CUSTOS_LEGACY_REQUIRED"))) {
                throw new IllegalStateException("CUSTOS_LEGACY_REQUIRED=1 but CUSTOS_LEGACY_DB_URL is not set");
            }
            Assumptions.abort(
                    "no legacy MariaDB: bash .ci/mariadb.sh start, then set CUSTOS_LEGACY_DB_URL (docs/testing.md)");
        }
        LegacyCustos db = new LegacyCustos(url, LegacyCustos.setting("username"), LegacyCustos.setting("password"));
        StringBuilder drop = new StringBuilder();
        for (String database : CUSTOS_2021.keySet()) {
            drop.append("DROP DATABASE IF EXISTS ").append(database).append(';');
            drop.append("DROP DATABASE IF EXISTS ")
                    .append(database.replace("core_", "legacy_"))
                    .append(';');
        }
        db.execute(drop + "DROP DATABASE IF EXISTS core_services_db; CREATE DATABASE core_services_db CHARACTER SET"
                + " utf8mb4");
        db.execute("core_services_db.sql");
        for (String script : scripts) {
            db.execute(script);
        }
        return db;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    /** The server, no database selected (the scripts say which): the database may not exist yet. */
    private Connection connectServer() throws SQLException {
        String server = url.substring(0, url.indexOf('/', "jdbc:mariadb://".length()) + 1);
        return DriverManager.getConnection(server + "?allowMultiQueries=true", username, password);
    }

    /**
     * The databases Custos 2021 ran, one per core service (each service's {@code spring.datasource.url} on the
     * production branch), with the tables of each that a migration reads and those that join them.
     */
    public static final Map<String, List<String>> CUSTOS_2021 = Map.of(
            "core_tenant", List.of("tenant", "contact", "redirect_uri"),
            "core_credential_store", List.of("custos_credentials", "agent_credentials"),
            "core_sharing", List.of("entity_type", "permission_type", "entity", "sharing"),
            "core_user_profile",
                    List.of(
                            "user_profile",
                            "user_attribute",
                            "user_role",
                            "group_entity",
                            "group_attribute",
                            "group_role",
                            "user_group_membership_type",
                            "user_group_membership",
                            "group_to_group_membership"),
            "core_resource_secret", List.of("secret"),
            "core_agent_profile", List.of("agent_entity", "agent_attribute", "agent_role"));

    /**
     * Lays the loaded tables out as Custos 2021 did: each service's tables moved out of {@code core_services_db} into
     * its own database, named by {@code rename} (its 2021 name when absent from it).
     */
    public void splitPerService(Map<String, String> rename) {
        StringBuilder sql = new StringBuilder();
        CUSTOS_2021.forEach((database, tables) -> {
            String target = rename.getOrDefault(database, database);
            sql.append("CREATE DATABASE ").append(target).append(" CHARACTER SET utf8mb4; RENAME TABLE ");
            sql.append(String.join(
                    ", ",
                    tables.stream()
                            .map(t -> "core_services_db." + t + " TO " + target + "." + t)
                            .toList()));
            sql.append(';');
        });
        execute(sql.toString());
    }

    /** Runs SQL statements (separated by ';') against the legacy server, e.g. a generated tenant. */
    public void run(String sql) {
        execute(sql);
    }

    private void execute(String scriptOrSql) {
        String sql = scriptOrSql.endsWith(".sql") ? resource(scriptOrSql) : scriptOrSql;
        try (Connection c = connectServer();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("loading " + scriptOrSql + " into the legacy database failed", e);
        }
    }

    public static String resource(String name) {
        try (InputStream in = LegacyCustos.class.getResourceAsStream("/legacy/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource legacy/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The external ids of a tenant's entities. */
    public List<String> entities(String tenant) {
        return strings("select external_id from entity where tenant_id = ? order by external_id", tenant);
    }

    /**
     * Custos's access check (SharingImpl.userHasAccess with the production branch's group expansion): a row on the
     * entity with the permission or OWNER, for the user or any group the user is in — directly, or as a member of a
     * group below it in group_to_group_membership.
     */
    public boolean hasAccess(String tenant, String entity, String permission, String username) {
        Set<String> principals = new HashSet<>(List.of(username));
        List<String> frontier = strings(
                "select group_entity_id from user_group_membership where user_profile_id = ? and tenant_id = "
                        + Long.parseLong(tenant) + " and group_entity_id is not null",
                username + "@" + tenant);
        Set<String> seen = new HashSet<>();
        while (!frontier.isEmpty()) {
            String g = frontier.remove(frontier.size() - 1);
            if (seen.add(g)) {
                principals.addAll(strings("select external_id from group_entity where id = ?", g));
                frontier.addAll(strings("select parent_id from group_to_group_membership where child_id = ?", g));
            }
        }
        for (String p : principals) {
            List<String> rows = strings(
                    "select id from sharing where entity_id = '" + entity + "@" + tenant + "' and associating_id = ?"
                            + " and permission_type_id in ('" + permission + "@" + tenant + "', 'OWNER@" + tenant
                            + "')",
                    p);
            if (!rows.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private List<String> strings(String sql, String param) {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
