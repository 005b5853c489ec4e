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
        CustosException failure = ours(e) ? translate(e) : isCustosRequest(session) ? translate(e) : null;
        if (failure == null) {
            return KeycloakErrorHandler.getResponse(session, e);
        }
        if (session != null && session.getTransactionManager().isActive()) {
            session.getTransactionManager().setRollbackOnly();
        }
        if (failure.getStatus() == 401 || failure.getStatus() == 403) {
            logRefusal(session, failure);
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
            return CustosException.conflict(d.getMessage());
        }
        if (e instanceof CycleException c) {
            return CustosException.conflict(c.getMessage());
        }
        if (e instanceof WebApplicationException) {
            return null;
        }
        if (StorageFailure.isOptimisticLock(e)) {
            return CustosException.concurrentChange("the object");
        }
        if (e instanceof ModelDuplicateException || e.getCause() instanceof ModelDuplicateException) {
            ModelDuplicateException d =
                    e instanceof ModelDuplicateException m ? m : (ModelDuplicateException) e.getCause();
            return CustosException.conflict(
                    d.getDuplicateFieldName() == null
                            ? "the object exists already"
                            : "field '" + d.getDuplicateFieldName() + "' is already taken");
        }
        if (StorageFailure.isStorage(e)) {
            LOG.warnf("storage failure answered 503: %s", e.toString());
            return CustosException.unavailable(e);
        }
        LOG.error("unexpected failure answered 500", e);
        return new CustosException(500, "server_error", "an unexpected error occurred; it has been logged");
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
