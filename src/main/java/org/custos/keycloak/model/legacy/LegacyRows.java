package org.custos.keycloak.model.legacy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tenant's rows of every legacy table but {@code sharing}, read through one open connection ({@link
 * LegacyDatabase#read}): every statement a {@code SELECT} with the tenant id as its one bound parameter, each table
 * named as {@code {table}} and read from the database {@link LegacyTables} found it in.
 */
final class LegacyRows {

    private static final Pattern TABLE = Pattern.compile("\\{(\\w+)}");

    private final Connection c;
    private final LegacyTables tables;
    private final String tenant;
    private final String suffix;

    LegacyRows(Connection c, LegacyTables tables, String tenant) {
        this.c = c;
        this.tables = tables;
        this.tenant = tenant;
        this.suffix = "@" + tenant;
    }

    /** {@code sql} with each {@code {table}} qualified by its database. */
    String sql(String sql) {
        Matcher m = TABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(tables.table(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    private <T> List<T> query(String sql, LegacyDatabase.Row<T> row) throws SQLException {
        return LegacyDatabase.query(c, sql(sql), tenant, row);
    }

    long count(String table) throws SQLException {
        return query("select count(*) from {" + table + "} where tenant_id = ?", rs -> rs.getLong(1))
                .get(0);
    }

    boolean tenantExists() throws SQLException {
        return !query("select id from {tenant} where id = ?", rs -> rs.getString(1))
                .isEmpty();
    }

    List<LegacyTenant.Profile> profiles() throws SQLException {
        return query(
                "select username, status, created_at from {user_profile} where tenant_id = ? order by id",
                rs -> new LegacyTenant.Profile(rs.getString(1), rs.getString(2), millis(rs, 3)));
    }

    String clientId() throws SQLException {
        List<String> ids = query(
                "select client_id from {custos_credentials} where owner_id = ? and type = 'CUSTOS'",
                rs -> rs.getString(1));
        return ids.isEmpty() ? null : ids.get(0);
    }

    List<LegacyTenant.Type> types(String table) throws SQLException {
        return query(
                "select external_id, name, description, created_at, last_modified_at from {" + table + "}"
                        + " where tenant_id = ? order by created_at, external_id",
                rs -> new LegacyTenant.Type(
                        rs.getString(1), rs.getString(2), rs.getString(3), millis(rs, 4), millis(rs, 5)));
    }

    List<LegacyTenant.Entity> entities() throws SQLException {
        return query(
                "select external_id, external_parent_id, owner_id, entity_type_id, name, description, full_text,"
                        + " binary_data, original_created_time, created_at, last_modified_at from {entity}"
                        + " where tenant_id = ? order by created_at, external_id",
                rs -> {
                    byte[] data = rs.getBytes(8);
                    return new LegacyTenant.Entity(
                            rs.getString(1),
                            LegacyDatabase.blankToNull(rs.getString(2)),
                            rs.getString(3),
                            LegacyDatabase.external(rs.getString(4), suffix),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            data == null ? null : Base64.getEncoder().encodeToString(data),
                            millis(rs, 9),
                            millis(rs, 10),
                            millis(rs, 11));
                });
    }

    List<LegacyTenant.Group> groups() throws SQLException {
        return query(
                "select id, external_id, name, parent_id, description from {group_entity} where tenant_id = ?"
                        + " order by created_at, id",
                rs -> new LegacyTenant.Group(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        LegacyDatabase.blankToNull(rs.getString(4)),
                        rs.getString(5)));
    }

    List<LegacyTenant.GroupEdge> edges() throws SQLException {
        return query(
                "select parent_id, child_id from {group_to_group_membership} where tenant_id = ? order by id",
                rs -> new LegacyTenant.GroupEdge(rs.getString(1), rs.getString(2)));
    }

    List<LegacyTenant.Membership> memberships() throws SQLException {
        return query(
                "select group_entity_id, user_profile_id, user_group_membership_type_id from {user_group_membership}"
                        + " where tenant_id = ? order by id",
                rs -> new LegacyTenant.Membership(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    List<LegacyTenant.Secret> secrets() throws SQLException {
        return query(
                "select id, external_id, owner_id, secret_type, discription, created_at from {secret}"
                        + " where tenant_id = ? order by created_at, id",
                rs -> new LegacyTenant.Secret(
                        rs.getString(1),
                        LegacyDatabase.blankToNull(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        LegacyDatabase.blankToNull(rs.getString(5)),
                        millis(rs, 6)));
    }

    List<LegacyTenant.Agent> agents() throws SQLException {
        Map<String, Map<String, List<String>>> attributes = new HashMap<>();
        for (String[] a : query(
                "select a.agent_entity_id, a.key_value, a.value from {agent_attribute} a join {agent_entity} e on"
                        + " e.id = a.agent_entity_id where e.tenant_id = ? order by a.id",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            attributes
                    .computeIfAbsent(a[0], k -> new LinkedHashMap<>())
                    .computeIfAbsent(a[1], k -> new ArrayList<>())
                    .add(a[2]);
        }
        Map<String, List<String[]>> roles = new HashMap<>();
        for (String[] r : query(
                "select r.agent_entity_id, r.type, r.value from {agent_role} r join {agent_entity} e on"
                        + " e.id = r.agent_entity_id where e.tenant_id = ? order by r.id",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            roles.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        return query("select id, agent_id, status from {agent_entity} where tenant_id = ? order by id", rs -> {
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

    private static long millis(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? 0 : t.getTime();
    }
}
