package org.custos.keycloak.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Database failures are told apart by their cause chain and SQLState: outage, contention, or anything else. */
class StorageFailureTest {

    private static RuntimeException jdbc(String sqlState) {
        return new PersistenceException("wrapped", new SQLException("reason", sqlState));
    }

    @Test
    void databaseFailuresAnywhereInTheChainAreStorage() {
        assertTrue(StorageFailure.isStorage(new PersistenceException("boom")));
        assertTrue(StorageFailure.isStorage(
                new RuntimeException(new IllegalStateException(new SQLTransientConnectionException("refused")))));
        assertFalse(StorageFailure.isStorage(new IllegalArgumentException("bad token")));
        assertFalse(StorageFailure.isStorage(new RuntimeException("x", new NullPointerException())));
    }

    @Test
    void anUnreachableDatabaseIsAnOutage() {
        assertTrue(StorageFailure.isOutage(jdbc("08006")), "connection failure");
        assertTrue(StorageFailure.isOutage(jdbc("57P01")), "administrator shutdown");
        assertTrue(StorageFailure.isOutage(new RuntimeException(new SQLTransientConnectionException("refused"))));
        assertTrue(StorageFailure.isOutage(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
        // What Keycloak's EntityManagerProxy throws when the connection breaks mid-statement (seen in
        // TwoNodeClusterIT).
        assertTrue(StorageFailure.isOutage(
                new org.keycloak.models.ModelException("Database operation failed", new java.io.EOFException())));
        assertFalse(
                StorageFailure.isOutage(new RuntimeException(new java.io.EOFException())),
                "an I/O error that is not the database's is not an outage");
    }

    @Test
    void locksDeadlocksAndConcurrentChangesAreContention() {
        assertTrue(StorageFailure.isContention(new RuntimeException(new OptimisticLockException("stale"))));
        assertTrue(StorageFailure.isContention(jdbc("40P01")), "deadlock");
        assertTrue(StorageFailure.isContention(jdbc("40001")), "serialization failure");
        assertFalse(StorageFailure.isOutage(jdbc("40P01")));
    }

    @Test
    void otherDatabaseErrorsAreNeither() {
        RuntimeException notNull = jdbc("23502");
        assertFalse(StorageFailure.isOutage(notNull));
        assertFalse(StorageFailure.isContention(notNull));
        assertFalse(StorageFailure.isOutage(new PersistenceException("a JPQL mistake")));
    }

    @Test
    void theOutageAnswerIs503WithoutTheDatabaseText() {
        CustosException e = CustosException.unavailable(new PersistenceException("connection refused"));
        assertEquals(503, e.getStatus());
        assertEquals("temporarily_unavailable", e.getError());
        assertFalse(e.getDescription().contains("connection refused"), "no database text reaches the client");
    }
}
