package org.custos.keycloak.rest.sharing;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.sharing.SharingRequests;
import org.custos.keycloak.representation.sharing.SharingViews;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.sharing.ShareService;
import org.custos.keycloak.service.sharing.SharingDecisions;
import org.custos.keycloak.service.sharing.SharingEntities;
import org.custos.keycloak.service.sharing.SharingSearch;
import org.custos.keycloak.service.sharing.SharingTypes;
import org.custos.keycloak.service.support.Paging;

/**
 * Custos Sharing Management ({@code /sharing-management/v1.0.0}): entity types, permission types, entities, shares
 * with users and groups, checks (single and batch), search and reverse lookup. The sharing services hold the
 * rules; every endpoint authenticates through the caller context first.
 */
@Produces(MediaType.APPLICATION_JSON)
public class SharingResource extends ServiceResource {

    private static final String ENTITY_TYPE = "entity_type";
    private static final String PERMISSION_TYPE = "permission_type";

    public SharingResource(RequestContext request) {
        super(request);
    }

    private SharingTypes types(boolean entityTypes) {
        return entityTypes
                ? SharingTypes.entityTypes(request.session(), request.caller())
                : SharingTypes.permissionTypes(request.session(), request.caller());
    }

    private SharingEntities entities() {
        return new SharingEntities(request.session(), request.caller());
    }

    private ShareService shares() {
        return new ShareService(request.session(), request.caller());
    }

    private SharingDecisions decisions() {
        return SharingDecisions.of(request.session(), request.caller());
    }

    private SharingSearch searches() {
        return new SharingSearch(request.session(), request.caller());
    }

    /** A body's type, or (for a DELETE or GET sent without a body) the dotted query parameter {@code field.id}. */
    private SharingRequests.TypeInput typeInput(byte[] bytes, String field) {
        if (request.body(bytes).isEmpty()) {
            String id = query().first(field + ".id");
            return id == null ? null : new SharingRequests.TypeInput(id, null, null);
        }
        return PERMISSION_TYPE.equals(field)
                ? body(bytes, SharingRequests.PermissionTypeRequest.class).permissionType()
                : body(bytes, SharingRequests.EntityTypeRequest.class).entityType();
    }

    // ---------------------------------------------------------------- entity types

    @POST
    @OperationId("createEntityType")
    @Path("entity/type")
    public StatusResponse createEntityType(byte[] bytes) {
        return done(() -> types(true).create(typeInput(bytes, ENTITY_TYPE), ENTITY_TYPE));
    }

    @PUT
    @OperationId("updateEntityType")
    @Path("entity/type")
    public StatusResponse updateEntityType(byte[] bytes) {
        return done(() -> types(true).update(typeInput(bytes, ENTITY_TYPE), ENTITY_TYPE));
    }

    @DELETE
    @OperationId("deleteEntityType")
    @Path("entity/type")
    public StatusResponse deleteEntityType(byte[] bytes) {
        return done(() -> types(true).delete(typeInput(bytes, ENTITY_TYPE), ENTITY_TYPE));
    }

    @GET
    @OperationId("getEntityType")
    @Path("entity/type")
    public SharingViews.Type getEntityType() {
        return run(() -> types(true).get(query().first("entity_type.id", "entityType.id"), "entity_type.id"));
    }

    @GET
    @OperationId("getEntityTypes")
    @Path("entity/types")
    public SharingViews.Types getEntityTypes() {
        return run(() -> types(true).list());
    }

    // ---------------------------------------------------------------- permission types

    @POST
    @OperationId("createPermissionType")
    @Path("permission/type")
    public StatusResponse createPermissionType(byte[] bytes) {
        return done(() -> types(false).create(typeInput(bytes, PERMISSION_TYPE), PERMISSION_TYPE));
    }

    @PUT
    @OperationId("updatePermissionType")
    @Path("permission/type")
    public StatusResponse updatePermissionType(byte[] bytes) {
        return done(() -> types(false).update(typeInput(bytes, PERMISSION_TYPE), PERMISSION_TYPE));
    }

    @DELETE
    @OperationId("deletePermissionType")
    @Path("permission/type")
    public StatusResponse deletePermissionType(byte[] bytes) {
        return done(() -> types(false).delete(typeInput(bytes, PERMISSION_TYPE), PERMISSION_TYPE));
    }

    @GET
    @OperationId("getPermissionType")
    @Path("permission/type")
    public SharingViews.Type getPermissionType() {
        return run(
                () -> types(false).get(query().first("permission_type.id", "permissionType.id"), "permission_type.id"));
    }

    @GET
    @OperationId("getPermissionTypes")
    @Path("permission/types")
    public SharingViews.Types getPermissionTypes() {
        return run(() -> types(false).list());
    }

    // ---------------------------------------------------------------- entities

    @POST
    @OperationId("createEntity")
    @Path("entity")
    public StatusResponse createEntity(byte[] bytes) {
        return done(() -> entities()
                .create(body(bytes, SharingRequests.EntityRequest.class).entity()));
    }

    @PUT
    @OperationId("updateEntity")
    @Path("entity")
    public StatusResponse updateEntity(byte[] bytes) {
        return done(() -> entities()
                .update(body(bytes, SharingRequests.EntityRequest.class).entity()));
    }

    @DELETE
    @OperationId("deleteEntity")
    @Path("entity")
    public StatusResponse deleteEntity(byte[] bytes) {
        return run(() -> {
            SharingEntities s = entities();
            String id = query().first("entity.id");
            if (!request.body(bytes).isEmpty()) {
                SharingRequests.EntityInput e =
                        body(bytes, SharingRequests.EntityRequest.class).entity();
                id = e == null ? null : e.id();
            }
            s.delete(id);
            return StatusResponse.OK;
        });
    }

    @GET
    @OperationId("getEntity")
    @Path("entity")
    public SharingViews.Entity getEntity() {
        return run(() -> entities().get(query().first("entity.id")));
    }

    @GET
    @OperationId("isEntityExists")
    @Path("entity/existence")
    public StatusResponse entityExists() {
        return run(() -> new StatusResponse(entities().exists(query().first("entity.id"))));
    }

    @POST
    @OperationId("searchEntities")
    @Path("entities")
    public SharingViews.Entities search(byte[] bytes) {
        return run(
                () -> new SharingViews.Entities(searches().search(body(bytes, SharingRequests.SearchRequest.class))));
    }

    // ---------------------------------------------------------------- shares

    @POST
    @OperationId("shareEntityWithUsers")
    @Path("users/share")
    public StatusResponse shareWithUsers(byte[] bytes) {
        return run(() -> share(bytes, ShareService.USER, true));
    }

    @POST
    @OperationId("shareEntityWithGroups")
    @Path("groups/share")
    public StatusResponse shareWithGroups(byte[] bytes) {
        return run(() -> share(bytes, ShareService.GROUP, true));
    }

    @DELETE
    @OperationId("revokeEntitySharingFromUsers")
    @Path("users/share")
    public StatusResponse revokeFromUsers(byte[] bytes) {
        return run(() -> share(bytes, ShareService.USER, false));
    }

    @DELETE
    @OperationId("revokeEntitySharingFromGroups")
    @Path("groups/share")
    public StatusResponse revokeFromGroups(byte[] bytes) {
        return run(() -> share(bytes, ShareService.GROUP, false));
    }

    private StatusResponse share(byte[] bytes, String principalType, boolean grant) {
        ShareService s = shares();
        s.share(principalType, body(bytes, SharingRequests.ShareRequest.class), grant);
        return StatusResponse.OK;
    }

    @GET
    @OperationId("getListOfSharedUsers")
    @Path("users/share")
    public SharingViews.SharedOwners sharedUsers() {
        return run(() -> holders(ShareService.USER, false));
    }

    @GET
    @OperationId("getListOfDirectlySharedUsers")
    @Path("users/share/direct")
    public SharingViews.SharedOwners directlySharedUsers() {
        return run(() -> holders(ShareService.USER, true));
    }

    @GET
    @OperationId("getListOfSharedGroups")
    @Path("groups/share")
    public SharingViews.SharedOwners sharedGroups() {
        return run(() -> holders(ShareService.GROUP, false));
    }

    @GET
    @OperationId("getListOfDirectlySharedGroups")
    @Path("groups/share/direct")
    public SharingViews.SharedOwners directlySharedGroups() {
        return run(() -> holders(ShareService.GROUP, true));
    }

    private SharingViews.SharedOwners holders(String principalType, boolean directOnly) {
        ShareService s = shares();
        QueryParams q = query();
        return s.holders(
                principalType, q.first("entity.id"), q.first("permission_type.id", "permissionType.id"), directOnly);
    }

    @GET
    @OperationId("getAllSharings")
    @Path("share")
    public SharingViews.SharedData sharings() {
        return run(() -> sharings(false));
    }

    @GET
    @OperationId("getAllDirectSharings")
    @Path("share/direct")
    public SharingViews.SharedData directSharings() {
        return run(() -> sharings(true));
    }

    private SharingViews.SharedData sharings(boolean directOnly) {
        ShareService s = shares();
        QueryParams q = query();
        return s.sharings(q.first("entity.id"), directOnly, Paging.of(q.integer("offset"), q.integer("limit")));
    }

    // ---------------------------------------------------------------- checks and reverse lookup

    @GET
    @OperationId("userHasAccess")
    @Path("entity/user/access")
    public StatusResponse userHasAccess() {
        return run(() -> {
            SharingDecisions s = decisions();
            QueryParams q = query();
            return new StatusResponse(s.check(
                    q.first("entity.id"),
                    q.first("permission_type.id", "permissionType.id"),
                    q.first("owner_id", "ownerId")));
        });
    }

    @POST
    @OperationId("userHasAccessBatch")
    @Path("entity/user/access/batch")
    public SharingViews.BatchResults batchCheck(byte[] bytes) {
        return run(() -> {
            SharingDecisions s = decisions();
            List<Boolean> results =
                    s.batchCheck(body(bytes, SharingRequests.BatchCheck.class).checks());
            return new SharingViews.BatchResults(
                    results.stream().map(StatusResponse::new).toList());
        });
    }

    @GET
    @OperationId("getEntitiesOfUser")
    @Path("user/entities")
    public SharingViews.EntityPage reachable() {
        return run(() -> {
            SharingSearch s = searches();
            QueryParams q = query();
            return s.reachable(
                    q.first("owner_id", "ownerId"),
                    q.first("permission_type.id", "permissionType.id"),
                    q.first("entity_type.id", "entityType.id"),
                    q.integer("limit"),
                    q.first("cursor"));
        });
    }
}
