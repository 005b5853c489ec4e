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

    /**
     * A commit that fails while the database goes away: Keycloak rethrows the transaction manager's RollbackException
     * ("ARJUNA016053 Could not commit transaction", no cause) wrapped in a RuntimeException; the connection failure
     * is a suppressed exception of it, or missing altogether. Seen as a 500 in the two-node outage test.
     */
    @Test
    void aCommitRolledBackDuringAnOutageIsAnOutage() {
        jakarta.transaction.RollbackException rollback =
                new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        assertTrue(StorageFailure.isOutage(new RuntimeException(rollback)), "no reason given: nothing was written");
        jakarta.transaction.RollbackException withReason =
                new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        withReason.addSuppressed(new RuntimeException("XA", new SQLException("An I/O error occurred", "08006")));
        assertTrue(StorageFailure.isOutage(new RuntimeException(withReason)));
        jakarta.transaction.RollbackException constraint =
                new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        constraint.addSuppressed(new SQLException("duplicate key", "23505"));
        assertFalse(StorageFailure.isOutage(new RuntimeException(constraint)), "the database answered: not an outage");
        jakarta.transaction.RollbackException deadlock =
                new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        deadlock.addSuppressed(new SQLException("deadlock detected", "40P01"));
        assertTrue(StorageFailure.isContention(new RuntimeException(deadlock)));
        assertFalse(StorageFailure.isOutage(new RuntimeException(deadlock)));
    }

    @Test
    void aValueTheDatabaseRefusesIsTheRequestsFault() {
        assertTrue(StorageFailure.isRejectedValue(jdbc("22001")), "too long for its column");
        assertFalse(StorageFailure.isRejectedValue(jdbc("23505")));
        assertFalse(StorageFailure.isOutage(jdbc("22001")));
    }

    @Test
    void aCycleInTheChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.addSuppressed(b);
        assertFalse(StorageFailure.isOutage(b));
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
