package org.custos.keycloak.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * The one way our code reports a failure to a client: an HTTP status plus the JSON body
 * {@code {"error": ..., "error_description": ...}}.
 *
 * <p>Keycloak's own exception mapper would replace our body with a bare {@code {"error": message}}, so the
 * exception carries a finished response (RESTEasy returns it as is). Because that path bypasses the mapper that
 * normally marks the transaction rollback-only, the constructor does it, so that a failed request never commits
 * half a change.
 */
public class CustosException extends WebApplicationException {

    private static final Logger REFUSED = Logger.getLogger("org.custos.keycloak.refused");

    private final String error;
    private final String description;

    public CustosException(Response.Status status, String error, String description) {
        this(status.getStatusCode(), error, description);
    }

    public CustosException(int status, String error, String description) {
        super(description, null, build(status, error, description));
        this.error = error;
        this.description = description;
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session != null && session.getTransactionManager().isActive()) {
            session.getTransactionManager().setRollbackOnly();
        }
        if (session != null && (status == 401 || status == 403)) {
            logRefusal(session, status, error);
        }
    }

    /**
     * Refused calls go to the logger {@code org.custos.keycloak.refused}: realm, method, path, status, error code,
     * the authenticated client if there is one, and the remote address — never a credential or a request body.
     */
    private static void logRefusal(KeycloakSession session, int status, String error) {
        try {
            var context = session.getContext();
            REFUSED.infof("refused %d %s: realm=%s %s %s client=%s ip=%s", status, error,
                    context.getRealm() == null ? "-" : context.getRealm().getName(),
                    context.getHttpRequest() == null ? "-" : context.getHttpRequest().getHttpMethod(),
                    context.getUri() == null ? "-" : context.getUri().getPath(),
                    context.getClient() == null ? "-" : context.getClient().getClientId(),
                    context.getConnection() == null ? "-" : context.getConnection().getRemoteAddr());
        } catch (RuntimeException e) {
            // logging must never turn a refusal into a server error
        }
    }

    private static Response build(int status, String error, String description) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorRepresentation(error, description));
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"custos\", error=\"" + error + "\"");
        }
        return builder.build();
    }

    public String getError() {
        return error;
    }

    public String getDescription() {
        return description;
    }

    public static CustosException badRequest(String description) {
        return new CustosException(Response.Status.BAD_REQUEST, "invalid_request", description);
    }

    public static CustosException invalidField(String field, String problem) {
        return badRequest("field '" + field + "' " + problem);
    }

    public static CustosException unauthorized(String description) {
        return new CustosException(Response.Status.UNAUTHORIZED, "unauthorized", description);
    }

    public static CustosException forbidden(String description) {
        return new CustosException(Response.Status.FORBIDDEN, "forbidden", description);
    }

    public static CustosException notFound(String description) {
        return new CustosException(Response.Status.NOT_FOUND, "not_found", description);
    }

    public static CustosException conflict(String description) {
        return new CustosException(Response.Status.CONFLICT, "conflict", description);
    }
}
