package org.custos.keycloak.rest.console;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.custos.keycloak.auth.SharingAccess;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.console.AccessViews;
import org.custos.keycloak.representation.console.ConsoleRequests;
import org.custos.keycloak.representation.sharing.SharingRequests;
import org.custos.keycloak.representation.sharing.SharingViews;
import org.custos.keycloak.rest.sharing.SharingAnswers;
import org.custos.keycloak.rest.sharing.SharingSpecs;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.sharing.EntityAccess;
import org.custos.keycloak.service.sharing.EntitySearch;
import org.custos.keycloak.service.sharing.ShareService;
import org.custos.keycloak.service.sharing.ShareSpec;
import org.custos.keycloak.service.sharing.SharingEntities;
import org.custos.keycloak.service.sharing.SharingSearch;
import org.custos.keycloak.service.sharing.SharingTypes;
import org.custos.keycloak.service.sharing.TypeSpec;
import org.custos.keycloak.service.support.Paging;

/**
 * The sharing pages ({@code .../custos/sharing}): entity and permission types, the entity browser, an entity with its
 * shares, who holds a permission and why, sharing and revoking, and what a user can reach. Opening them needs a
 * sharing viewer (each method's first line); every change is decided by the sharing services' own rules.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleSharingResource extends ServiceResource {

    private static final String ENTITY_TYPES = "entity-types";
    private static final String PERMISSION_TYPES = "permission-types";

    public ConsoleSharingResource(RequestContext request) {
        super(request);
    }

    private SharingTypes types(SharingAccess access, String kind) {
        return ENTITY_TYPES.equals(kind)
                ? SharingTypes.entityTypes(request.session(), access)
                : SharingTypes.permissionTypes(request.session(), access);
    }

    private static String field(String kind) {
        return ENTITY_TYPES.equals(kind) ? "entity_type" : "permission_type";
    }

    @GET
    @Path(ENTITY_TYPES)
    public SharingViews.Types entityTypes() {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing();
            return SharingAnswers.types(types(access, ENTITY_TYPES).list());
        });
    }

    @GET
    @Path(PERMISSION_TYPES)
    public SharingViews.Types permissionTypes() {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing();
            return SharingAnswers.types(types(access, PERMISSION_TYPES).list());
        });
    }

    @POST
    @Path(ENTITY_TYPES)
    public StatusResponse createEntityType(byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing().requireAdmin();
            return createType(access, ENTITY_TYPES, bytes);
        });
    }

    @POST
    @Path(PERMISSION_TYPES)
    public StatusResponse createPermissionType(byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing().requireAdmin();
            return createType(access, PERMISSION_TYPES, bytes);
        });
    }

    @PUT
    @Path(ENTITY_TYPES + "/{id}")
    public StatusResponse updateEntityType(@PathParam("id") String id, byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing().requireAdmin();
            return updateType(access, ENTITY_TYPES, id, bytes);
        });
    }

    @PUT
    @Path(PERMISSION_TYPES + "/{id}")
    public StatusResponse updatePermissionType(@PathParam("id") String id, byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing().requireAdmin();
            return updateType(access, PERMISSION_TYPES, id, bytes);
        });
    }

    @DELETE
    @Path(ENTITY_TYPES + "/{id}")
    public StatusResponse deleteEntityType(@PathParam("id") String id) {
        return done(() -> {
            SharingAccess access = auth().console().requireSharing().requireAdmin();
            types(access, ENTITY_TYPES).delete(new TypeSpec(id, null, null), field(ENTITY_TYPES));
        });
    }

    @DELETE
    @Path(PERMISSION_TYPES + "/{id}")
    public StatusResponse deletePermissionType(@PathParam("id") String id) {
        return done(() -> {
            SharingAccess access = auth().console().requireSharing().requireAdmin();
            types(access, PERMISSION_TYPES).delete(new TypeSpec(id, null, null), field(PERMISSION_TYPES));
        });
    }

    private StatusResponse createType(SharingAccess access, String kind, byte[] bytes) {
        SharingTypes types = types(access, kind);
        types.create(SharingSpecs.type(body(bytes, SharingRequests.TypeInput.class)), field(kind));
        return StatusResponse.OK;
    }

    private StatusResponse updateType(SharingAccess access, String kind, String id, byte[] bytes) {
        SharingTypes types = types(access, kind);
        SharingRequests.TypeInput in = body(bytes, SharingRequests.TypeInput.class);
        types.update(
                new TypeSpec(id, in == null ? null : in.name(), in == null ? null : in.description()), field(kind));
        return StatusResponse.OK;
    }

    /** The entity browser: {@code search} (in ids), {@code type}, {@code parent} (its children), {@code first}/{@code
     * max}. */
    @GET
    @Path("entities")
    public SharingViews.Entities entities() {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing();
            QueryParams q = query();
            List<EntitySearch.Filter> filters = new ArrayList<>();
            if (q.first("search") != null) {
                filters.add(new EntitySearch.Filter(
                        EntitySearch.Field.ID, EntitySearch.Condition.LIKE, "%" + q.first("search") + "%"));
            }
            if (q.first("type") != null) {
                filters.add(new EntitySearch.Filter(
                        EntitySearch.Field.ENTITY_TYPE_ID, EntitySearch.Condition.EQUAL, q.first("type")));
            }
            if (q.first("parent") != null) {
                filters.add(new EntitySearch.Filter(
                        EntitySearch.Field.PARENT_ID, EntitySearch.Condition.EQUAL, q.first("parent")));
            }
            return SharingAnswers.entities(new SharingSearch(request.session(), access)
                    .search(null, filters, Paging.of(q.integer("first"), q.integer("max"))));
        });
    }

    @POST
    @Path("entities")
    public StatusResponse createEntity(byte[] bytes) {
        return done(() -> {
            SharingAccess access = auth().console().requireSharing();
            new SharingEntities(request.session(), access)
                    .create(SharingSpecs.entity(body(bytes, SharingRequests.EntityInput.class)));
        });
    }

    @GET
    @Path("entities/{id}")
    public AccessViews.EntityDetail entity(@PathParam("id") String id) {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing();
            EntityAccess.Detail d = new EntityAccess(request.session(), access).detail(id);
            return new AccessViews.EntityDetail(
                    SharingAnswers.entity(d.entity()),
                    d.path(),
                    d.shares().stream()
                            .map(s -> new AccessViews.ShareRow(
                                    s.principalType(),
                                    s.principal(),
                                    s.principalName(),
                                    s.permission(),
                                    s.cascade(),
                                    s.sharedBy(),
                                    s.inheritedFrom()))
                            .toList());
        });
    }

    @DELETE
    @Path("entities/{id}")
    public StatusResponse deleteEntity(@PathParam("id") String id) {
        return done(() -> {
            SharingAccess access = auth().console().requireSharing();
            new SharingEntities(request.session(), access).delete(id);
        });
    }

    /** Who holds {@code permission} on the entity, and why: a page ordered by username, after {@code after}. */
    @GET
    @Path("entities/{id}/holders")
    public AccessViews.HolderPage holders(@PathParam("id") String id) {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing();
            QueryParams q = query();
            EntityAccess.HolderPage page = new EntityAccess(request.session(), access)
                    .holders(id, q.first("permission"), q.first("after"), q.integer("max"));
            return new AccessViews.HolderPage(
                    page.permission(),
                    page.holders().stream()
                            .map(h -> new AccessViews.Holder(h.userId(), h.username(), h.grant()))
                            .toList(),
                    page.next());
        });
    }

    @POST
    @Path("entities/{id}/shares")
    public StatusResponse share(@PathParam("id") String id, byte[] bytes) {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing();
            ShareService shares = new ShareService(request.session(), access);
            ConsoleRequests.Share s = body(bytes, ConsoleRequests.Share.class);
            shares.share(principalType(s == null ? null : s.principalType()), shareRequest(id, s), true);
            return StatusResponse.OK;
        });
    }

    /** Revokes: {@code principal_type}, {@code principal} and {@code permission} as query parameters. */
    @DELETE
    @Path("entities/{id}/shares")
    public StatusResponse revoke(@PathParam("id") String id) {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing();
            ShareService shares = new ShareService(request.session(), access);
            QueryParams q = query();
            ConsoleRequests.Share s = new ConsoleRequests.Share(
                    q.first("principal_type"), q.first("principal"), q.first("permission"), null);
            shares.share(principalType(s.principalType()), shareRequest(id, s), false);
            return StatusResponse.OK;
        });
    }

    private static String principalType(String value) {
        if ("user".equalsIgnoreCase(String.valueOf(value))) {
            return ShareService.USER;
        }
        if ("group".equalsIgnoreCase(String.valueOf(value))) {
            return ShareService.GROUP;
        }
        throw org.custos.keycloak.error.CustosException.invalidField("principal_type", "must be user or group");
    }

    private static ShareSpec shareRequest(String entityId, ConsoleRequests.Share s) {
        if (s == null || s.principal() == null || s.principal().isBlank()) {
            throw org.custos.keycloak.error.CustosException.invalidField("principal", "is required");
        }
        return new ShareSpec(entityId, s.permission(), List.of(s.principal()), s.cascade(), null);
    }

    /** What a user (by Keycloak user id) reaches with {@code permission}, optionally of one {@code type}. */
    @GET
    @Path("users/{userId}/reachable")
    public SharingViews.EntityPage reachable(@PathParam("userId") String userId) {
        return run(() -> {
            SharingAccess access = auth().console().requireSharing();
            QueryParams q = query();
            return SharingAnswers.page(new SharingSearch(request.session(), access)
                    .reachableByUserId(
                            userId, q.first("permission"), q.first("type"), q.integer("max"), q.first("cursor")));
        });
    }
}
