package org.custos.keycloak.rest.tenant;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.tenant.RoleViews;
import org.custos.keycloak.rest.QueryParams;
import org.custos.keycloak.rest.RequestContext;
import org.custos.keycloak.rest.ServiceResource;
import org.custos.keycloak.service.tenant.TenantRoles;

import java.util.List;

/**
 * The part of Custos Tenant Management ({@code /tenant-management/v1.0.0}) a tenant = realm still has: its roles.
 * Tenants themselves (create, update, status, children) are Keycloak realms and are managed in Keycloak.
 */
public class TenantResource extends ServiceResource {

    public TenantResource(RequestContext request) {
        super(request);
    }

    @GET
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public RoleViews.Roles roles() {
        return listRoles(request);
    }

    /** {@code GET roles?client_level=}: the realm's roles, or the calling client's. */
    public static RoleViews.Roles listRoles(RequestContext request) {
        QueryParams q = new QueryParams(request.uri().getQueryParameters());
        request.caller().requireOwnClientId(q.first("client_id", "clientId"));
        return listRoles(request, Boolean.TRUE.equals(q.bool("client_level", "clientLevel")));
    }

    @POST
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public RoleViews.Roles addRoles(byte[] bytes) {
        RoleViews.AddRoles body = request.body(bytes).json(RoleViews.AddRoles.class);
        request.caller().requireOwnClientId(body.clientId());
        boolean clientLevel = Boolean.TRUE.equals(body.clientLevel());
        List<TenantRoles.RoleInput> roles = body.roles() == null ? null : body.roles().stream()
                .map(r -> r == null ? null : new TenantRoles.RoleInput(r.name(), r.description())).toList();
        new TenantRoles(request.session(), request.caller()).create(roles, clientLevel);
        return listRoles(request, clientLevel);
    }

    @DELETE
    @Path("role")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteRole(byte[] bytes) {
        RoleViews.DeleteRole body = request.body(bytes).json(RoleViews.DeleteRole.class);
        request.caller().requireOwnClientId(body.clientId());
        String role = body.role() == null ? null : body.role().id() != null && !body.role().id().isBlank()
                ? body.role().id() : body.role().name();
        new TenantRoles(request.session(), request.caller()).delete(role, Boolean.TRUE.equals(body.clientLevel()));
        return StatusResponse.OK;
    }

    private static RoleViews.Roles listRoles(RequestContext request, boolean clientLevel) {
        return new RoleViews.Roles(new TenantRoles(request.session(), request.caller()).list(clientLevel).stream()
                .map(TenantResource::view).toList(), TenantRoles.scope(clientLevel));
    }

    private static RoleViews.Role view(org.keycloak.models.RoleModel r) {
        return new RoleViews.Role(r.getId(), r.getName(), r.getDescription() == null ? "" : r.getDescription(),
                r.isComposite());
    }
}
