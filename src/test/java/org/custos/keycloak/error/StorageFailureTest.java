package org.custos.keycloak.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** A storage outage and a lost optimistic lock are told from everything else by the cause chain. */
class StorageFailureTest {

    @Test
    void databaseFailuresAnywhereInTheChainAreStorage() {
        assertTrue(StorageFailure.isStorage(new PersistenceException("boom")));
        assertTrue(StorageFailure.isStorage(new RuntimeException(
                new IllegalStateException(new SQLTransientConnectionException("connection refused")))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(StorageFailure.isStorage(new IllegalArgumentException("bad token")));
        assertFalse(StorageFailure.isStorage(new RuntimeException("x", new NullPointerException())));
        assertFalse(StorageFailure.isOptimisticLock(new PersistenceException("boom")));
    }

    @Test
    void aLostOptimisticLockIsToldApart() {
        assertTrue(StorageFailure.isOptimisticLock(new RuntimeException(new OptimisticLockException("stale"))));
    }

    @Test
    void theAnswerIs503WithoutTheDatabaseText() {
        CustosException e = CustosException.unavailable(new PersistenceException("connection refused"));
        assertEquals(503, e.getStatus());
        assertEquals("temporarily_unavailable", e.getError());
        assertFalse(e.getDescription().contains("connection refused"), "no database text reaches the client");
    }
}
