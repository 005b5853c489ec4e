package org.custos.keycloak.rest.support;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.error.CycleException;
import org.custos.keycloak.error.DuplicateException;
import org.custos.keycloak.error.ErrorRepresentation;
import org.custos.keycloak.error.StorageFailure;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelIllegalStateException;
import org.keycloak.models.ModelValidationException;
import org.keycloak.services.error.KeycloakErrorHandler;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * The one error path of every Custos endpoint. Services throw; this turns the failure into the JSON body
 * {@code {"error", "error_description"}}, marks the request's transaction rollback-only (a failed request never
 * commits half a change) and logs refusals. Below {@code /custos}, what Keycloak's models throw is answered too:
 * a duplicate is 409, a storage outage 503, anything else a logged 500 with a generic body. Everywhere else the
 * exception goes to Keycloak's own handler, unchanged: this mapper exists for our endpoints only.
 */
@Provider
public class CustosExceptionMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(CustosExceptionMapper.class);
    private static final Logger REFUSED = Logger.getLogger("org.custos.keycloak.refused");

    @Override
    public Response toResponse(RuntimeException e) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        // Without a session (the failure came while Keycloak committed, after the session was closed — e.g. the
        // database went away mid-commit) Keycloak's own handler cannot answer (it needs the session): answer here.
        CustosException failure =
                ours(e) || session == null ? translate(e) : isCustosRequest(session) ? translate(e) : null;
        if (failure == null) {
            return KeycloakErrorHandler.getResponse(session, e);
        }
        if (session != null && session.getTransactionManager().isActive()) {
            session.getTransactionManager().setRollbackOnly();
        }
        if (failure.getStatus() == 401 || failure.getStatus() == 403) {
            logRefusal(session, failure);
        } else if (failure.getStatus() >= 500 && failure.getCause() != null) {
            logFailure(failure);
        }
        Response.ResponseBuilder builder = Response.status(failure.getStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorRepresentation(failure.getError(), failure.getDescription()));
        if (failure.getStatus() == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"custos\", error=\"" + failure.getError() + "\"");
        }
        failure.getHeaders().forEach(builder::header);
        return builder.build();
    }

    /**
     * What Keycloak's models (or the database under them) threw inside one of our requests. Null leaves it to
     * Keycloak: its own HTTP exceptions keep the answer Keycloak gives them.
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
        ModelDuplicateException duplicate = duplicate(e);
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
            LOG.warnf("a value too long for its column, answered 400: %s", summary(e));
            return CustosException.badRequest("a value is too long for its field; nothing was written");
        }
        if (e instanceof ModelValidationException || e instanceof ModelIllegalStateException) {
            return null; // Keycloak's own answer for its model's refusals (400)
        }
        return new CustosException(500, "server_error", "an unexpected error occurred; it has been logged", e);
    }

    private static ModelDuplicateException duplicate(Throwable e) {
        return StorageFailure.find(e, ModelDuplicateException.class);
    }

    /** Exceptions only our code throws: answered here wherever they come from. */
    private static boolean ours(RuntimeException e) {
        return e instanceof CustosException || e instanceof DuplicateException || e instanceof CycleException;
    }

    private static boolean isCustosRequest(KeycloakSession session) {
        try {
            String path = session.getContext().getUri().getPath();
            return path.matches("^/*(admin/)?realms/[^/]+/custos(/.*)?$");
        } catch (RuntimeException noContext) {
            return false;
        }
    }

    /** A 5xx with its cause: an outage in one line (its class and SQLState), anything else with its stack. */
    private static void logFailure(CustosException failure) {
        Throwable cause = failure.getCause();
        if (failure.getStatus() == 503) {
            LOG.warnf("storage unreachable, answered 503: %s", summary(cause));
        } else {
            LOG.error("unexpected failure answered " + failure.getStatus(), cause);
        }
    }

    private static String summary(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                out.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
        }
        return out.toString();
    }

    /**
     * Refused calls go to the logger {@code org.custos.keycloak.refused}: realm, method, path, status, error code,
     * the authenticated client if there is one, and the remote address — never a credential or a request body.
     */
    private static void logRefusal(KeycloakSession session, CustosException failure) {
        if (session == null) {
            return;
        }
        try {
            var context = session.getContext();
            REFUSED.infof(
                    "refused %d %s: realm=%s %s %s client=%s ip=%s",
                    failure.getStatus(),
                    failure.getError(),
                    context.getRealm() == null ? "-" : context.getRealm().getName(),
                    context.getHttpRequest() == null
                            ? "-"
                            : context.getHttpRequest().getHttpMethod(),
                    context.getUri() == null ? "-" : context.getUri().getPath(),
                    context.getClient() == null ? "-" : context.getClient().getClientId(),
                    context.getConnection() == null
                            ? "-"
                            : context.getConnection().getRemoteAddr());
        } catch (RuntimeException ignored) {
            // logging must never turn a refusal into a server error
        }
    }
}
