package org.custos.keycloak.error;

import java.sql.SQLException;

/**
 * Tells database failures apart by what a client should do about them: an outage (the database cannot be reached:
 * 503, retry later), contention (a lock, a deadlock or a concurrent change: 409, retry now), or anything else (a
 * bug: 500). Never 401 for a credential whose check could not reach the database.
 */
public final class StorageFailure {

    private StorageFailure() {}

    /** True when {@code e}, or a cause of it, is any JDBC, persistence or transaction failure. */
    public static boolean isStorage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof SQLException
                    || name.startsWith("jakarta.persistence.")
                    || name.startsWith("org.hibernate.")
                    || name.startsWith("jakarta.transaction.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the database cannot be reached: a refused or broken connection (SQLState class 08), a server shutting
     * down or not yet accepting connections (57P01–57P03), a pool that could not hand out a connection in time, or a
     * connection that broke mid-statement: an I/O error below a database failure (Keycloak's JPA layer wraps the
     * driver's {@code EOFException} straight into a {@code ModelException}, without the SQLState).
     */
    public static boolean isOutage(Throwable e) {
        boolean database = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof java.io.IOException && database) {
                return true;
            }
            database |= t instanceof org.keycloak.models.ModelException || isStorage(t);
            if (name.equals("org.hibernate.exception.JDBCConnectionException")
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                    return true;
                }
                if (state == null && String.valueOf(sql.getMessage()).contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when another transaction got in the way: a lost optimistic lock, a lock that could not be taken, a
     * deadlock or a serialization failure (SQLState 40001, 40P01). Nothing was written; the request can be retried.
     */
    public static boolean isContention(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.equals("jakarta.persistence.OptimisticLockException")
                    || name.equals("jakarta.persistence.PessimisticLockException")
                    || name.equals("jakarta.persistence.LockTimeoutException")
                    || name.endsWith("StaleObjectStateException")
                    || name.endsWith("StaleStateException")
                    || name.equals("org.hibernate.exception.LockAcquisitionException")
                    || name.equals("org.hibernate.PessimisticLockException")) {
                return true;
            }
            if (t instanceof SQLException sql
                    && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
