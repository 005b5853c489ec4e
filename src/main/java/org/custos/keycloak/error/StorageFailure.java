package org.custos.keycloak.error;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Tells database failures apart by what a client should do about them: an outage (the database cannot be reached:
 * 503, retry later), contention (a lock, a deadlock or a concurrent change: 409, retry now), or anything else (a
 * bug: 500). Never 401 for a credential whose check could not reach the database.
 *
 * <p>Every test looks at the whole failure: its causes and its suppressed exceptions. A commit that fails reaches us
 * as the transaction manager's {@code RollbackException} ("ARJUNA016053 Could not commit transaction") with no cause:
 * what made it fail hangs off it as a suppressed ("deferred") exception.
 */
public final class StorageFailure {

    /** At most this many throwables are looked at: a failure's graph is small, a cycle must not loop. */
    private static final int MAX_LINKS = 64;

    private StorageFailure() {}

    /** The first throwable of this type among the failure, its causes and suppressed exceptions; null if none. */
    public static <T extends Throwable> T find(Throwable e, Class<T> type) {
        return links(e).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElse(null);
    }

    /** The failure, its causes and its suppressed exceptions (recursively), each once, breadth first. */
    static List<Throwable> links(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> queue = new ArrayDeque<>();
        if (e != null) {
            queue.add(e);
        }
        while (!queue.isEmpty() && out.size() < MAX_LINKS) {
            Throwable t = queue.poll();
            if (!seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                queue.add(t.getCause());
            }
            Collections.addAll(queue, t.getSuppressed());
        }
        return out;
    }

    /** True when {@code e}, or a cause of it, is any JDBC, persistence or transaction failure. */
    public static boolean isStorage(Throwable e) {
        return links(e).stream().anyMatch(StorageFailure::isStorageLink);
    }

    private static boolean isStorageLink(Throwable t) {
        String name = t.getClass().getName();
        return t instanceof SQLException
                || name.startsWith("jakarta.persistence.")
                || name.startsWith("org.hibernate.")
                || name.startsWith("jakarta.transaction.");
    }

    /**
     * True when the database cannot be reached: a refused or broken connection (SQLState class 08), a server shutting
     * down or not yet accepting connections (57P01–57P03), a pool that could not hand out a connection in time, a
     * connection that broke mid-statement (an I/O error below a database failure: Keycloak's JPA layer wraps the
     * driver's {@code EOFException} straight into a {@code ModelException}, without the SQLState), or a commit the
     * transaction manager had to roll back for a reason none of these names (nothing was written: retry later).
     */
    public static boolean isOutage(Throwable e) {
        List<Throwable> links = links(e);
        boolean database = false;
        for (Throwable t : links) {
            database |= t instanceof org.keycloak.models.ModelException || isStorageLink(t);
        }
        for (Throwable t : links) {
            String name = t.getClass().getName();
            if (t instanceof java.io.IOException && database) {
                return true;
            }
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
        return isFailedCommit(links) && !isContention(e) && !hasSqlState(links);
    }

    /** The transaction manager rolled back instead of committing ({@code RollbackException}, heuristic outcomes). */
    private static boolean isFailedCommit(List<Throwable> links) {
        return links.stream()
                .map(t -> t.getClass().getName())
                .anyMatch(name -> name.equals("jakarta.transaction.RollbackException")
                        || name.equals("jakarta.transaction.HeuristicRollbackException")
                        || name.equals("jakarta.transaction.SystemException"));
    }

    /** A database that answered with a reason (a constraint, a syntax error): not an outage. */
    private static boolean hasSqlState(List<Throwable> links) {
        return links.stream().anyMatch(t -> t instanceof SQLException sql && sql.getSQLState() != null);
    }

    /**
     * True when the database refused a value of the request as too long for its column (SQLState 22001): the request is
     * at fault, not the server — 400, nothing written. Other data errors (class 22) stay server errors: they may be
     * ours.
     */
    public static boolean isRejectedValue(Throwable e) {
        return links(e).stream().anyMatch(t -> t instanceof SQLException sql && "22001".equals(sql.getSQLState()));
    }

    /**
     * True when another transaction got in the way: a lost optimistic lock, a lock that could not be taken, a
     * deadlock or a serialization failure (SQLState 40001, 40P01). Nothing was written; the request can be retried.
     */
    public static boolean isContention(Throwable e) {
        for (Throwable t : links(e)) {
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

    /** A failure in one line: its chain of classes, with a database's SQLState — never a message or a value. */
    public static String summary(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                out.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
        }
        return out.toString();
    }
}
