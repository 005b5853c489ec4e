package org.custos.keycloak.rest.tenant;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.tenant.RoleViews;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.tenant.TenantRoles;

/**
 * The part of Custos Tenant Management ({@code /tenant-management/v1.0.0}) a tenant = realm still has: its roles.
 * Tenants themselves (create, update, status, children) are Keycloak realms and are managed in Keycloak.
 */
public class TenantResource extends ServiceResource {

    public TenantResource(RequestContext request) {
        super(request);
    }

    /** Authenticates the caller first: an anonymous request is 401 whatever its body. */
    private TenantRoles roles() {
        return new TenantRoles(request.session(), request.caller());
    }

    @GET
    @OperationId("getTenantRoles")
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public RoleViews.Roles list() {
        return run(() -> listRoles(request));
    }

    /** {@code GET roles?client_level=&client_id=}: the realm's roles, or the calling client's. */
    public static RoleViews.Roles listRoles(RequestContext request) {
        TenantRoles roles = new TenantRoles(request.session(), request.caller());
        QueryParams q = new QueryParams(request.uri().getQueryParameters());
        request.caller().requireOwnClientId(q.first("client_id", "clientId"));
        return roles.list(Boolean.TRUE.equals(q.bool("client_level", "clientLevel")));
    }

    @POST
    @OperationId("addTenantRoles")
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public RoleViews.Roles add(byte[] bytes) {
        return run(() -> {
            TenantRoles roles = roles();
            RoleViews.AddRoles body = request.body(bytes).json(RoleViews.AddRoles.class);
            request.caller().requireOwnClientId(body.clientId());
            boolean clientLevel = Boolean.TRUE.equals(body.clientLevel());
            roles.create(body.roles(), clientLevel);
            return roles.list(clientLevel);
        });
    }

    @DELETE
    @OperationId("deleteRole")
    @Path("role")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse delete(byte[] bytes) {
        return run(() -> {
            TenantRoles roles = roles();
            RoleViews.DeleteRole body = request.body(bytes).json(RoleViews.DeleteRole.class);
            request.caller().requireOwnClientId(body.clientId());
            String role = body.role() == null
                    ? null
                    : body.role().id() != null && !body.role().id().isBlank()
                            ? body.role().id()
                            : body.role().name();
            roles.delete(role, Boolean.TRUE.equals(body.clientLevel()));
            return StatusResponse.OK;
        });
    }
}
