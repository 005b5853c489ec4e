package org.custos.keycloak.service.sharing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.auth.CallerContext;
import org.custos.keycloak.auth.SharingRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.SharingTypeStore;
import org.custos.keycloak.representation.sharing.SharingRequests.CheckItem;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * The one place sharing access is decided: does a user hold a permission on an entity (directly, through a group
 * or its sub-groups, on the entity or by a cascading share above it; OWNER satisfies every check), which entities
 * may the caller see, and what standing does it have to pass a permission on. Checks, searches and every change
 * ask here.
 */
public final class SharingDecisions {

    public static final int MAX_BATCH = 1000;

    private final SharingContext ctx;

    SharingDecisions(SharingContext ctx) {
        this.ctx = ctx;
    }

    /** The decisions for the caller of this request (authenticated here: 401 before anything else). */
    public static SharingDecisions of(KeycloakSession session, CallerContext callerContext) {
        return new SharingDecisions(new SharingContext(session, callerContext));
    }

    /** Pairs "entityId|permission" the user holds; {@code permissions} null means any, OWNER included. */
    Set<String> held(UserModel user, Collection<String> entityIds, Collection<String> permissions) {
        Collection<String> perms = permissions;
        if (perms == null) {
            List<String> all = new ArrayList<>();
            all.add(SharingContext.OWNER);
            ctx.stores
                    .sharingTypes()
                    .types(ctx.realm.getId(), SharingTypeStore.Kind.PERMISSION_TYPE)
                    .forEach(p -> all.add(p.externalId()));
            perms = all;
        }
        return ctx.stores.shares().held(entityIds, perms, SharingContext.principal(user));
    }

    /** Holds {@code permission} (or OWNER) on the entity. */
    boolean holds(UserModel user, SharingEntity entity, String permission) {
        Set<String> held = held(user, List.of(entity.id()), List.of(permission, SharingContext.OWNER));
        return held.contains(entity.id() + "|" + permission) || held.contains(entity.id() + "|" + SharingContext.OWNER);
    }

    private boolean reaches(SharingEntity entity) {
        return ctx.actor() != null
                && !held(ctx.actor(), List.of(entity.id()), null).isEmpty();
    }

    /** The entity if the caller may see it (it reaches it, or is a viewer); 404 otherwise, as if it did not exist. */
    SharingEntity visibleEntity(String externalId, String field) {
        SharingEntity e = ctx.entity(externalId, field);
        if (!ctx.isViewer() && !reaches(e)) {
            throw CustosException.notFound("entity '" + externalId + "' not found");
        }
        return e;
    }

    boolean isVisible(String externalId) {
        return ctx.stores
                .entities()
                .entity(ctx.realm.getId(), Inputs.required(externalId, "entity.id"))
                .filter(e -> ctx.isViewer() || reaches(e))
                .isPresent();
    }

    /**
     * The entity a check is about. A viewer learns that an id does not exist (404); anyone else is told only that
     * it holds nothing there (null: the check answers false), so that entity ids cannot be probed.
     */
    private SharingEntity checkedEntity(String externalId, String field) {
        if (ctx.isViewer()) {
            return ctx.entity(externalId, field);
        }
        return ctx.stores
                .entities()
                .entity(ctx.realm.getId(), Inputs.required(externalId, field))
                .orElse(null);
    }

    /** The user a check is about: the caller itself, or anyone for a viewer. */
    UserModel checkedUser(String username, String field) {
        String name = Inputs.required(username, field);
        boolean self = ctx.actor() != null && ctx.actor().getUsername().equals(name);
        if (!self && !ctx.isViewer()) {
            throw CustosException.forbidden(
                    "a caller may check only its own access unless it has '" + SharingContext.VIEWER_ROLE + "'");
        }
        return self ? ctx.actor() : ctx.user(name);
    }

    void requireOwnerOrAdmin(SharingEntity e) {
        if (!ctx.isAdmin() && (ctx.actor() == null || !holds(ctx.actor(), e, SharingContext.OWNER))) {
            throw CustosException.forbidden(
                    "only the entity's OWNER or a sharing admin (" + SharingContext.ADMIN_ROLE + ") may do this");
        }
    }

    /** What the caller holds on the entity for {@code permission}: the input of {@link SharingRules}. */
    SharingRules.Standing standing(SharingEntity e, String permission) {
        UserModel actor = ctx.actor();
        if (ctx.isAdmin() || (actor != null && holds(actor, e, SharingContext.OWNER))) {
            return new SharingRules.Standing(true, true, true);
        }
        if (actor == null || !holds(actor, e, permission)) {
            return new SharingRules.Standing(false, false, false);
        }
        return new SharingRules.Standing(
                false, true, ctx.stores.shares().holdsCascading(e.id(), permission, SharingContext.principal(actor)));
    }

    /** Does {@code username} hold {@code permissionId} on the entity? */
    public boolean check(String entityId, String permissionId, String username) {
        UserModel user = checkedUser(username, "owner_id");
        SharingEntity e = checkedEntity(entityId, "entity.id");
        String permission = Inputs.required(permissionId, "permission_type.id");
        // A permission type in use cannot be deleted, so an allow proves it exists: look it up only to deny.
        if (e != null && holds(user, e, permission)) {
            return true;
        }
        ctx.permission(permission, "permission_type.id");
        return false;
    }

    /** Many checks, answered in order, with one query per distinct user. */
    public List<Boolean> batchCheck(List<CheckItem> checks) {
        if (checks == null) {
            throw CustosException.invalidField("checks", "is required");
        }
        if (checks.size() > MAX_BATCH) {
            throw CustosException.invalidField("checks", "may hold at most " + MAX_BATCH + " checks");
        }
        record Item(SharingEntity entity, String permission, UserModel user) {}
        List<Item> items = new ArrayList<>();
        Map<String, SharingEntity> entities = new HashMap<>();
        Map<String, UserModel> users = new HashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            String path = "checks[" + i + "]";
            CheckItem c = Inputs.requiredObject(checks.get(i), path);
            String eid = c.entity() == null ? null : c.entity().id();
            SharingEntity e = entities.get(eid);
            if (e == null && !entities.containsKey(eid)) {
                e = checkedEntity(eid, path + ".entity.id");
                entities.put(eid, e);
            }
            String permission = ctx.permission(
                    c.permissionType() == null ? null : c.permissionType().id(), path + ".permission_type.id");
            UserModel user = users.get(c.ownerId());
            if (user == null) {
                user = checkedUser(c.ownerId(), path + ".owner_id");
                users.put(c.ownerId(), user);
            }
            items.add(new Item(e, permission, user));
        }
        Map<String, Set<String>> heldByUser = new HashMap<>();
        Map<String, List<Item>> byUser = new LinkedHashMap<>();
        items.forEach(it -> byUser.computeIfAbsent(it.user().getId(), k -> new ArrayList<>())
                .add(it));
        byUser.forEach((userId, list) -> {
            Set<String> entityIds = new LinkedHashSet<>();
            Set<String> perms = new LinkedHashSet<>();
            perms.add(SharingContext.OWNER);
            list.stream().filter(it -> it.entity() != null).forEach(it -> {
                entityIds.add(it.entity().id());
                perms.add(it.permission());
            });
            heldByUser.put(userId, held(list.get(0).user(), entityIds, perms));
        });
        List<Boolean> results = new ArrayList<>();
        for (Item it : items) {
            Set<String> held = heldByUser.get(it.user().getId());
            results.add(it.entity() != null
                    && (held.contains(it.entity().id() + "|" + it.permission())
                            || held.contains(it.entity().id() + "|" + SharingContext.OWNER)));
        }
        return results;
    }
}
