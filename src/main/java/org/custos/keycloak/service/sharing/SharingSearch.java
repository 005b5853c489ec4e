package org.custos.keycloak.service.sharing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.custos.keycloak.auth.SharingAccess;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.EntityQuery;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.SharingTypeStore;
import org.custos.keycloak.service.support.Paging;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * Finding entities: Custos's search (criteria ANDed, limited to what the caller reaches unless it is a viewer) and
 * the reverse lookup "which entities does this user reach with this permission", paged by an opaque cursor.
 */
public final class SharingSearch {

    private final SharingContext ctx;
    private final SharingDecisions decisions;

    public SharingSearch(KeycloakSession session, SharingAccess access) {
        this.ctx = new SharingContext(session, access);
        this.decisions = new SharingDecisions(ctx);
    }

    /**
     * A page of the entities matching every filter, of those {@code ownerId} reaches (a viewer may name anyone, or
     * nobody for every entity; anyone else searches what it reaches).
     */
    public List<EntityInfo> search(String ownerId, List<EntitySearch.Filter> filters, Paging paging) {
        EntitySearch search = EntitySearch.compile(filters, resolver());
        UserModel principal = null;
        if (SharingFields.blankToNull(ownerId) != null) {
            boolean self = ctx.actor() != null && ctx.actor().getUsername().equals(ownerId);
            if (!self && !ctx.isViewer()) {
                throw CustosException.forbidden(
                        "a caller may search only what it can reach unless it has '" + SharingAccess.VIEWER_ROLE + "'");
            }
            principal = self ? ctx.actor() : ctx.user(ownerId);
        } else if (!ctx.isViewer()) {
            principal = ctx.actor();
            if (principal == null) {
                return List.of();
            }
        }
        List<String> permissions = new ArrayList<>(search.permissionIds());
        if (!permissions.isEmpty()) {
            permissions.add(SharingContext.OWNER);
        }
        EntityQuery query = new EntityQuery(
                search.criteria(),
                permissions,
                principal == null ? null : SharingContext.principal(ctx.realm, principal));
        List<SharingEntity> found =
                ctx.stores.entities().search(ctx.realm.getId(), query, paging.offset(), paging.limit());
        return EntityMapper.of(ctx, found);
    }

    private EntitySearch.Resolver resolver() {
        return new EntitySearch.Resolver() {
            @Override
            public String userId(String username) {
                UserModel u = ctx.session.users().getUserByUsername(ctx.realm, username);
                return u == null ? null : u.getId();
            }

            @Override
            public String entityId(String externalId) {
                return ctx.stores
                        .entities()
                        .entity(ctx.realm.getId(), externalId)
                        .map(SharingEntity::id)
                        .orElse(null);
            }

            @Override
            public String principalId(String value) {
                String user = userId(value);
                if (user != null) {
                    return user;
                }
                GroupModel g = ctx.session.groups().getGroupById(ctx.realm, value);
                return g == null ? null : g.getId();
            }
        };
    }

    /** One page of a reverse lookup: the entities, the cursor of the next page (null on the last), whether last. */
    public record Page(List<EntityInfo> entities, String nextCursor, boolean complete) {}

    /** As {@link #reachable}, for a user named by Keycloak user id (the admin console's user page); 404 if none. */
    public Page reachableByUserId(String userId, String permissionId, String typeId, Integer limit, String cursor) {
        UserModel user = userId == null ? null : ctx.session.users().getUserById(ctx.realm, userId);
        if (user == null) {
            throw CustosException.notFound("user '" + userId + "' not found");
        }
        return reachable(user.getUsername(), permissionId, typeId, limit, cursor);
    }

    public Page reachable(String username, String permissionId, String typeId, Integer limit, String cursor) {
        UserModel user = decisions.checkedUser(username, "owner_id");
        String permission = ctx.permission(permissionId, "permission_type.id");
        String type = SharingFields.blankToNull(typeId);
        if (type != null
                && ctx.stores
                        .sharingTypes()
                        .type(ctx.realm.getId(), SharingTypeStore.Kind.ENTITY_TYPE, type)
                        .isEmpty()) {
            throw CustosException.notFound("entity type '" + type + "' not found");
        }
        int n = limit == null || limit == 0 ? Paging.DEFAULT_LIMIT : limit;
        if (n < 1 || n > Paging.MAX_LIMIT) {
            throw CustosException.invalidField("limit", "must be between 1 and " + Paging.MAX_LIMIT);
        }
        String after = cursor == null || cursor.isBlank() ? null : decodeCursor(cursor);
        List<String> ids = ctx.stores
                .shares()
                .reachable(
                        ctx.realm.getId(),
                        List.of(permission, SharingContext.OWNER),
                        SharingContext.principal(ctx.realm, user),
                        type,
                        after,
                        n + 1);
        boolean complete = ids.size() <= n;
        List<String> page = complete ? ids : ids.subList(0, n);
        List<EntityInfo> views = EntityMapper.of(ctx, ctx.stores.entities().byExternalIds(ctx.realm.getId(), page));
        return new Page(views, complete ? null : encodeCursor(page.get(page.size() - 1)), complete);
    }

    static String encodeCursor(String lastId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("v1:" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (s.startsWith("v1:")) {
                return s.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw CustosException.invalidField("cursor", "is not a cursor this server issued");
    }
}
