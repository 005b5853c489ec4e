package org.custos.keycloak.rest.sharing;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.auth.SharingAccess;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.sharing.SharingRequests;
import org.custos.keycloak.representation.sharing.SharingViews;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.sharing.SharingTypes;
import org.custos.keycloak.service.sharing.TypeSpec;

/**
 * The entity-type and permission-type endpoints of Custos Sharing Management, under the same path as the rest of it
 * ({@link SharingResource}): reading a type needs any caller of the realm, creating, changing and deleting one a
 * sharing admin ({@code manage-authorization}).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class SharingTypeEndpoints extends ServiceResource {

    static final String ENTITY_TYPE = "entity_type";
    static final String PERMISSION_TYPE = "permission_type";

    protected SharingTypeEndpoints(RequestContext request) {
        super(request);
    }

    private SharingTypes types(SharingAccess access, boolean entityTypes) {
        return entityTypes
                ? SharingTypes.entityTypes(request.session(), access)
                : SharingTypes.permissionTypes(request.session(), access);
    }

    /** A body's type, or (for a DELETE or GET sent without a body) the dotted query parameter {@code field.id}. */
    private TypeSpec typeInput(byte[] bytes, String field) {
        if (request.body(bytes).isEmpty()) {
            String id = query().first(field + ".id");
            return id == null ? null : new TypeSpec(id, null, null);
        }
        return SharingSpecs.type(
                PERMISSION_TYPE.equals(field)
                        ? body(bytes, SharingRequests.PermissionTypeRequest.class)
                                .permissionType()
                        : body(bytes, SharingRequests.EntityTypeRequest.class).entityType());
    }

    // ---------------------------------------------------------------- entity types

    @POST
    @OperationId("createEntityType")
    @Path("entity/type")
    public StatusResponse createEntityType(byte[] bytes) {
        return done(() -> {
            SharingAccess access = auth().sharing().requireAdmin();
            types(access, true).create(typeInput(bytes, ENTITY_TYPE), ENTITY_TYPE);
        });
    }

    @PUT
    @OperationId("updateEntityType")
    @Path("entity/type")
    public StatusResponse updateEntityType(byte[] bytes) {
        return done(() -> {
            SharingAccess access = auth().sharing().requireAdmin();
            types(access, true).update(typeInput(bytes, ENTITY_TYPE), ENTITY_TYPE);
        });
    }

    @DELETE
    @OperationId("deleteEntityType")
    @Path("entity/type")
    public StatusResponse deleteEntityType(byte[] bytes) {
        return done(() -> {
            SharingAccess access = auth().sharing().requireAdmin();
            types(access, true).delete(typeInput(bytes, ENTITY_TYPE), ENTITY_TYPE);
        });
    }

    @GET
    @OperationId("getEntityType")
    @Path("entity/type")
    public SharingViews.Type getEntityType() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return SharingAnswers.type(
                    types(access, true).get(query().first("entity_type.id", "entityType.id"), "entity_type.id"));
        });
    }

    @GET
    @OperationId("getEntityTypes")
    @Path("entity/types")
    public SharingViews.Types getEntityTypes() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return SharingAnswers.types(types(access, true).list());
        });
    }

    // ---------------------------------------------------------------- permission types

    @POST
    @OperationId("createPermissionType")
    @Path("permission/type")
    public StatusResponse createPermissionType(byte[] bytes) {
        return done(() -> {
            SharingAccess access = auth().sharing().requireAdmin();
            types(access, false).create(typeInput(bytes, PERMISSION_TYPE), PERMISSION_TYPE);
        });
    }

    @PUT
    @OperationId("updatePermissionType")
    @Path("permission/type")
    public StatusResponse updatePermissionType(byte[] bytes) {
        return done(() -> {
            SharingAccess access = auth().sharing().requireAdmin();
            types(access, false).update(typeInput(bytes, PERMISSION_TYPE), PERMISSION_TYPE);
        });
    }

    @DELETE
    @OperationId("deletePermissionType")
    @Path("permission/type")
    public StatusResponse deletePermissionType(byte[] bytes) {
        return done(() -> {
            SharingAccess access = auth().sharing().requireAdmin();
            types(access, false).delete(typeInput(bytes, PERMISSION_TYPE), PERMISSION_TYPE);
        });
    }

    @GET
    @OperationId("getPermissionType")
    @Path("permission/type")
    public SharingViews.Type getPermissionType() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return SharingAnswers.type(types(access, false)
                    .get(query().first("permission_type.id", "permissionType.id"), "permission_type.id"));
        });
    }

    @GET
    @OperationId("getPermissionTypes")
    @Path("permission/types")
    public SharingViews.Types getPermissionTypes() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return SharingAnswers.types(types(access, false).list());
        });
    }
}
