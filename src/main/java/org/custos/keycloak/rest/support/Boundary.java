package org.custos.keycloak.rest.support;

import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.error.CycleException;
import org.custos.keycloak.error.DuplicateException;
import org.custos.keycloak.error.StorageFailure;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelIllegalStateException;
import org.keycloak.models.ModelValidationException;

/**
 * The edge of every Custos resource method ({@link ServiceResource#run}): runs the method's work, commits the
 * request's transaction itself — so that a commit which fails (a database that went away, a row another node changed)
 * is still answered by us, as 503 or 409, not by Keycloak after the response was built — and turns whatever failed
 * below into a {@link CustosException}, which {@link CustosExceptionMapper} answers. Keycloak's own HTTP exceptions
 * and its models' validation refusals pass through unchanged: Keycloak answers those as it does everywhere. Nothing
 * here runs for any request that is not ours.
 */
public final class Boundary {

    private static final Logger LOG = Logger.getLogger(Boundary.class);

    private Boundary() {}

    /** Runs {@code work}, then commits; on failure the transaction rolls back and the failure is translated. */
    public static <T> T run(KeycloakSession session, Supplier<T> work) {
        KeycloakTransactionManager tx = session.getTransactionManager();
        try {
            T result = work.get();
            if (tx.isActive()) {
                if (tx.getRollbackOnly()) {
                    tx.rollback();
                } else {
                    tx.commit();
                }
            }
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.setRollbackOnly();
            }
            CustosException failure = translate(e);
            throw failure == null ? e : failure;
        }
    }

    /**
     * What our code, Keycloak's models or the database under them threw inside one of our requests, as the answer
     * we give. Null leaves it to Keycloak: its own HTTP exceptions and its models' validation refusals (400).
     */
    static CustosException translate(RuntimeException e) {
        if (e instanceof CustosException c) {
            return c;
        }
        if (e instanceof DuplicateException d) {
            return CustosException.conflict(d.getMessage() + " (field '" + d.getField() + "')");
        }
        if (e instanceof CycleException c) {
            return CustosException.conflict(c.getMessage());
        }
        if (e instanceof WebApplicationException) {
            return null;
        }
        if (StorageFailure.isContention(e)) {
            return CustosException.concurrentChange("the object");
        }
        ModelDuplicateException duplicate = StorageFailure.find(e, ModelDuplicateException.class);
        if (duplicate != null) {
            return CustosException.conflict(
                    duplicate.getDuplicateFieldName() == null
                            ? "the object exists already"
                            : "field '" + duplicate.getDuplicateFieldName() + "' is already taken");
        }
        if (StorageFailure.isOutage(e)) {
            return CustosException.unavailable(e);
        }
        if (StorageFailure.isRejectedValue(e)) {
            LOG.warnf("a value too long for its column, answered 400: %s", StorageFailure.summary(e));
            return CustosException.badRequest("a value is too long for its field; nothing was written");
        }
        if (e instanceof ModelValidationException || e instanceof ModelIllegalStateException) {
            return null;
        }
        return new CustosException(500, "server_error", "an unexpected error occurred; it has been logged", e);
    }
}
