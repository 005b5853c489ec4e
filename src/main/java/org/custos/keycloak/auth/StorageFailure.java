package org.custos.keycloak.auth;

import org.custos.keycloak.error.CustosException;
import org.jboss.logging.Logger;

import java.sql.SQLException;

/**
 * Tells a storage outage from a bad credential while authenticating: a caller whose token could not be checked
 * because the database is down gets 503 (retry later), never 401 (which tells a client to throw a good token away).
 */
public final class StorageFailure {

    private static final Logger LOG = Logger.getLogger(StorageFailure.class);

    private StorageFailure() {
    }

    /** True when {@code e}, or a cause of it, is a JDBC, persistence or transaction failure. */
    public static boolean isStorage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof SQLException || name.startsWith("jakarta.persistence.") || name.startsWith("org.hibernate.")
                    || name.startsWith("jakarta.transaction.") || name.contains("JDBCConnection")) {
                return true;
            }
        }
        return false;
    }

    /** The 503 for a storage failure, logged once with its cause (no credential is part of it). */
    public static CustosException unavailable(RuntimeException e) {
        LOG.warnf("authentication could not reach storage: %s", e.toString());
        return new CustosException(503, "temporarily_unavailable",
                "the server cannot reach its storage right now; retry later");
    }
}
