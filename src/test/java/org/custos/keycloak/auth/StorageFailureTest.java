package org.custos.keycloak.auth;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A storage outage while authenticating is told from a bad credential by its cause chain. */
class StorageFailureTest {

    @Test
    void databaseFailuresAnywhereInTheChainAreStorage() {
        assertTrue(StorageFailure.isStorage(new PersistenceException("boom")));
        assertTrue(StorageFailure.isStorage(new RuntimeException(new IllegalStateException(
                new SQLTransientConnectionException("connection refused")))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(StorageFailure.isStorage(new IllegalArgumentException("bad token")));
        assertFalse(StorageFailure.isStorage(new RuntimeException("x", new NullPointerException())));
    }

    @Test
    void theAnswerIs503WithTheJsonErrorModel() {
        var e = StorageFailure.unavailable(new PersistenceException("connection refused"));
        assertEquals(503, e.getResponse().getStatus());
        assertEquals("temporarily_unavailable", e.getError());
        assertFalse(e.getDescription().contains("connection refused"), "no database text reaches the client");
    }
}
