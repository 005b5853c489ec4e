package org.custos.keycloak.rest.sharing;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.custos.keycloak.auth.SharingAccess;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.sharing.SharingRequests;
import org.custos.keycloak.representation.sharing.SharingViews;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.service.sharing.ShareService;
import org.custos.keycloak.service.sharing.SharingDecisions;
import org.custos.keycloak.service.sharing.SharingEntities;
import org.custos.keycloak.service.sharing.SharingSearch;
import org.custos.keycloak.service.support.Paging;

/**
 * Custos Sharing Management ({@code /sharing-management/v1.0.0}): entity types, permission types, entities, shares
 * with users and groups, checks (single and batch), search and reverse lookup (the types' endpoints are in {@link
 * SharingTypeEndpoints}). Each method names the caller first ({@code auth().sharing()}, with {@code requireAdmin()}
 * where only a sharing admin may call); what the caller holds on an entity is decided by the sharing rules on what
 * the sharing services look up.
 */
@Produces(MediaType.APPLICATION_JSON)
public class SharingResource extends SharingTypeEndpoints {

    public SharingResource(RequestContext request) {
        super(request);
    }

    private SharingEntities entities(SharingAccess access) {
        return new SharingEntities(request.session(), access);
    }

    private ShareService shares(SharingAccess access) {
        return new ShareService(request.session(), access);
    }

    private SharingDecisions decisions(SharingAccess access) {
        return SharingDecisions.of(request.session(), access);
    }

    private SharingSearch searches(SharingAccess access) {
        return new SharingSearch(request.session(), access);
    }

    // ---------------------------------------------------------------- entities

    @POST
    @OperationId("createEntity")
    @Path("entity")
    public StatusResponse createEntity(byte[] bytes) {
        return done(() -> {
            SharingAccess access = auth().sharing();
            entities(access)
                    .create(SharingSpecs.entity(
                            body(bytes, SharingRequests.EntityRequest.class).entity()));
        });
    }

    @PUT
    @OperationId("updateEntity")
    @Path("entity")
    public StatusResponse updateEntity(byte[] bytes) {
        return done(() -> {
            SharingAccess access = auth().sharing();
            entities(access)
                    .update(SharingSpecs.entity(
                            body(bytes, SharingRequests.EntityRequest.class).entity()));
        });
    }

    @DELETE
    @OperationId("deleteEntity")
    @Path("entity")
    public StatusResponse deleteEntity(byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().sharing();
            SharingEntities s = entities(access);
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
        return run(() -> {
            SharingAccess access = auth().sharing();
            return SharingAnswers.entity(entities(access).get(query().first("entity.id")));
        });
    }

    @GET
    @OperationId("isEntityExists")
    @Path("entity/existence")
    public StatusResponse entityExists() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return new StatusResponse(entities(access).exists(query().first("entity.id")));
        });
    }

    @POST
    @OperationId("searchEntities")
    @Path("entities")
    public SharingViews.Entities search(byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().sharing();
            SharingSearch s = searches(access);
            SharingRequests.SearchRequest r = body(bytes, SharingRequests.SearchRequest.class);
            if (r == null) {
                throw CustosException.invalidField("body", "is required");
            }
            return SharingAnswers.entities(
                    s.search(r.ownerId(), SharingSpecs.filters(r.criteria()), Paging.of(r.offset(), r.limit())));
        });
    }

    // ---------------------------------------------------------------- shares

    @POST
    @OperationId("shareEntityWithUsers")
    @Path("users/share")
    public StatusResponse shareWithUsers(byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return share(access, bytes, ShareService.USER, true);
        });
    }

    @POST
    @OperationId("shareEntityWithGroups")
    @Path("groups/share")
    public StatusResponse shareWithGroups(byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return share(access, bytes, ShareService.GROUP, true);
        });
    }

    @DELETE
    @OperationId("revokeEntitySharingFromUsers")
    @Path("users/share")
    public StatusResponse revokeFromUsers(byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return share(access, bytes, ShareService.USER, false);
        });
    }

    @DELETE
    @OperationId("revokeEntitySharingFromGroups")
    @Path("groups/share")
    public StatusResponse revokeFromGroups(byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return share(access, bytes, ShareService.GROUP, false);
        });
    }

    private StatusResponse share(SharingAccess access, byte[] bytes, String principalType, boolean grant) {
        ShareService s = shares(access);
        s.share(principalType, SharingSpecs.share(body(bytes, SharingRequests.ShareRequest.class)), grant);
        return StatusResponse.OK;
    }

    @GET
    @OperationId("getListOfSharedUsers")
    @Path("users/share")
    public SharingViews.SharedOwners sharedUsers() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return holders(access, ShareService.USER, false);
        });
    }

    @GET
    @OperationId("getListOfDirectlySharedUsers")
    @Path("users/share/direct")
    public SharingViews.SharedOwners directlySharedUsers() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return holders(access, ShareService.USER, true);
        });
    }

    @GET
    @OperationId("getListOfSharedGroups")
    @Path("groups/share")
    public SharingViews.SharedOwners sharedGroups() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return holders(access, ShareService.GROUP, false);
        });
    }

    @GET
    @OperationId("getListOfDirectlySharedGroups")
    @Path("groups/share/direct")
    public SharingViews.SharedOwners directlySharedGroups() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return holders(access, ShareService.GROUP, true);
        });
    }

    private SharingViews.SharedOwners holders(SharingAccess access, String principalType, boolean directOnly) {
        ShareService s = shares(access);
        QueryParams q = query();
        return new SharingViews.SharedOwners(s.holders(
                principalType, q.first("entity.id"), q.first("permission_type.id", "permissionType.id"), directOnly));
    }

    @GET
    @OperationId("getAllSharings")
    @Path("share")
    public SharingViews.SharedData sharings() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return sharings(access, false);
        });
    }

    @GET
    @OperationId("getAllDirectSharings")
    @Path("share/direct")
    public SharingViews.SharedData directSharings() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            return sharings(access, true);
        });
    }

    private SharingViews.SharedData sharings(SharingAccess access, boolean directOnly) {
        ShareService s = shares(access);
        QueryParams q = query();
        return SharingAnswers.shares(
                s.sharings(q.first("entity.id"), directOnly, Paging.of(q.integer("offset"), q.integer("limit"))));
    }

    // ---------------------------------------------------------------- checks and reverse lookup

    @GET
    @OperationId("userHasAccess")
    @Path("entity/user/access")
    public StatusResponse userHasAccess() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            SharingDecisions s = decisions(access);
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
            SharingAccess access = auth().sharing();
            SharingDecisions s = decisions(access);
            List<Boolean> results = s.batchCheck(SharingSpecs.checks(
                    body(bytes, SharingRequests.BatchCheck.class).checks()));
            return new SharingViews.BatchResults(
                    results.stream().map(StatusResponse::new).toList());
        });
    }

    @GET
    @OperationId("getEntitiesOfUser")
    @Path("user/entities")
    public SharingViews.EntityPage reachable() {
        return run(() -> {
            SharingAccess access = auth().sharing();
            SharingSearch s = searches(access);
            QueryParams q = query();
            return SharingAnswers.page(s.reachable(
                    q.first("owner_id", "ownerId"),
                    q.first("permission_type.id", "permissionType.id"),
                    q.first("entity_type.id", "entityType.id"),
                    q.integer("limit"),
                    q.first("cursor")));
        });
    }
}
