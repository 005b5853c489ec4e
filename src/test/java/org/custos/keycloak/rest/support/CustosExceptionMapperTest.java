package org.custos.keycloak.rest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.custos.keycloak.error.CustosException;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ModelException;
import org.keycloak.models.ModelValidationException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** What fails below a Custos resource, as {@link Boundary} translates it and the mapper answers it. */
class CustosExceptionMapperTest {

    @Test
    void anOutageIs503() {
        CustosException outage = Boundary.translate(new ModelException(
                "Database operation failed",
                new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST)));
        assertEquals(503, new CustosExceptionMapper().toResponse(outage).getStatus());
    }

    @Test
    void aBugIsALogged500WithoutItsMessage() {
        Response other = new CustosExceptionMapper().toResponse(Boundary.translate(new IllegalStateException("a bug")));
        assertEquals(500, other.getStatus());
        assertFalse(String.valueOf(other.getEntity()).contains("a bug"), "no internals in the body");
    }

    @Test
    void keycloaksOwnAnswersAreLeftToKeycloak() {
        assertNull(Boundary.translate(new NotFoundException()));
        assertNull(Boundary.translate(new ModelValidationException("invalid")));
    }
}
