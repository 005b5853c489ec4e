package org.custos.keycloak.service.sharing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.custos.keycloak.auth.SharingAccess;
import org.custos.keycloak.auth.SharingRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.ShareStore.Share;
import org.custos.keycloak.model.SharingTypeStore;
import org.custos.keycloak.service.support.AdminEvents;
import org.custos.keycloak.service.support.Paging;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * Shares with users (by username) and groups (by id), and who holds what. A caller shares or revokes a permission
 * only with the standing {@link SharingRules} asks for; what it holds is checked before any principal is looked
 * up, so names cannot be probed by 404.
 */
public final class ShareService {

    public static final String USER = ShareStore.USER;
    public static final String GROUP = ShareStore.GROUP;

    private final SharingContext ctx;
    private final SharingDecisions decisions;
    private final ShareStore store;

    public ShareService(KeycloakSession session, SharingAccess access) {
        this.ctx = new SharingContext(session, access);
        this.decisions = new SharingDecisions(ctx);
        this.store = ctx.stores.shares();
    }

    /** Shares with (or, {@code grant} false, revokes from) the principals of the request. */
    public void share(String principalType, ShareSpec request, boolean grant) {
        ShareSpec r = SharingFields.requiredObject(request, "body");
        SharingEntity e = decisions.visibleEntity(r.entityId(), "entity.id");
        // From here on the entity's shares change only through this request: the standing and the existing shares
        // read below are what the change is made against.
        store.serialize(e.id());
        String permission = ctx.permission(r.permissionTypeId(), "permission_type.id");
        if (SharingContext.OWNER.equals(permission)) {
            throw CustosException.invalidField(
                    "permission_type.id", "OWNER cannot be shared or revoked: it belongs to the entity's owner");
        }
        if (r.principals() == null || r.principals().isEmpty()) {
            throw CustosException.invalidField(
                    "owner_id",
                    "must list at least one " + (ShareStore.USER.equals(principalType) ? "username" : "group id"));
        }
        boolean cascade = Boolean.TRUE.equals(r.cascade());
        SharingRules.Standing standing = decisions.standing(e, permission);
        if (grant) {
            SharingRules.requireMayShare(standing, permission, cascade);
        } else {
            SharingRules.requireMayRevoke(standing, permission, true);
        }
        // Each principal once, however often the request names it (the list itself is bounded by RequestLimits).
        java.util.Set<String> principalIds = new java.util.LinkedHashSet<>();
        for (int i = 0; i < r.principals().size(); i++) {
            String field = "owner_id[" + i + "]";
            if (!grant && !standing.free()) {
                // A holder revokes only its own grants: a name that is nobody is answered as anyone else's grant,
                // so that revoking cannot probe which usernames or groups exist.
                String id = knownPrincipalId(
                        principalType, SharingFields.required(r.principals().get(i), field));
                if (id == null) {
                    SharingRules.requireMayRevoke(standing, permission, false);
                }
                principalIds.add(id);
            } else {
                principalIds.add(principalId(principalType, r.principals().get(i), field));
            }
        }
        for (String principalId : principalIds) {
            Optional<Share> existing = store.share(e.id(), permission, principalType, principalId);
            boolean madeByCaller = existing.map(s -> ctx.isActor(s.grantorId())).orElse(false);
            if (!grant) {
                SharingRules.requireMayRevoke(standing, permission, madeByCaller);
            } else if (existing.isPresent() && cascade && !existing.get().cascading()) {
                SharingRules.requireMayChange(standing, permission, madeByCaller);
            }
        }
        String sharedBy = grant ? sharedBy(r.sharedBy()) : null;
        long now = Time.currentTimeMillis();
        String grantor = ctx.actor() == null ? null : ctx.actor().getId();
        for (String principalId : principalIds) {
            if (grant) {
                store.grant(
                        ctx.realm.getId(),
                        new Share(e.id(), permission, principalType, principalId, cascade, sharedBy, grantor, 0),
                        standing.free(),
                        now);
            } else {
                store.revoke(e.id(), permission, principalType, principalId);
            }
        }
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("entity_id", e.externalId());
        rep.put("permission_type_id", permission);
        rep.put("owner_type", principalType);
        rep.put("owner_id", AdminEvents.summary(List.copyOf(principalIds)));
        if (grant) {
            rep.put("cascade", cascade);
            rep.put("shared_by", sharedBy);
        }
        ctx.events()
                .emit(
                        grant ? OperationType.CREATE : OperationType.DELETE,
                        "CUSTOS_SHARE",
                        rep,
                        "sharing",
                        "entities",
                        e.externalId(),
                        "shares",
                        principalType.toLowerCase(),
                        permission);
    }

    /** A person records themselves; a client acting for its users may name the sharer. */
    private String sharedBy(String requested) {
        String name = SharingFields.blankToNull(requested);
        if (ctx.caller.isUser()) {
            String me = ctx.caller.displayName(ctx.realm);
            if (name != null && !name.equals(me)) {
                throw CustosException.forbidden("shared_by must be the calling user");
            }
            return me;
        }
        return name != null ? name : ctx.caller.displayName(ctx.realm);
    }

    /** The principal's id, or null when the name is nobody (or a group the caller may not see). */
    private String knownPrincipalId(String principalType, String value) {
        if (ShareStore.USER.equals(principalType)) {
            UserModel u = ctx.session.users().getUserByUsername(ctx.realm, value);
            return u == null ? null : u.getId();
        }
        GroupModel group = ctx.session.groups().getGroupById(ctx.realm, value);
        return group == null || !ctx.access.canView(group) ? null : group.getId();
    }

    private String principalId(String principalType, String name, String field) {
        String value = SharingFields.required(name, field);
        if (ShareStore.USER.equals(principalType)) {
            return ctx.user(value).getId();
        }
        // A group the caller may not see is answered as one that does not exist: group ids cannot be probed.
        GroupModel group = ctx.session.groups().getGroupById(ctx.realm, value);
        if (group == null || !ctx.access.canView(group)) {
            throw CustosException.notFound(field + ": group not found");
        }
        return group.getId();
    }

    /** The users (by username) or groups holding a permission on the entity. */
    public List<String> holders(String principalType, String entityId, String permissionId, boolean directOnly) {
        SharingEntity e = decisions.visibleEntity(entityId, "entity.id");
        String permission = ctx.permission(permissionId, "permission_type.id");
        List<String> ids = store.holders(e.id(), permission, principalType, directOnly);
        List<String> out = ShareStore.USER.equals(principalType)
                ? ids.stream()
                        .map(ctx::activeUsername) // a disabled user holds nothing (auth/AccountState)
                        .filter(Objects::nonNull)
                        .sorted()
                        .toList()
                : ids;
        return out;
    }

    /** Custos's later {@code GET /share}: every sharing of one entity, or of every entity of the realm (viewers). */
    public List<ShareInfo> sharings(String entityId, boolean directOnly, Paging paging) {
        List<SharingEntity> entities;
        if (SharingFields.blankToNull(entityId) != null) {
            entities = List.of(decisions.visibleEntity(entityId, "entity.id"));
        } else {
            if (!ctx.isViewer()) {
                throw CustosException.forbidden("listing every sharing of the realm needs '" + SharingAccess.VIEWER_ROLE
                        + "'; name an entity with entity.id");
            }
            entities = ctx.stores.entities().page(ctx.realm.getId(), paging.offset(), paging.limit());
        }
        Map<String, TypeInfo> permissions = new HashMap<>();
        permissions.put(
                SharingContext.OWNER,
                SharingTypes.builtIn(SharingTypeStore.Kind.PERMISSION_TYPE, SharingContext.OWNER));
        ctx.stores
                .sharingTypes()
                .types(ctx.realm.getId(), SharingTypeStore.Kind.PERMISSION_TYPE)
                .forEach(p -> permissions.put(p.externalId(), SharingTypes.view(p)));
        List<EntityInfo> views = EntityMapper.of(ctx, entities);
        List<ShareInfo> out = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            Set<String> seen = new HashSet<>();
            for (Share s : store.reaching(entities.get(i).id(), directOnly)) {
                if (!seen.add(s.principalType() + "|" + s.principalId() + "|" + s.permissionId())) {
                    continue;
                }
                String owner =
                        ShareStore.USER.equals(s.principalType()) ? ctx.username(s.principalId()) : s.principalId();
                out.add(new ShareInfo(
                        views.get(i),
                        owner,
                        s.principalType(),
                        permissions.get(s.permissionId()),
                        SharingFields.nz(s.sharedBy())));
            }
        }
        return out;
    }
}
