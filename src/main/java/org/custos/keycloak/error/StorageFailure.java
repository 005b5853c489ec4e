package org.custos.keycloak.error;

import java.sql.SQLException;

/**
 * Tells a storage outage from everything else: a request that could not reach the database gets 503 (retry later),
 * never 401 (which tells a client to throw a good token away) nor a bare 500.
 */
public final class StorageFailure {

    private StorageFailure() {}

    /** True when {@code e}, or a cause of it, is a JDBC, persistence or transaction failure. */
    public static boolean isStorage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof SQLException
                    || name.startsWith("jakarta.persistence.")
                    || name.startsWith("org.hibernate.")
                    || name.startsWith("jakarta.transaction.")
                    || name.contains("JDBCConnection")) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code e}, or a cause of it, says another transaction changed a versioned row first. */
    public static boolean isOptimisticLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.equals("jakarta.persistence.OptimisticLockException")
                    || name.endsWith("StaleObjectStateException")
                    || name.endsWith("StaleStateException")) {
                return true;
            }
        }
        return false;
    }
}
