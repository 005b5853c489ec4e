package org.custos.keycloak.service.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.TypedQuery;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.CallerContext;
import org.custos.keycloak.auth.SharingRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.jpa.JpaSharingStore;
import org.custos.keycloak.model.jpa.entity.EntityAncestorEntity;
import org.custos.keycloak.model.jpa.entity.EntityTypeEntity;
import org.custos.keycloak.model.jpa.entity.PermissionTypeEntity;
import org.custos.keycloak.model.jpa.entity.ShareEntity;
import org.custos.keycloak.model.jpa.entity.SharingEntityEntity;
import org.custos.keycloak.model.jpa.entity.SharingTypeEntity;
import org.custos.keycloak.representation.sharing.SharingRequests;
import org.custos.keycloak.representation.sharing.SharingRequests.CheckItem;
import org.custos.keycloak.representation.sharing.SharingRequests.EntityInput;
import org.custos.keycloak.representation.sharing.SharingRequests.TypeInput;
import org.custos.keycloak.representation.sharing.SharingViews;
import org.custos.keycloak.service.AdminEvents;
import org.custos.keycloak.service.Paging;
import org.custos.keycloak.ui.CustosConsole;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Custos sharing on our own tables. The rules (README, "Sharing"):
 * <ul>
 *   <li>An entity's owner holds {@code OWNER}; {@code OWNER} satisfies every check; no other permission implies
 *       another.</li>
 *   <li>A share reaches the entity and, when cascading, everything below it — existing and created later. A share
 *       with a group reaches the members of the group and of its sub-groups.</li>
 *   <li>Sharing admins (realm-management {@code manage-authorization}) may do everything; viewers
 *       ({@code view-authorization}) may read every entity and check anyone. Otherwise a caller acts for itself:
 *       it creates entities it owns, sees what it can reach, shares or revokes a permission only if it holds it (or
 *       OWNER), updates and deletes only what it OWNs. Entities a caller cannot reach do not exist for it (404).</li>
 * </ul>
 */
public final class SharingService {

    public static final String OWNER = "OWNER";
    public static final String SECRET = "SECRET";
    public static final String ADMIN_ROLE = "manage-authorization";
    public static final String VIEWER_ROLE = "view-authorization";
    /** Deepest entity tree we keep: the closure grows with depth, and no gateway nests this deep. */
    public static final int MAX_DEPTH = 100;
    public static final int MAX_BATCH = 1000;
    static final long OWNER_CREATED_AT = 0L;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final CallerContext callerContext;
    private final Caller caller;
    private final JpaSharingStore store;
    private final Map<String, String> usernames = new HashMap<>();

    public SharingService(KeycloakSession session, CallerContext callerContext) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.callerContext = callerContext;
        this.caller = callerContext.authenticate();
        this.store = new JpaSharingStore(session);
    }

    // ================================================================ who is calling

    private boolean isAdmin() {
        return callerContext.hasRealmManagementRole(ADMIN_ROLE);
    }

    private boolean isViewer() {
        return isAdmin() || callerContext.hasRealmManagementRole(VIEWER_ROLE);
    }

    private void requireAdmin() {
        if (!isAdmin()) {
            throw CustosException.forbidden("the caller lacks the realm-management role '" + ADMIN_ROLE + "'");
        }
    }

    /** The acting user for permission checks: the person, or the client's service account. */
    private UserModel actor() {
        return caller.user();
    }

    private boolean reaches(SharingEntityEntity entity) {
        return actor() != null && !held(actor(), List.of(entity.getId()), null).isEmpty();
    }

    /** Holds {@code permission} (or OWNER) on the entity. */
    private boolean holds(UserModel user, SharingEntityEntity entity, String permission) {
        Set<String> held = held(user, List.of(entity.getId()), List.of(permission, OWNER));
        return held.contains(entity.getId() + "|" + permission) || held.contains(entity.getId() + "|" + OWNER);
    }

    /** Pairs "entityId|permission" the user holds; {@code permissions} null means any. */
    private Set<String> held(UserModel user, Collection<String> entityIds, Collection<String> permissions) {
        Collection<String> perms = permissions;
        if (perms == null) {
            perms = new ArrayList<>(permissionIdsWithOwner());
        }
        return store.held(entityIds, perms, user.getId(), groupsOf(user));
    }

    private List<String> permissionIdsWithOwner() {
        List<String> ids = new ArrayList<>();
        ids.add(OWNER);
        store.types(PermissionTypeEntity.class, realm.getId()).forEach(p -> ids.add(p.getExternalId()));
        return ids;
    }

    /** The user's groups and all their ancestors: a share with a group reaches the members of its sub-groups. */
    static Set<String> groupsOf(UserModel user) {
        Set<String> ids = new LinkedHashSet<>();
        user.getGroupsStream().forEach(g -> {
            for (GroupModel x = g; x != null && ids.add(x.getId()); x = x.getParent()) {
                // walk up until a group already seen
            }
        });
        return ids;
    }

    /** The entity if the caller may see it (it reaches it, or is a viewer); 404 otherwise, as if it did not exist. */
    private SharingEntityEntity visibleEntity(String externalId, String field) {
        SharingEntityEntity e = entity(externalId, field);
        if (!isViewer() && !reaches(e)) {
            throw CustosException.notFound("entity '" + externalId + "' not found");
        }
        return e;
    }

    /**
     * The entity a check is about. A viewer learns that an id does not exist (404); anyone else is told only that
     * it holds nothing there (null: the check answers false), so that entity ids cannot be probed.
     */
    private SharingEntityEntity checkedEntity(String externalId, String field) {
        if (isViewer()) {
            return entity(externalId, field);
        }
        return store.entity(realm.getId(), required(externalId, field)).orElse(null);
    }

    private SharingEntityEntity entity(String externalId, String field) {
        String id = required(externalId, field);
        return store.entity(realm.getId(), id)
                .orElseThrow(() -> CustosException.notFound("entity '" + id + "' not found"));
    }

    // ================================================================ entity types and permission types

    public void createType(Class<? extends SharingTypeEntity> kind, TypeInput input, String field) {
        requireAdmin();
        TypeInput in = requiredObject(input, field);
        String id = identifier(in.id(), field + ".id");
        if (builtIn(kind, id) != null || store.type(kind, realm.getId(), id).isPresent()) {
            throw CustosException.conflict(label(kind) + " '" + id + "' exists");
        }
        SharingTypeEntity row = kind == EntityTypeEntity.class ? new EntityTypeEntity() : new PermissionTypeEntity();
        row.setName(blankToNull(in.name()) == null ? id : in.name());
        row.setDescription(in.description());
        store.createType(row, realm.getId(), id, Time.currentTimeMillis());
        CustosConsole.typeChanged(session, realm, row);
        event(OperationType.CREATE, kind, id, Map.of("id", id, "name", row.getName()));
    }

    public void updateType(Class<? extends SharingTypeEntity> kind, TypeInput input, String field) {
        requireAdmin();
        TypeInput in = requiredObject(input, field);
        SharingTypeEntity row = existingType(kind, in.id(), field + ".id");
        if (in.name() != null) {
            row.setName(in.name());
        }
        if (in.description() != null) {
            row.setDescription(in.description());
        }
        row.setUpdatedAt(Time.currentTimeMillis());
        CustosConsole.typeChanged(session, realm, row);
        event(OperationType.UPDATE, kind, row.getExternalId(), Map.of("id", row.getExternalId(), "name", String.valueOf(row.getName())));
    }

    public void deleteType(Class<? extends SharingTypeEntity> kind, TypeInput input, String field) {
        requireAdmin();
        TypeInput in = requiredObject(input, field);
        SharingTypeEntity row = existingType(kind, in.id(), field + ".id");
        boolean inUse = kind == EntityTypeEntity.class
                ? store.entityTypeInUse(realm.getId(), row.getExternalId())
                : store.permissionInUse(realm.getId(), row.getExternalId());
        if (inUse) {
            throw CustosException.conflict(label(kind) + " '" + row.getExternalId() + "' is in use by "
                    + (kind == EntityTypeEntity.class ? "entities" : "shares") + ": remove them first");
        }
        store.remove(row);
        CustosConsole.typeRemoved(session, realm, row);
        event(OperationType.DELETE, kind, row.getExternalId(), null);
    }

    public SharingViews.Type getType(Class<? extends SharingTypeEntity> kind, String id, String field) {
        callerContext.authenticate();
        SharingViews.Type builtIn = builtIn(kind, id);
        return builtIn != null ? builtIn : view(existingType(kind, id, field));
    }

    public SharingViews.Types listTypes(Class<? extends SharingTypeEntity> kind) {
        callerContext.authenticate();
        List<SharingViews.Type> types = new ArrayList<>();
        types.add(builtIn(kind, kind == PermissionTypeEntity.class ? OWNER : SECRET));
        store.types(kind, realm.getId()).stream().filter(t -> builtIn(kind, t.getExternalId()) == null)
                .forEach(t -> types.add(view(t)));
        return new SharingViews.Types(types);
    }

    private SharingTypeEntity existingType(Class<? extends SharingTypeEntity> kind, String id, String field) {
        String key = required(id, field);
        if (builtIn(kind, key) != null) {
            throw CustosException.badRequest("the " + label(kind) + " " + key + " is built in: it cannot be changed or "
                    + "deleted");
        }
        return store.type(kind, realm.getId(), key)
                .orElseThrow(() -> CustosException.notFound(label(kind) + " '" + key + "' not found"));
    }

    /** A permission type that exists (OWNER included); 404 otherwise. */
    private String permission(String id, String field) {
        String key = required(id, field);
        if (!OWNER.equals(key) && store.type(PermissionTypeEntity.class, realm.getId(), key).isEmpty()) {
            throw CustosException.notFound("permission type '" + key + "' not found");
        }
        return key;
    }

    private static SharingViews.Type ownerType() {
        return new SharingViews.Type(OWNER, OWNER, "Owner of the entity: satisfies every permission",
                String.valueOf(OWNER_CREATED_AT), String.valueOf(OWNER_CREATED_AT));
    }

    /**
     * The types every realm has without creating them, as every Custos tenant had: the permission type OWNER and
     * the entity type SECRET (the Custos portal files secrets under it). Null for any other id.
     */
    private static SharingViews.Type builtIn(Class<? extends SharingTypeEntity> kind, String id) {
        if (kind == PermissionTypeEntity.class && OWNER.equals(id)) {
            return ownerType();
        }
        if (kind == EntityTypeEntity.class && SECRET.equals(id)) {
            return new SharingViews.Type(SECRET, SECRET, "A secret of the resource-secret service",
                    String.valueOf(OWNER_CREATED_AT), String.valueOf(OWNER_CREATED_AT));
        }
        return null;
    }

    /** An entity type that exists (SECRET included); 404 otherwise. */
    private String entityType(String id, String field) {
        String key = required(id, field);
        if (builtIn(EntityTypeEntity.class, key) == null
                && store.type(EntityTypeEntity.class, realm.getId(), key).isEmpty()) {
            throw CustosException.notFound("entity type '" + key + "' not found");
        }
        return key;
    }

    private static SharingViews.Type view(SharingTypeEntity t) {
        return new SharingViews.Type(t.getExternalId(), nz(t.getName()), nz(t.getDescription()),
                String.valueOf(t.getCreatedAt()), String.valueOf(t.getUpdatedAt()));
    }

    private static String label(Class<?> kind) {
        return kind == EntityTypeEntity.class ? "entity type" : "permission type";
    }

    // ================================================================ entities

    public void createEntity(EntityInput input) {
        EntityInput in = requiredObject(input, "entity");
        String id = identifier(in.id(), "entity.id");
        String type = entityType(in.type(), "entity.type");
        UserModel owner = newOwner(in.ownerId());
        SharingEntityEntity parent = blankToNull(in.parentId()) == null ? null : visibleEntity(in.parentId(), "entity.parent_id");
        if (parent != null && store.ancestors(parent.getId()).size() >= MAX_DEPTH) {
            throw CustosException.invalidField("entity.parent_id", "would nest entities deeper than " + MAX_DEPTH + " levels");
        }
        if (store.entity(realm.getId(), id).isPresent()) {
            throw CustosException.conflict("entity '" + id + "' exists");
        }
        long now = Time.currentTimeMillis();
        SharingEntityEntity e = new SharingEntityEntity();
        e.setId(KeycloakModelUtils.generateId());
        e.setRealmId(realm.getId());
        e.setExternalId(id);
        e.setTypeId(type);
        e.setOwnerUserId(owner.getId());
        e.setName(in.name());
        e.setDescription(in.description());
        e.setFullText(in.fullText());
        e.setBinaryData(binary(in.binaryData()));
        Long original = int64(in.originalCreationTime(), "entity.original_creation_time");
        e.setOriginalCreationTime(original == null || original == 0 ? now : original);
        e.setCreatedAt(now);
        e.setUpdatedAt(now);
        store.createEntity(e, parent);
        store.grant(realm.getId(), e.getId(), OWNER, JpaSharingStore.USER, owner.getId(), true, null, null, true, now);
        event(OperationType.CREATE, SharingEntityEntity.class, id, entityEvent(e, owner.getUsername(), parent));
    }

    /** The owner of a new entity: a caller names itself (or nobody); only an admin names someone else. */
    private UserModel newOwner(String requested) {
        String name = blankToNull(requested);
        if (name == null) {
            if (caller.isUser()) {
                return caller.user();
            }
            throw CustosException.invalidField("entity.owner_id", "is required");
        }
        UserModel owner = session.users().getUserByUsername(realm, name);
        if (owner == null) {
            throw CustosException.notFound("user '" + name + "' not found");
        }
        if (!isAdmin() && (actor() == null || !actor().getId().equals(owner.getId()))) {
            throw CustosException.forbidden("only a sharing admin (" + ADMIN_ROLE + ") may create entities owned by someone else");
        }
        return owner;
    }

    public void updateEntity(EntityInput input) {
        EntityInput in = requiredObject(input, "entity");
        SharingEntityEntity e = visibleEntity(in.id(), "entity.id");
        requireOwnerOrAdmin(e);
        String ownerName = username(e.getOwnerUserId());
        if (blankToNull(in.ownerId()) != null && !in.ownerId().equals(ownerName)) {
            throw CustosException.invalidField("entity.owner_id", "cannot change: the owner of an entity is fixed");
        }
        if (blankToNull(in.type()) != null && !in.type().equals(e.getTypeId())) {
            e.setTypeId(entityType(in.type(), "entity.type"));
        }
        SharingEntityEntity parent = null;
        if (in.parentId() != null) {
            parent = in.parentId().isEmpty() ? null : visibleEntity(in.parentId(), "entity.parent_id");
            String current = e.getParentId();
            String wanted = parent == null ? null : parent.getId();
            if (!java.util.Objects.equals(current, wanted)) {
                reparent(e, parent);
            }
        } else if (e.getParentId() != null) {
            parent = store.entitiesById(List.of(e.getParentId())).get(e.getParentId());
        }
        if (in.name() != null) {
            e.setName(in.name());
        }
        if (in.description() != null) {
            e.setDescription(in.description());
        }
        if (in.fullText() != null) {
            e.setFullText(in.fullText());
        }
        if (in.binaryData() != null) {
            e.setBinaryData(binary(in.binaryData()));
        }
        Long original = int64(in.originalCreationTime(), "entity.original_creation_time");
        if (original != null && original != 0) {
            e.setOriginalCreationTime(original);
        }
        e.setUpdatedAt(Time.currentTimeMillis());
        event(OperationType.UPDATE, SharingEntityEntity.class, e.getExternalId(), entityEvent(e, ownerName, parent));
    }

    private void reparent(SharingEntityEntity e, SharingEntityEntity parent) {
        if (parent != null) {
            if (store.isInSubtree(parent.getId(), e.getId())) {
                throw CustosException.invalidField("entity.parent_id", "would make a cycle: '" + parent.getExternalId()
                        + "' is the entity itself or below it");
            }
            int height = store.subtree(e.getId()).stream().mapToInt(EntityAncestorEntity::getDepth).max().orElse(0);
            if (store.ancestors(parent.getId()).size() + height >= MAX_DEPTH) {
                throw CustosException.invalidField("entity.parent_id", "would nest entities deeper than " + MAX_DEPTH + " levels");
            }
        }
        store.move(e, parent);
    }

    public void deleteEntity(String externalId) {
        SharingEntityEntity e = visibleEntity(externalId, "entity.id");
        requireOwnerOrAdmin(e);
        store.deleteEntity(e);
        event(OperationType.DELETE, SharingEntityEntity.class, e.getExternalId(), null);
    }

    public SharingViews.Entity getEntity(String externalId) {
        return views(List.of(visibleEntity(externalId, "entity.id"))).get(0);
    }

    public boolean entityExists(String externalId) {
        String id = required(externalId, "entity.id");
        return store.entity(realm.getId(), id).filter(e -> isViewer() || reaches(e)).isPresent();
    }

    private void requireOwnerOrAdmin(SharingEntityEntity e) {
        if (!isAdmin() && (actor() == null || !holds(actor(), e, OWNER))) {
            throw CustosException.forbidden("only the entity's OWNER or a sharing admin (" + ADMIN_ROLE + ") may do this");
        }
    }

    // ================================================================ sharing

    /** Shares with (or revokes from) users (by username) or groups (by id). */
    public void share(String principalType, SharingRequests.ShareRequest request, boolean grant) {
        SharingRequests.ShareRequest r = requiredObject(request, "body");
        SharingEntityEntity e = visibleEntity(r.entity() == null ? null : r.entity().id(), "entity.id");
        String permission = permission(r.permissionType() == null ? null : r.permissionType().id(), "permission_type.id");
        if (OWNER.equals(permission)) {
            throw CustosException.invalidField("permission_type.id", "OWNER cannot be shared or revoked: it belongs to the entity's owner");
        }
        if (r.ownerIds() == null || r.ownerIds().isEmpty()) {
            throw CustosException.invalidField("owner_id", "must list at least one " + (JpaSharingStore.USER.equals(principalType) ? "username" : "group id"));
        }
        boolean cascade = Boolean.TRUE.equals(r.cascade());
        SharingRules.Standing standing = standing(e, permission);
        // What the caller holds is checked before any principal is looked up (no probing of names by 404).
        if (grant) {
            SharingRules.requireMayShare(standing, permission, cascade);
        } else {
            SharingRules.requireMayRevoke(standing, permission, true);
        }
        List<String> principalIds = new ArrayList<>();
        for (int i = 0; i < r.ownerIds().size(); i++) {
            principalIds.add(principalId(principalType, r.ownerIds().get(i), "owner_id[" + i + "]"));
        }
        if (grant) {
            for (String principalId : principalIds) {
                Optional<ShareEntity> existing = store.share(e.getId(), permission, principalType, principalId);
                if (existing.isPresent() && cascade && !existing.get().isCascading()) {
                    SharingRules.requireMayChange(standing, permission,
                            actor() != null && actor().getId().equals(existing.get().getGrantorId()));
                }
            }
        } else {
            for (String principalId : principalIds) {
                boolean madeByCaller = actor() != null && store.share(e.getId(), permission, principalType, principalId)
                        .map(s -> actor().getId().equals(s.getGrantorId())).orElse(false);
                SharingRules.requireMayRevoke(standing, permission, madeByCaller);
            }
        }
        String sharedBy = grant ? sharedBy(r.sharedBy()) : null;
        long now = Time.currentTimeMillis();
        for (String principalId : principalIds) {
            if (grant) {
                store.grant(realm.getId(), e.getId(), permission, principalType, principalId, cascade, sharedBy,
                        actor() == null ? null : actor().getId(), standing.free(), now);
            } else {
                store.revoke(e.getId(), permission, principalType, principalId);
            }
        }
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("entity_id", e.getExternalId());
        rep.put("permission_type_id", permission);
        rep.put("owner_type", principalType);
        rep.put("owner_id", r.ownerIds());
        if (grant) {
            rep.put("cascade", cascade);
            rep.put("shared_by", sharedBy);
        }
        new AdminEvents(session, caller).emit(grant ? OperationType.CREATE : OperationType.DELETE, "CUSTOS_SHARE", rep,
                "sharing", "entities", e.getExternalId(), "shares", principalType.toLowerCase(), permission);
    }

    /** What the caller holds on the entity for {@code permission}: the input of {@link SharingRules}. */
    private SharingRules.Standing standing(SharingEntityEntity e, String permission) {
        if (isAdmin() || (actor() != null && holds(actor(), e, OWNER))) {
            return new SharingRules.Standing(true, true, true);
        }
        if (actor() == null || !holds(actor(), e, permission)) {
            return new SharingRules.Standing(false, false, false);
        }
        return new SharingRules.Standing(false, true,
                store.holdsCascading(e.getId(), permission, actor().getId(), groupsOf(actor())));
    }

    /** A person records themselves; a client acting for its users may name the sharer. */
    private String sharedBy(String requested) {
        String name = blankToNull(requested);
        if (caller.isUser()) {
            if (name != null && !name.equals(caller.user().getUsername())) {
                throw CustosException.forbidden("shared_by must be the calling user");
            }
            return caller.user().getUsername();
        }
        return name != null ? name : actor() != null ? actor().getUsername() : caller.client().getClientId();
    }

    private String principalId(String principalType, String name, String field) {
        String value = required(name, field);
        if (JpaSharingStore.USER.equals(principalType)) {
            UserModel user = session.users().getUserByUsername(realm, value);
            if (user == null) {
                throw CustosException.notFound("user '" + value + "' not found");
            }
            return user.getId();
        }
        GroupModel group = session.groups().getGroupById(realm, value);
        if (group == null) {
            throw CustosException.notFound("group '" + value + "' not found");
        }
        return group.getId();
    }

    public boolean check(String entityId, String permissionId, String username) {
        UserModel user = checkedUser(username, "owner_id");
        SharingEntityEntity e = checkedEntity(entityId, "entity.id");
        String permission = required(permissionId, "permission_type.id");
        // A permission type in use cannot be deleted, so an allow proves it exists: look it up only to deny.
        if (e != null && holds(user, e, permission)) {
            return true;
        }
        permission(permission, "permission_type.id");
        return false;
    }

    public List<Boolean> batchCheck(List<CheckItem> checks) {
        if (checks == null) {
            throw CustosException.invalidField("checks", "is required");
        }
        if (checks.size() > MAX_BATCH) {
            throw CustosException.invalidField("checks", "may hold at most " + MAX_BATCH + " checks");
        }
        record Item(SharingEntityEntity entity, String permission, UserModel user) {
        }
        List<Item> items = new ArrayList<>();
        Map<String, SharingEntityEntity> entities = new HashMap<>();
        Map<String, UserModel> users = new HashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            CheckItem c = requiredObject(checks.get(i), "checks[" + i + "]");
            String path = "checks[" + i + "]";
            String eid = c.entity() == null ? null : c.entity().id();
            SharingEntityEntity e = entities.get(eid);
            if (e == null && !entities.containsKey(eid)) {
                e = checkedEntity(eid, path + ".entity.id");
                entities.put(eid, e);
            }
            String permission = permission(c.permissionType() == null ? null : c.permissionType().id(), path + ".permission_type.id");
            UserModel user = users.get(c.ownerId());
            if (user == null) {
                user = checkedUser(c.ownerId(), path + ".owner_id");
                users.put(c.ownerId(), user);
            }
            items.add(new Item(e, permission, user));
        }
        // One query per distinct user, whatever the number of checks.
        Map<String, Set<String>> heldByUser = new HashMap<>();
        Map<String, List<Item>> byUser = new LinkedHashMap<>();
        items.forEach(it -> byUser.computeIfAbsent(it.user().getId(), k -> new ArrayList<>()).add(it));
        byUser.forEach((userId, list) -> {
            Set<String> entityIds = new LinkedHashSet<>();
            Set<String> perms = new LinkedHashSet<>();
            perms.add(OWNER);
            list.stream().filter(it -> it.entity() != null).forEach(it -> {
                entityIds.add(it.entity().getId());
                perms.add(it.permission());
            });
            heldByUser.put(userId, held(list.get(0).user(), entityIds, perms));
        });
        List<Boolean> results = new ArrayList<>();
        for (Item it : items) {
            Set<String> held = heldByUser.get(it.user().getId());
            results.add(it.entity() != null && held.contains(it.entity().getId() + "|" + it.permission())
                    || held.contains(it.entity().getId() + "|" + OWNER));
        }
        return results;
    }

    /** The user a check is about: the caller itself, or anyone for a viewer. */
    private UserModel checkedUser(String username, String field) {
        String name = required(username, field);
        boolean self = actor() != null && actor().getUsername().equals(name);
        if (!self && !isViewer()) {
            throw CustosException.forbidden("a caller may check only its own access unless it has '" + VIEWER_ROLE + "'");
        }
        UserModel user = self ? actor() : session.users().getUserByUsername(realm, name);
        if (user == null) {
            throw CustosException.notFound("user '" + name + "' not found");
        }
        return user;
    }

    public SharingViews.SharedOwners holders(String principalType, String entityId, String permissionId, boolean directOnly) {
        SharingEntityEntity e = visibleEntity(entityId, "entity.id");
        String permission = permission(permissionId, "permission_type.id");
        List<String> ids = store.holders(e.getId(), permission, principalType, directOnly);
        List<String> out = JpaSharingStore.USER.equals(principalType)
                ? ids.stream().map(this::username).filter(java.util.Objects::nonNull).sorted().toList()
                : ids;
        return new SharingViews.SharedOwners(out);
    }

    /** Custos's later {@code GET /share}: every sharing of one entity, or of every entity of the realm (viewers). */
    public SharingViews.SharedData sharings(String entityId, boolean directOnly, Paging paging) {
        List<SharingEntityEntity> entities;
        if (blankToNull(entityId) != null) {
            entities = List.of(visibleEntity(entityId, "entity.id"));
        } else {
            if (!isViewer()) {
                throw CustosException.forbidden("listing every sharing of the realm needs '" + VIEWER_ROLE
                        + "'; name an entity with entity.id");
            }
            entities = store.entityManager().createQuery("select e from CustosSharingEntity e where e.realmId = :realmId "
                            + "order by e.externalId", SharingEntityEntity.class)
                    .setParameter("realmId", realm.getId()).setFirstResult(paging.offset()).setMaxResults(paging.limit())
                    .getResultList();
        }
        Map<String, SharingViews.Type> permissions = new HashMap<>();
        permissions.put(OWNER, ownerType());
        store.types(PermissionTypeEntity.class, realm.getId()).forEach(p -> permissions.put(p.getExternalId(), view(p)));
        List<SharingViews.Entity> views = views(entities);
        List<SharingViews.SharingMetadata> out = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            Set<String> seen = new java.util.HashSet<>();
            for (Object[] row : store.sharesReaching(entities.get(i).getId(), directOnly)) {
                ShareEntity s = (ShareEntity) row[0];
                if (!seen.add(s.getPrincipalType() + "|" + s.getPrincipalId() + "|" + s.getPermissionId())) {
                    continue;
                }
                String owner = JpaSharingStore.USER.equals(s.getPrincipalType()) ? username(s.getPrincipalId()) : s.getPrincipalId();
                out.add(new SharingViews.SharingMetadata(views.get(i), owner, s.getPrincipalType(),
                        permissions.get(s.getPermissionId()), nz(s.getSharedBy())));
            }
        }
        return new SharingViews.SharedData(out);
    }

    // ================================================================ search and reverse lookup

    public List<SharingViews.Entity> search(SharingRequests.SearchRequest request) {
        SharingRequests.SearchRequest r = requiredObject(request, "body");
        Paging paging = Paging.of(r.offset(), r.limit());
        EntitySearch search = EntitySearch.compile(r.criteria(), new EntitySearch.Resolver() {
            @Override
            public String userId(String username) {
                UserModel u = session.users().getUserByUsername(realm, username);
                return u == null ? null : u.getId();
            }

            @Override
            public String entityId(String externalId) {
                return store.entity(realm.getId(), externalId).map(SharingEntityEntity::getId).orElse(null);
            }

            @Override
            public String principalId(String value) {
                UserModel u = session.users().getUserByUsername(realm, value);
                if (u != null) {
                    return u.getId();
                }
                GroupModel g = session.groups().getGroupById(realm, value);
                return g == null ? null : g.getId();
            }
        });
        UserModel principal = null;
        if (blankToNull(r.ownerId()) != null) {
            boolean self = actor() != null && actor().getUsername().equals(r.ownerId());
            if (!self && !isViewer()) {
                throw CustosException.forbidden("a caller may search only what it can reach unless it has '" + VIEWER_ROLE + "'");
            }
            principal = self ? actor() : session.users().getUserByUsername(realm, r.ownerId());
            if (principal == null) {
                throw CustosException.notFound("user '" + r.ownerId() + "' not found");
            }
        } else if (!isViewer()) {
            principal = actor();
            if (principal == null) {
                return List.of();
            }
        }
        StringBuilder jpql = new StringBuilder("select e from CustosSharingEntity e where e.realmId = :realmId");
        search.conditions().forEach(c -> jpql.append(" and ").append(c));
        List<String> perms = null;
        if (!search.permissionIds().isEmpty()) {
            perms = new ArrayList<>(search.permissionIds());
            perms.add(OWNER);
        }
        if (principal != null) {
            jpql.append(" and").append(JpaSharingStore.visibleTo(perms == null ? null : "perms"));
        } else if (perms != null) {
            jpql.append(" and e.id in (select a.entityId from CustosShare s, CustosEntityAncestor a where s.entityId = a.ancestorId "
                    + "and (a.depth = 0 or s.cascading = true) and s.permissionId in :perms)");
        }
        jpql.append(" order by e.externalId");
        TypedQuery<SharingEntityEntity> q = store.entityManager().createQuery(jpql.toString(), SharingEntityEntity.class);
        q.setParameter("realmId", realm.getId());
        search.parameters().forEach(q::setParameter);
        if (perms != null) {
            q.setParameter("perms", perms);
        }
        if (principal != null) {
            JpaSharingStore.bindPrincipal(q, principal.getId(), groupsOf(principal));
        }
        return views(q.setFirstResult(paging.offset()).setMaxResults(paging.limit()).getResultList());
    }

    public SharingViews.EntityPage reachable(String username, String permissionId, String typeId, Integer limit, String cursor) {
        UserModel user = checkedUser(username, "owner_id");
        String permission = permission(permissionId, "permission_type.id");
        String type = blankToNull(typeId);
        if (type != null && store.type(EntityTypeEntity.class, realm.getId(), type).isEmpty()) {
            throw CustosException.notFound("entity type '" + type + "' not found");
        }
        int n = limit == null || limit == 0 ? Paging.DEFAULT_LIMIT : limit;
        if (n < 1 || n > Paging.MAX_LIMIT) {
            throw CustosException.invalidField("limit", "must be between 1 and " + Paging.MAX_LIMIT);
        }
        String after = cursor == null || cursor.isBlank() ? null : decodeCursor(cursor);
        List<String> ids = store.reachable(realm.getId(), List.of(permission, OWNER), user.getId(), groupsOf(user), type, after, n + 1);
        boolean complete = ids.size() <= n;
        List<String> page = complete ? ids : ids.subList(0, n);
        List<SharingViews.Entity> views = views(store.entitiesByExternalIds(realm.getId(), page));
        return new SharingViews.EntityPage(views, complete ? null : encodeCursor(page.get(page.size() - 1)), complete);
    }

    static String encodeCursor(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + lastId).getBytes(StandardCharsets.UTF_8));
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

    // ================================================================ representations

    private List<SharingViews.Entity> views(List<SharingEntityEntity> entities) {
        List<String> ids = entities.stream().map(SharingEntityEntity::getId).toList();
        Map<String, Integer> counts = store.shareCounts(ids);
        Map<String, SharingEntityEntity> parents = store.entitiesById(entities.stream()
                .map(SharingEntityEntity::getParentId).filter(java.util.Objects::nonNull).distinct().toList());
        return entities.stream().map(e -> new SharingViews.Entity(e.getExternalId(), e.getTypeId(),
                nz(username(e.getOwnerUserId())),
                e.getParentId() == null || parents.get(e.getParentId()) == null ? "" : parents.get(e.getParentId()).getExternalId(),
                nz(e.getName()), nz(e.getDescription()), nz(e.getBinaryData()), nz(e.getFullText()),
                String.valueOf(e.getOriginalCreationTime()), String.valueOf(e.getCreatedAt()), String.valueOf(e.getUpdatedAt()),
                counts.getOrDefault(e.getId(), 0))).toList();
    }

    private String username(String userId) {
        return usernames.computeIfAbsent(userId, id -> {
            UserModel u = session.users().getUserById(realm, id);
            return u == null ? null : u.getUsername();
        });
    }

    private Map<String, Object> entityEvent(SharingEntityEntity e, String owner, SharingEntityEntity parent) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("id", e.getExternalId());
        rep.put("type", e.getTypeId());
        rep.put("owner_id", owner);
        rep.put("parent_id", parent == null ? "" : parent.getExternalId());
        rep.put("name", nz(e.getName()));
        return rep;
    }

    private void event(OperationType operation, Class<?> kind, String id, Object representation) {
        String type = kind == EntityTypeEntity.class ? "CUSTOS_ENTITY_TYPE" : kind == PermissionTypeEntity.class
                ? "CUSTOS_PERMISSION_TYPE" : "CUSTOS_SHARING_ENTITY";
        String collection = kind == EntityTypeEntity.class ? "entity-types" : kind == PermissionTypeEntity.class
                ? "permission-types" : "entities";
        new AdminEvents(session, caller).emit(operation, type, representation, "sharing", collection, id);
    }

    // ================================================================ input helpers

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw CustosException.invalidField(field, "is required");
        }
        return value;
    }

    private static <T> T requiredObject(T value, String field) {
        if (value == null) {
            throw CustosException.invalidField(field, "is required");
        }
        return value;
    }

    static String identifier(String value, String field) {
        String id = required(value, field);
        if (id.length() > 255) {
            throw CustosException.invalidField(field, "must be at most 255 characters");
        }
        if (!id.equals(id.strip())) {
            throw CustosException.invalidField(field, "must not start or end with whitespace");
        }
        return id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    static String binary(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return base64;
        }
        try {
            Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw CustosException.invalidField("entity.binary_data", "must be base64");
        }
        return base64;
    }

    static Long int64(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return node.textValue().isBlank() ? null : Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw CustosException.invalidField(field, "must be a whole number (milliseconds since the epoch)");
    }
}
