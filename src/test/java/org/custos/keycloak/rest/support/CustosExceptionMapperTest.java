package org.custos.keycloak.rest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.NotFoundException;
import java.sql.SQLException;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.error.DuplicateException;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelValidationException;

/** What the one error path answers for each kind of failure below /custos. */
class CustosExceptionMapperTest {

    private static int status(RuntimeException e) {
        return CustosExceptionMapper.translate(e).getStatus();
    }

    @Test
    void eachFailureGetsTheStatusThatTellsTheClientWhatToDo() {
        assertEquals(404, status(CustosException.notFound("x")));
        assertEquals(409, status(new DuplicateException("entity.id", "entity 'e' exists")));
        assertEquals(409, status(new ModelDuplicateException("dup", "username")));
        assertEquals(409, status(new PersistenceException(new SQLException("deadlock", "40P01"))));
        assertEquals(503, status(new PersistenceException(new SQLException("refused", "08001"))));
        assertEquals(500, status(new PersistenceException(new SQLException("null value", "23502"))));
        assertEquals(500, status(new IllegalStateException("a bug")));
    }

    @Test
    void keycloaksOwnHttpAndValidationAnswersAreLeftToKeycloak() {
        assertNull(CustosExceptionMapper.translate(new NotFoundException()));
        assertNull(CustosExceptionMapper.translate(new ModelValidationException("invalid")));
    }

    @Test
    void aDuplicateNamesTheFieldAndNoDatabaseTextLeaks() {
        CustosException d = CustosExceptionMapper.translate(new DuplicateException("key", "a KV secret exists"));
        assertEquals("a KV secret exists (field 'key')", d.getDescription());
        CustosException bug = CustosExceptionMapper.translate(
                new PersistenceException("ERROR: relation CUSTOS_SECRET does not exist"));
        assertFalse(bug.getDescription().contains("CUSTOS_SECRET"));
    }
}
