package org.custos.keycloak.rest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** The mapper without a Keycloak session, as when the database goes away while Keycloak commits a request. */
class CustosExceptionMapperTest {

    @Test
    void aFailureAfterTheSessionClosedIsStillOurAnswer() {
        Response outage = new CustosExceptionMapper()
                .toResponse(new org.keycloak.models.ModelException(
                        "Database operation failed",
                        new org.postgresql.util.PSQLException(
                                "This connection has been closed.",
                                org.postgresql.util.PSQLState.CONNECTION_DOES_NOT_EXIST)));
        assertEquals(503, outage.getStatus(), "an outage during the commit is 503, not Keycloak's handler's NPE");
        Response other = new CustosExceptionMapper().toResponse(new IllegalStateException("a bug"));
        assertEquals(500, other.getStatus());
        assertFalse(String.valueOf(other.getEntity()).contains("a bug"), "no internals in the body");
    }
}
