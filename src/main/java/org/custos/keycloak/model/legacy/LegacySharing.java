package org.custos.keycloak.model.legacy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A tenant's sharing rows, streamed from the legacy database in holder order while it is open ({@link
 * LegacyDatabase#read}): the one table that grows with entities times holders, so it is never loaded whole.
 */
public final class LegacySharing {

    /**
     * The sharing rows of one holder for one permission, the unit a migration maps at a time (a user reaching every
     * entity of a large tenant through cascades has about one row per entity): no more are held at once.
     */
    public static final int MAX_HOLDER_ROWS = 1_000_000;

    private final Connection connection;
    private final String table;
    private final String tenant;
    private final long total;

    LegacySharing(Connection connection, String table, String tenant, long total) {
        this.connection = connection;
        this.table = table;
        this.tenant = tenant;
        this.total = total;
    }

    /** How many rows the tenant has (counted before the read). */
    public long total() {
        return total;
    }

    /**
     * Reads the rows one holder (a user or group) has for one permission at a time, in the order Custos wrote them,
     * and hands each such group to {@code holder}; answers how many rows were read.
     */
    public long each(Consumer<List<LegacyTenant.Sharing>> holder) {
        try {
            return read(holder);
        } catch (SQLException e) {
            throw LegacyDatabase.failure(new SQLException("table sharing", e.getSQLState(), e));
        }
    }

    /**
     * Streams the rows ordered by holder and permission, compared byte by byte so that no two holders interleave
     * under a case-insensitive collation (a user's name in lower case, as Keycloak keeps it).
     */
    private long read(Consumer<List<LegacyTenant.Sharing>> holder) throws SQLException {
        String suffix = "@" + tenant;
        // the holder's key, each part as the migration uses it: a user's name in lower case (as Keycloak keeps it),
        // the permission without the tenant suffix; ordered by its UTF-8 bytes, whatever the columns' character set
        String sql = "select entity_id, inherited_parent_id, principal, type, sharing_type, shared_by, permission"
                + " from (select entity_id, inherited_parent_id, sharing_type, shared_by, created_at, id,"
                + " lower(associating_id_type) as type,"
                + " case when lower(associating_id_type) = 'user' then lower(associating_id) else associating_id end"
                + " as principal,"
                + " case when cast(right(permission_type_id, ?) as binary) = cast(? as binary) then"
                + " left(permission_type_id, char_length(permission_type_id) - ?) else permission_type_id end"
                + " as permission"
                + " from " + table + " where tenant_id = ?) rows_of_tenant order by"
                + " cast(convert(type using utf8mb4) as binary), cast(convert(principal using utf8mb4) as binary),"
                + " cast(convert(permission using utf8mb4) as binary), created_at, id";
        long read = 0;
        try (PreparedStatement ps =
                connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(1000); // streamed: MariaDB's driver fetches a window at a time
            ps.setInt(1, suffix.length());
            ps.setString(2, suffix);
            ps.setInt(3, suffix.length());
            ps.setString(4, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                List<LegacyTenant.Sharing> group = new ArrayList<>();
                byte[][] holderKey = null; // the group's (type, principal, permission) as the database compared them
                while (rs.next()) {
                    byte[][] key = {bytes(rs.getString(4)), bytes(rs.getString(3)), bytes(rs.getString(7))};
                    int order = holderKey == null ? 1 : compare(key, holderKey);
                    if (order < 0) { // a holder whose rows came already: its shares would be mapped twice
                        throw new LegacyDatabase.ReadFailure(
                                "the legacy database returned the sharing rows out of holder order", false, null);
                    }
                    if (order > 0 && !group.isEmpty()) {
                        holder.accept(group);
                        group = new ArrayList<>();
                    }
                    holderKey = key;
                    LegacyTenant.Sharing row = new LegacyTenant.Sharing(
                            LegacyDatabase.external(rs.getString(1), suffix),
                            LegacyDatabase.external(rs.getString(2), suffix),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            LegacyDatabase.blankToNull(rs.getString(6)),
                            rs.getString(7));
                    read++;
                    if (group.size() == MAX_HOLDER_ROWS) {
                        throw new LegacyDatabase.TooLarge(
                                "sharing rows of " + row.principalType() + " '" + row.principal() + "' for "
                                        + row.permission() + " (read one holder at a time)",
                                MAX_HOLDER_ROWS + 1L,
                                MAX_HOLDER_ROWS);
                    }
                    group.add(row);
                }
                if (!group.isEmpty()) {
                    holder.accept(group);
                }
            }
        }
        return read;
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    /** As {@code order by cast(... as binary)} compares: byte by byte, unsigned, column by column. */
    private static int compare(byte[][] a, byte[][] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Arrays.compareUnsigned(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
