package org.custos.keycloak.model.legacy;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Reads one tenant's rows from a legacy Custos database (the {@code core_services_db} that Custos's JPA entities
 * created in MySQL or MariaDB; the JDBC driver is the one Keycloak ships). Read-only: the connection is opened
 * read-only, every statement is a {@code SELECT} with the tenant id as a bound parameter, and nothing is kept open
 * after {@link #read}. The location comes from the operator's configuration, never from a request.
 */
public final class LegacyDatabase {

    /** Thrown when the legacy database cannot be read; its message names the table, never a value. */
    public static final class ReadFailure extends RuntimeException {
        private final boolean unreachable;

        public ReadFailure(String message, boolean unreachable, Throwable cause) {
            super(message, cause);
            this.unreachable = unreachable;
        }

        /** The database could not be reached (as opposed to: it has no such table or column). */
        public boolean unreachable() {
            return unreachable;
        }
    }

    /** Thrown when one of the tenant's tables holds more rows than a read may load. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(String table, long rows, int max) {
            super("the tenant's " + table + " holds " + rows + " rows, over " + max);
        }
    }

    /** Thrown when the tenant has no row in the legacy database. */
    public static final class NoSuchTenant extends RuntimeException {
        public NoSuchTenant(String tenant) {
            super("tenant '" + tenant + "' is not in the legacy Custos database");
        }
    }

    private final String url;
    private final String username;
    private final String password;

    /** The database at a JDBC URL, with its account. */
    public LegacyDatabase(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** What a migration does with a tenant while its database is open. */
    public interface Work<T> {
        T run(LegacyTenant tenant, LegacySharing sharing);
    }

    /** The tables whose size grows with the tenant's data: counted before anything is loaded. */
    private static final List<String> LARGE = List.of(
            "entity",
            "user_group_membership",
            "secret",
            "user_profile",
            "group_entity",
            "group_to_group_membership",
            "agent_entity");

    /**
     * Reads {@code tenant} in one read-only connection and hands its rows to {@code work}: every table but {@code
     * sharing} loaded (none may hold more than {@code maxRows}), the sharing rows streamed as {@code work} asks.
     */
    public <T> T read(String tenant, int maxRows, Work<T> work) {
        Properties props = new Properties();
        props.setProperty("user", username == null ? "" : username);
        props.setProperty("password", password == null ? "" : password);
        props.setProperty("connectTimeout", "10000");
        props.setProperty("socketTimeout", "3600000"); // MariaDB sorts a tenant's sharing rows before the first arrives
        Connection opened;
        try {
            opened = connect(url, props);
        } catch (SQLException e) { // never the driver's message: it may name the account
            throw new ReadFailure(
                    "the legacy Custos database cannot be reached or refused the login (SQL state " + e.getSQLState()
                            + ")",
                    true,
                    e);
        }
        try (Connection c = opened) {
            c.setReadOnly(true);
            try (var st = c.createStatement()) { // the sharing rows stream while the migration writes: an hour
                st.execute("set session net_write_timeout = 3600");
            }
            if (query(c, "select id from tenant where id = ?", tenant, rs -> rs.getString(1))
                    .isEmpty()) {
                throw new NoSuchTenant(tenant);
            }
            for (String table : LARGE) {
                long rows = count(c, table, tenant);
                if (rows > maxRows) {
                    throw new TooLarge(table, rows, maxRows);
                }
            }
            String suffix = "@" + tenant;
            long sharingRows = count(c, "sharing", tenant);
            LegacyTenant rows = new LegacyTenant(
                    tenant,
                    clientId(c, tenant),
                    query(
                            c,
                            "select username, status, created_at from user_profile where tenant_id = ? order by id",
                            tenant,
                            rs -> new LegacyTenant.Profile(rs.getString(1), rs.getString(2), millis(rs, 3))),
                    types(c, "entity_type", tenant),
                    types(c, "permission_type", tenant),
                    entities(c, tenant, suffix),
                    groups(c, tenant),
                    edges(c, tenant),
                    memberships(c, tenant),
                    secrets(c, tenant),
                    agents(c, tenant));
            return work.run(rows, new LegacySharing(c, tenant, sharingRows));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    static ReadFailure failure(SQLException e) {
        boolean unreachable = e.getSQLState() != null && e.getSQLState().startsWith("08");
        return new ReadFailure(
                unreachable
                        ? "the legacy Custos database went away (SQL state " + e.getSQLState() + ")"
                        : "the legacy Custos database has no readable " + tableOf(e) + " (SQL state " + e.getSQLState()
                                + "): is it Custos's core_services_db?",
                unreachable,
                e);
    }

    private static long count(Connection c, String table, String tenant) throws SQLException {
        return query(c, "select count(*) from " + table + " where tenant_id = ?", tenant, rs -> rs.getLong(1))
                .get(0);
    }

    /**
     * A connection through the JDBC drivers this server's class loader sees (Keycloak ships MariaDB's, which also
     * speaks to MySQL): looked up by service loader, since {@link DriverManager} only offers drivers of its caller's
     * loader.
     */
    private static Connection connect(String url, Properties props) throws SQLException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (Driver driver :
                ServiceLoader.load(Driver.class, loader == null ? LegacyDatabase.class.getClassLoader() : loader)) {
            if (driver.acceptsURL(url)) {
                Connection c = driver.connect(url, props);
                if (c != null) {
                    return c;
                }
            }
        }
        return DriverManager.getConnection(url, props);
    }

    /** The table a failed query read ({@link #query} names it), never the driver's message. */
    private static String tableOf(SQLException e) {
        return e.getMessage() != null && e.getMessage().startsWith("table ") ? e.getMessage() : "table";
    }

    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static <T> List<T> query(Connection c, String sql, String tenant, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            String from = sql.substring(sql.indexOf(" from ") + 6);
            throw new SQLException("table " + from.substring(0, from.indexOf(' ')), e.getSQLState(), e);
        }
    }

    private static String clientId(Connection c, String tenant) throws SQLException {
        List<String> ids = query(
                c,
                "select client_id from custos_credentials where owner_id = ? and type = 'CUSTOS'",
                tenant,
                rs -> rs.getString(1));
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static List<LegacyTenant.Type> types(Connection c, String table, String tenant) throws SQLException {
        return query(
                c,
                "select external_id, name, description, created_at, last_modified_at from " + table
                        + " where tenant_id = ? order by created_at, external_id",
                tenant,
                rs -> new LegacyTenant.Type(
                        rs.getString(1), rs.getString(2), rs.getString(3), millis(rs, 4), millis(rs, 5)));
    }

    private static List<LegacyTenant.Entity> entities(Connection c, String tenant, String suffix) throws SQLException {
        return query(
                c,
                "select external_id, external_parent_id, owner_id, entity_type_id, name, description, full_text,"
                        + " binary_data, original_created_time, created_at, last_modified_at from entity"
                        + " where tenant_id = ? order by created_at, external_id",
                tenant,
                rs -> {
                    byte[] data = rs.getBytes(8);
                    return new LegacyTenant.Entity(
                            rs.getString(1),
                            blankToNull(rs.getString(2)),
                            rs.getString(3),
                            external(rs.getString(4), suffix),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            data == null ? null : Base64.getEncoder().encodeToString(data),
                            millis(rs, 9),
                            millis(rs, 10),
                            millis(rs, 11));
                });
    }

    private static List<LegacyTenant.Group> groups(Connection c, String tenant) throws SQLException {
        return query(
                c,
                "select id, external_id, name, parent_id, description from group_entity where tenant_id = ?"
                        + " order by created_at, id",
                tenant,
                rs -> new LegacyTenant.Group(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        blankToNull(rs.getString(4)),
                        rs.getString(5)));
    }

    private static List<LegacyTenant.GroupEdge> edges(Connection c, String tenant) throws SQLException {
        return query(
                c,
                "select parent_id, child_id from group_to_group_membership where tenant_id = ? order by id",
                tenant,
                rs -> new LegacyTenant.GroupEdge(rs.getString(1), rs.getString(2)));
    }

    private static List<LegacyTenant.Membership> memberships(Connection c, String tenant) throws SQLException {
        return query(
                c,
                "select group_entity_id, user_profile_id, user_group_membership_type_id from user_group_membership"
                        + " where tenant_id = ? order by id",
                tenant,
                rs -> new LegacyTenant.Membership(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    private static List<LegacyTenant.Secret> secrets(Connection c, String tenant) throws SQLException {
        return query(
                c,
                "select id, external_id, owner_id, secret_type, discription, created_at from secret"
                        + " where tenant_id = ? order by created_at, id",
                tenant,
                rs -> new LegacyTenant.Secret(
                        rs.getString(1),
                        blankToNull(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        blankToNull(rs.getString(5)),
                        millis(rs, 6)));
    }

    private static List<LegacyTenant.Agent> agents(Connection c, String tenant) throws SQLException {
        Map<String, Map<String, List<String>>> attributes = new HashMap<>();
        for (String[] a : query(
                c,
                "select a.agent_entity_id, a.key_value, a.value from agent_attribute a join agent_entity e on"
                        + " e.id = a.agent_entity_id where e.tenant_id = ? order by a.id",
                tenant,
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            attributes
                    .computeIfAbsent(a[0], k -> new LinkedHashMap<>())
                    .computeIfAbsent(a[1], k -> new ArrayList<>())
                    .add(a[2]);
        }
        Map<String, List<String[]>> roles = new HashMap<>();
        for (String[] r : query(
                c,
                "select r.agent_entity_id, r.type, r.value from agent_role r join agent_entity e on"
                        + " e.id = r.agent_entity_id where e.tenant_id = ? order by r.id",
                tenant,
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            roles.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        return query(c, "select id, agent_id, status from agent_entity where tenant_id = ? order by id", tenant, rs -> {
            String id = rs.getString(1);
            List<String[]> own = roles.getOrDefault(id, List.of());
            return new LegacyTenant.Agent(
                    id,
                    rs.getString(2),
                    rs.getString(3),
                    attributes.getOrDefault(id, Map.of()),
                    own.stream()
                            .filter(r -> !"client".equals(r[1]))
                            .map(r -> r[2])
                            .toList(),
                    own.stream()
                            .filter(r -> "client".equals(r[1]))
                            .map(r -> r[2])
                            .toList());
        });
    }

    /** {@code external@tenant} → {@code external} (split on the last '@'); another tenant's id stays whole. */
    public static String external(String internal, String suffix) {
        if (internal == null) {
            return null;
        }
        return internal.endsWith(suffix) ? internal.substring(0, internal.length() - suffix.length()) : internal;
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static long millis(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? 0 : t.getTime();
    }
}
