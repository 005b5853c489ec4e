package org.custos.keycloak.rest.tenant;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.tenant.RoleViews;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.RoleRequests;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.support.NewRole;
import org.custos.keycloak.service.tenant.TenantRoles;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;

/**
 * The part of Custos Tenant Management ({@code /tenant-management/v1.0.0}) a tenant = realm still has: its roles.
 * Tenants themselves (create, update, status, children) are Keycloak realms and are managed in Keycloak.
 */
public class TenantResource extends ServiceResource {

    public TenantResource(RequestContext request) {
        super(request);
    }

    private TenantRoles roles() {
        return new TenantRoles(request.session(), auth().authenticate());
    }

    /** {@code GET roles?client_level=&client_id=}: the realm's roles, or the calling client's. */
    @GET
    @OperationId("getTenantRoles")
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public RoleViews.Roles list() {
        return run(() -> {
            auth().requireOwnClientId(query().first("client_id", "clientId"));
            boolean clientLevel = Boolean.TRUE.equals(query().bool("client_level", "clientLevel"));
            RoleContainerModel container = auth().roles().requireList(clientLevel);
            return view(roles().list(container), clientLevel);
        });
    }

    @POST
    @OperationId("addTenantRoles")
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public RoleViews.Roles add(byte[] bytes) {
        return run(() -> {
            auth().authenticate();
            RoleViews.AddRoles body = body(bytes, RoleViews.AddRoles.class);
            auth().requireOwnClientId(body.clientId());
            boolean clientLevel = Boolean.TRUE.equals(body.clientLevel());
            // The answer lists the container's roles: what listing them needs too, checked before anything is written.
            auth().roles().requireList(clientLevel);
            RoleContainerModel container = auth().roles().requireManage(clientLevel);
            List<NewRole> roles =
                    RoleRequests.newRoles(body.roles(), RoleViews.Role::name, RoleViews.Role::description);
            TenantRoles tenantRoles = roles();
            tenantRoles.create(container, roles);
            return view(tenantRoles.list(container), clientLevel);
        });
    }

    @DELETE
    @OperationId("deleteRole")
    @Path("role")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse delete(byte[] bytes) {
        return done(() -> {
            auth().authenticate();
            RoleViews.DeleteRole body = body(bytes, RoleViews.DeleteRole.class);
            auth().requireOwnClientId(body.clientId());
            RoleContainerModel container = auth().roles().requireManage(Boolean.TRUE.equals(body.clientLevel()));
            String nameOrId = body.role() == null
                    ? null
                    : body.role().id() != null && !body.role().id().isBlank()
                            ? body.role().id()
                            : body.role().name();
            if (nameOrId == null || nameOrId.isBlank()) {
                throw CustosException.invalidField("role.id", "is required");
            }
            TenantRoles tenantRoles = roles();
            RoleModel role = tenantRoles.find(container, nameOrId);
            auth().roles().requireManage(role);
            tenantRoles.delete(container, role);
        });
    }

    /** Roles as Custos's {@code AllRoles}, with its {@code scope} ({@code realm_level} or {@code client_level}). */
    private static RoleViews.Roles view(List<RoleModel> roles, boolean clientLevel) {
        return new RoleViews.Roles(
                roles.stream()
                        .map(r -> new RoleViews.Role(
                                r.getId(),
                                r.getName(),
                                r.getDescription() == null ? "" : r.getDescription(),
                                r.isComposite()))
                        .toList(),
                clientLevel ? "client_level" : "realm_level");
    }
}
