package org.custos.keycloak.rest.support;

import jakarta.ws.rs.core.UriInfo;
import org.custos.keycloak.auth.CallerContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What every resource of one request shares: the Keycloak session, its realm, the lazily authenticated caller and
 * the server-wide configuration. Created once per request by {@link CustosRootResource}.
 */
public final class RequestContext {

    /** The path below {@code /realms/{realm}} every Custos endpoint lives under (the realm-resource provider id). */
    public static final String PROVIDER_ID = "custos";
    /** The API version every Custos service path carries. */
    public static final String VERSION = "v1.0.0";

    private final KeycloakSession session;
    private final CustosConfig config;
    private final CallerContext caller;

    public RequestContext(KeycloakSession session, CustosConfig config) {
        this(session, config, new CallerContext(session));
    }

    /** For the admin console's endpoints: the caller Keycloak's admin API authenticated. */
    public RequestContext(KeycloakSession session, CustosConfig config, CallerContext caller) {
        this.session = session;
        this.config = config;
        this.caller = caller;
    }

    public KeycloakSession session() {
        return session;
    }

    public RealmModel realm() {
        return session.getContext().getRealm();
    }

    public CallerContext caller() {
        return caller;
    }

    public CustosConfig config() {
        return config;
    }

    public UriInfo uri() {
        return session.getContext().getUri();
    }

    public RequestBody body(byte[] bytes) {
        return RequestBody.of(
                bytes,
                session.getContext().getRequestHeaders(),
                config.maxBodyBytes(),
                session.getContext().getUri().getQueryParameters(),
                session.getContext().getHttpRequest() == null
                        ? null
                        : session.getContext().getHttpRequest().getHttpMethod());
    }

    /** Absolute URL of this realm's custos root, e.g. {@code http://host/realms/x/custos}. */
    public String baseUrl() {
        return session.getContext()
                .getUri()
                .getBaseUriBuilder()
                .path("realms")
                .path(realm().getName())
                .path(PROVIDER_ID)
                .build()
                .toString();
    }

    /** Absolute URL of a Custos service of this realm, e.g. {@code .../realms/x/custos/identity-management/v1.0.0}. */
    public String serviceUrl(String service) {
        return baseUrl() + "/" + service + "/" + VERSION;
    }
}
