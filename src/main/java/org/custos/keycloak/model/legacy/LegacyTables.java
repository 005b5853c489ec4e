package org.custos.keycloak.model.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a legacy Custos keeps each of the tables a migration reads. Custos 2022–2023 ran one database, {@code
 * core_services_db}; the 2021 releases ran one database per core service on one MySQL server ({@code core_sharing},
 * {@code core_user_profile}, ... — each service's {@code spring.datasource.url}), with the same tables and columns
 * (Hibernate generated both from the same entities). A service's tables are read from, in order: the database the
 * operator names for it ({@code legacy-db-schemas}); the database of the configured URL, if it has them; the
 * service's 2021 database, if it has them. A database the account cannot read counts as not having them.
 */
public final class LegacyTables {

    /** Custos's core services whose tables a migration reads, each with its 2021 database and its tables. */
    public enum Service {
        TENANT("tenant-profile", "core_tenant", "tenant"),
        CREDENTIALS("credential-store", "core_credential_store", "custos_credentials"),
        SHARING("sharing", "core_sharing", "entity_type", "permission_type", "entity", "sharing"),
        USERS(
                "user-profile",
                "core_user_profile",
                "user_profile",
                "group_entity",
                "group_to_group_membership",
                "user_group_membership"),
        SECRETS("resource-secret", "core_resource_secret", "secret"),
        AGENTS("agent-profile", "core_agent_profile", "agent_entity", "agent_attribute", "agent_role");

        private final String key;
        private final String database2021;
        private final List<String> tables;

        Service(String key, String database2021, String... tables) {
            this.key = key;
            this.database2021 = database2021;
            this.tables = List.of(tables);
        }

        /** The name an operator uses for it in {@code legacy-db-schemas}. */
        public String key() {
            return key;
        }

        static Service of(String table) {
            return Arrays.stream(values())
                    .filter(s -> s.tables.contains(table))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not a table a migration reads: " + table));
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");

    private final Map<Service, String> databases;

    private LegacyTables(Map<Service, String> databases) {
        this.databases = databases;
    }

    /**
     * The operator's {@code legacy-db-schemas}: {@code service=database} pairs separated by commas (e.g. {@code
     * sharing=custos_sharing,user-profile=custos_users}); blank for none.
     *
     * @throws IllegalArgumentException naming the pair that is not a known service and a database name
     */
    public static Map<String, String> parse(String option) {
        Map<String, String> named = new LinkedHashMap<>();
        if (option == null || option.isBlank()) {
            return named;
        }
        Set<String> keys = new HashSet<>();
        for (Service s : Service.values()) {
            keys.add(s.key);
        }
        for (String pair : option.split(",")) {
            String[] kv = pair.trim().split("=", 2);
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            if (kv.length != 2
                    || !keys.contains(key)
                    || !NAME.matcher(kv[1].trim()).matches()) {
                throw new IllegalArgumentException("custos legacy-db-schemas: '" + pair.trim() + "' is not"
                        + " <service>=<database> with a service among " + keys + " and a database name of letters,"
                        + " digits, '_' or '$'");
            }
            named.put(key, kv[1].trim());
        }
        return named;
    }

    /** Finds each service's database on the server {@code c} is connected to; {@code named} as {@link #parse}. */
    static LegacyTables locate(Connection c, Map<String, String> named) throws SQLException {
        String current;
        try (var st = c.createStatement();
                ResultSet rs = st.executeQuery("select database()")) {
            current = rs.next() ? rs.getString(1) : null;
        }
        Map<Service, String> databases = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            String database = named.get(s.key);
            if (database == null) {
                boolean here = current != null && has(c, current, s);
                database = here || !has(c, s.database2021, s) ? current : s.database2021;
            }
            databases.put(s, database);
        }
        return new LegacyTables(databases);
    }

    /** Whether {@code database} holds the service's first table and the account may read it. */
    private static boolean has(Connection c, String database, Service s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from information_schema.tables where table_schema = ? and table_name = ?")) {
            ps.setString(1, database);
            ps.setString(2, s.tables.get(0));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** {@code table} as a query names it: qualified with its service's database. */
    String table(String table) {
        String database = databases.get(Service.of(table));
        return database == null ? table : "`" + database.replace("`", "``") + "`." + table;
    }

    /** Each service's database as read, by its {@code legacy-db-schemas} key (for the migration's report). */
    public Map<String, String> databases() {
        Map<String, String> out = new LinkedHashMap<>();
        databases.forEach((s, d) -> out.put(s.key, d == null ? "" : d));
        return out;
    }
}
