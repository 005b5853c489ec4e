package org.custos.keycloak.rest.support;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.error.ErrorRepresentation;
import org.custos.keycloak.error.StorageFailure;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Answers a {@link CustosException} — the only exception it maps, and one only our code throws (what failed below our
 * resources is translated into one by {@link Boundary}) — as the JSON body {@code {"error", "error_description"}},
 * marks the request's transaction rollback-only (a failed request never commits half a change), and logs refusals
 * and server errors. Every other exception, on every other endpoint, is Keycloak's to answer.
 */
@Provider
public class CustosExceptionMapper implements ExceptionMapper<CustosException> {

    private static final Logger LOG = Logger.getLogger(CustosExceptionMapper.class);
    private static final Logger REFUSED = Logger.getLogger("org.custos.keycloak.refused");

    @Override
    public Response toResponse(CustosException failure) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
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

    /** A 5xx with its cause: an outage in one line (its class and SQLState), anything else with its stack. */
    private static void logFailure(CustosException failure) {
        Throwable cause = failure.getCause();
        if (failure.getStatus() == 503) {
            LOG.warnf("storage unreachable, answered 503: %s", StorageFailure.summary(cause));
        } else {
            LOG.error("unexpected failure answered " + failure.getStatus(), cause);
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
