package org.custos.keycloak.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.rest.agents.AgentResource;
import org.custos.keycloak.rest.authzen.AuthZenResource;
import org.custos.keycloak.rest.groups.GroupResource;
import org.custos.keycloak.rest.identity.IdentityResource;
import org.custos.keycloak.rest.logs.LogResource;
import org.custos.keycloak.rest.secrets.SecretResource;
import org.custos.keycloak.rest.selfservice.SelfServiceResource;
import org.custos.keycloak.rest.sharing.SharingResource;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.tenant.TenantResource;
import org.custos.keycloak.rest.users.UserResource;

/**
 * {@code /realms/{realm}/custos}: one locator per Custos service, plus the OpenAPI document. Locators only: each
 * resource method states its rule through {@code auth()} and hands the work to its services.
 */
public class CustosRootResource {

    public static final String VERSION = RequestContext.VERSION;
    static final String OPENAPI_RESOURCE = "/custos-openapi.json";

    private final RequestContext request;

    public CustosRootResource(RequestContext request) {
        this.request = request;
    }

    @Path("identity-management/" + VERSION)
    public IdentityResource identity() {
        return new IdentityResource(request);
    }

    @Path("user-management/" + VERSION)
    public UserResource users() {
        return new UserResource(request);
    }

    @Path("group-management/" + VERSION)
    public GroupResource groups() {
        return new GroupResource(request);
    }

    @Path("resource-secret-management/" + VERSION)
    public SecretResource secrets() {
        return new SecretResource(request);
    }

    @Path("sharing-management/" + VERSION)
    public SharingResource sharing() {
        return new SharingResource(request);
    }

    @Path("agent-management/" + VERSION)
    public AgentResource agents() {
        return new AgentResource(request);
    }

    @Path("log-management/" + VERSION)
    public LogResource logs() {
        return new LogResource(request, RouteTable.operations());
    }

    /** What remains of tenant management when the tenant is a realm: its roles. */
    @Path("tenant-management/" + VERSION)
    public TenantResource tenants() {
        return new TenantResource(request);
    }

    /** The realm's OpenID AuthZEN 1.0 decision point, over the sharing engine. */
    @Path("authzen")
    public AuthZenResource authzen() {
        return new AuthZenResource(request);
    }

    /** The self-service API of the CI/CD-user flow ({@code /api/user}). */
    @Path("api")
    public SelfServiceResource selfService() {
        return new SelfServiceResource(request);
    }

    /** The OpenAPI 3 description of every custos endpoint, with this realm's base URL as its server. Public. */
    @GET
    @OperationId("getOpenApiDocument")
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response openApi() {
        String document = readOpenApi().replace("{{CUSTOS_BASE_URL}}", request.baseUrl());
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Anything else below {@code /custos}: a JSON 404 instead of Keycloak's generic page. */
    @Path("{unknown: .*}")
    public Object unknown() {
        throw CustosException.notFound("no custos endpoint at " + request.uri().getPath());
    }

    static String readOpenApi() {
        try (InputStream in = CustosRootResource.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
