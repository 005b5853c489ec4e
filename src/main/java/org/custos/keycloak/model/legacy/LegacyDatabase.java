package org.custos.keycloak.model.legacy;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
    private final Map<String, String> schemas;

    /**
     * The database at a JDBC URL, with its account; {@code schemas} the databases the operator named for Custos's
     * services ({@link LegacyTables#parse}), the others found ({@link LegacyTables}).
     */
    public LegacyDatabase(String url, String username, String password, Map<String, String> schemas) {
        this.url = url;
        this.schemas = schemas;
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
            LegacyTables tables = LegacyTables.locate(c, schemas);
            LegacyRows read = new LegacyRows(c, tables, tenant);
            if (!read.tenantExists()) {
                throw new NoSuchTenant(tenant);
            }
            for (String table : LARGE) {
                long rows = read.count(table);
                if (rows > maxRows) {
                    throw new TooLarge(table, rows, maxRows);
                }
            }
            long sharingRows = read.count("sharing");
            LegacyTenant rows = new LegacyTenant(
                    tenant,
                    tables.databases(),
                    read.clientId(),
                    read.profiles(),
                    read.types("entity_type"),
                    read.types("permission_type"),
                    read.entities(),
                    read.groups(),
                    read.edges(),
                    read.memberships(),
                    read.secrets(),
                    read.agents());
            return work.run(rows, new LegacySharing(c, read.sql("{sharing}"), tenant, sharingRows));
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
                                + "): is it Custos's core_services_db, or, for a 2021 Custos, are its per-service"
                                + " databases named in legacy-db-schemas?",
                unreachable,
                e);
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
}
