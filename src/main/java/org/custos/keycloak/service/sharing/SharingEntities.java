package org.custos.keycloak.service.sharing;

import java.util.List;
import java.util.Objects;
import org.custos.keycloak.auth.SharingAccess;
import org.custos.keycloak.auth.SharingRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.error.CycleException;
import org.custos.keycloak.model.EntityStore;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.ShareStore;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sharing entities. A caller creates entities it owns (only a sharing admin names another owner), sees what it can
 * reach, and updates, moves or deletes only what it OWNs; a new entity's owner holds OWNER on it. Entities a caller
 * cannot reach do not exist for it (404).
 */
public final class SharingEntities {

    /** Deepest entity tree we keep: the closure grows with depth, and no gateway nests this deep. */
    public static final int MAX_DEPTH = 100;

    private final SharingContext ctx;
    private final SharingDecisions decisions;
    private final EntityStore store;

    public SharingEntities(KeycloakSession session, SharingAccess access) {
        this.ctx = new SharingContext(session, access);
        this.decisions = new SharingDecisions(ctx);
        this.store = ctx.stores.entities();
    }

    public void create(EntitySpec input) {
        SharingRules.requireMayChooseEntityId(
                ctx.isAdmin(),
                ctx.caller.presentedClientSecret(),
                "true".equals(ctx.realm.getAttribute(SharingRules.PERSONS_CREATE_ENTITIES)));
        EntitySpec in = SharingFields.requiredObject(input, "entity");
        String id = SharingFields.identifier(in.id(), "entity.id");
        String type = ctx.entityType(in.type(), "entity.type");
        UserModel owner = newOwner(in.owner());
        SharingEntity parent = SharingFields.blankToNull(in.parentId()) == null
                ? null
                : decisions.visibleEntity(in.parentId(), "entity.parent_id");
        if (parent != null) {
            // The parent's ancestry is copied below: no move may change it meanwhile.
            ctx.stores.lockTrees(ctx.realm.getId());
        }
        if (parent != null && store.depth(parent.id()) >= MAX_DEPTH) {
            throw tooDeep();
        }
        if (store.entity(ctx.realm.getId(), id).isPresent()) {
            throw CustosException.conflict("entity '" + id + "' exists");
        }
        long now = Time.currentTimeMillis();
        Long original = in.originalCreationTime();
        SharingEntity e = new SharingEntity(
                KeycloakModelUtils.generateId(),
                ctx.realm.getId(),
                id,
                type,
                owner.getId(),
                parent == null ? null : parent.id(),
                in.name(),
                in.description(),
                in.fullText(),
                SharingFields.binary(in.binaryData()),
                original == null || original == 0 ? now : original,
                now,
                now);
        store.create(e);
        ctx.stores
                .shares()
                .grant(
                        ctx.realm.getId(),
                        new ShareStore.Share(
                                e.id(), SharingContext.OWNER, ShareStore.USER, owner.getId(), true, null, null, 0),
                        true,
                        now);
        event(
                OperationType.CREATE,
                id,
                EntityMapper.event(e, owner.getUsername(), parent == null ? null : parent.externalId()));
    }

    /** The owner of a new entity: a caller names itself (or nobody); only an admin names someone else. */
    private UserModel newOwner(String requested) {
        String name = SharingFields.blankToNull(requested);
        if (name == null) {
            if (ctx.caller.isUser() && ctx.actor() != null) {
                return ctx.actor();
            }
            throw CustosException.invalidField("entity.owner_id", "is required");
        }
        // Only an admin names someone else: checked before the name is looked up (no username probing).
        boolean self = ctx.actor() != null && ctx.actor().getUsername().equalsIgnoreCase(name);
        if (!ctx.isAdmin() && !self) {
            throw CustosException.forbidden("only a sharing admin (" + SharingAccess.ADMIN_ROLE
                    + ") may create entities owned by someone else");
        }
        return self ? ctx.actor() : ctx.user(name);
    }

    public void update(EntitySpec input) {
        EntitySpec in = SharingFields.requiredObject(input, "entity");
        SharingEntity e = decisions.visibleEntity(in.id(), "entity.id");
        decisions.requireOwnerOrAdmin(e);
        String ownerName = ctx.username(e.ownerUserId());
        if (SharingFields.blankToNull(in.owner()) != null && !in.owner().equals(ownerName)) {
            throw CustosException.invalidField("entity.owner_id", "cannot change: the owner of an entity is fixed");
        }
        String type = SharingFields.blankToNull(in.type()) != null && !in.type().equals(e.typeId())
                ? ctx.entityType(in.type(), "entity.type")
                : e.typeId();
        SharingEntity parent = null;
        if (in.parentId() != null) {
            // A possible move: checked and made under the realm's tree lock, against the tree as it is then.
            ctx.stores.lockTrees(ctx.realm.getId());
            parent = in.parentId().isEmpty() ? null : decisions.visibleEntity(in.parentId(), "entity.parent_id");
            if (!Objects.equals(e.parentId(), parent == null ? null : parent.id())) {
                move(e, parent);
            }
        } else if (e.parentId() != null) {
            parent = store.byIds(List.of(e.parentId())).get(e.parentId());
        }
        Long original = in.originalCreationTime();
        SharingEntity updated = new SharingEntity(
                e.id(),
                e.realmId(),
                e.externalId(),
                type,
                e.ownerUserId(),
                parent == null ? null : parent.id(),
                in.name() != null ? in.name() : e.name(),
                in.description() != null ? in.description() : e.description(),
                in.fullText() != null ? in.fullText() : e.fullText(),
                in.binaryData() != null ? SharingFields.binary(in.binaryData()) : e.binaryData(),
                original != null && original != 0 ? original : e.originalCreationTime(),
                e.createdAt(),
                Time.currentTimeMillis());
        store.update(updated);
        event(
                OperationType.UPDATE,
                e.externalId(),
                EntityMapper.event(updated, ownerName, parent == null ? null : parent.externalId()));
    }

    private void move(SharingEntity e, SharingEntity parent) {
        if (parent != null) {
            if (store.isInSubtree(parent.id(), e.id())) {
                throw cycle(parent.externalId());
            }
            if (store.depth(parent.id()) + store.height(e.id()) >= MAX_DEPTH) {
                throw tooDeep();
            }
        }
        try {
            store.move(ctx.realm.getId(), e.id(), parent == null ? null : parent.id());
        } catch (CycleException concurrentMove) {
            throw CustosException.conflict("field 'entity.parent_id' would make a cycle: a concurrent move put '"
                    + parent.externalId() + "' below entity '" + e.externalId() + "'; nothing was changed");
        }
    }

    /** A cycle conflicts with the tree as it is (409), like a move that a concurrent one made impossible. */
    private static CustosException cycle(String parent) {
        return CustosException.conflict(
                "field 'entity.parent_id' would make a cycle: '" + parent + "' is the entity itself or below it");
    }

    private static CustosException tooDeep() {
        return CustosException.invalidField(
                "entity.parent_id", "would nest entities deeper than " + MAX_DEPTH + " levels");
    }

    public void delete(String externalId) {
        SharingEntity e = decisions.visibleEntity(externalId, "entity.id");
        decisions.requireOwnerOrAdmin(e);
        // Its children become roots: no move or create under it may interleave.
        ctx.stores.lockTrees(ctx.realm.getId());
        store.delete(e.id());
        event(OperationType.DELETE, e.externalId(), null);
    }

    public EntityInfo get(String externalId) {
        return EntityMapper.of(ctx, List.of(decisions.visibleEntity(externalId, "entity.id")))
                .get(0);
    }

    public boolean exists(String externalId) {
        return decisions.isVisible(externalId);
    }

    private void event(OperationType operation, String id, Object representation) {
        ctx.events().emit(operation, "CUSTOS_SHARING_ENTITY", representation, "sharing", "entities", id);
    }
}
