package org.custos.keycloak.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.custos.keycloak.error.CycleException;
import org.custos.keycloak.error.DuplicateException;

/**
 * {@link EntityStore} in a map, with the contract of {@code JpaEntityStore}: the closure table there (one row per
 * entity and ancestor, the entity itself at depth 0) is the parent chain walked here, so depths, sub-trees and
 * ancestries are the same. A deleted entity's children become roots and its shares go with it (through the
 * {@code onDelete} hook the share store gives). {@link #search} is not kept in memory.
 */
public final class InMemoryEntityStore implements EntityStore {

    private static final Comparator<SharingEntity> BY_EXTERNAL_ID = Comparator.comparing(SharingEntity::externalId);

    private final Map<String, SharingEntity> byId = new LinkedHashMap<>();
    private Consumer<String> onDelete = entityId -> {};

    /** What else goes when an entity is deleted (its shares). */
    void onDelete(Consumer<String> then) {
        this.onDelete = then;
    }

    /** The entity and its ancestors, nearest first: the index is the closure depth (empty for no entity). */
    public List<SharingEntity> chain(String entityId) {
        List<SharingEntity> out = new ArrayList<>();
        for (SharingEntity e = byId.get(entityId); e != null && out.size() <= byId.size(); e = parent(e)) {
            out.add(e);
        }
        return out;
    }

    /** Every entity of the realm, in external-id order. */
    public List<SharingEntity> all(String realmId) {
        return byId.values().stream()
                .filter(e -> e.realmId().equals(realmId))
                .sorted(BY_EXTERNAL_ID)
                .toList();
    }

    private SharingEntity parent(SharingEntity e) {
        return e.parentId() == null ? null : byId.get(e.parentId());
    }

    @Override
    public Optional<SharingEntity> entity(String realmId, String externalId) {
        return byId.values().stream()
                .filter(e -> e.realmId().equals(realmId) && e.externalId().equals(externalId))
                .findFirst();
    }

    @Override
    public Map<String, SharingEntity> byIds(Collection<String> ids) {
        Map<String, SharingEntity> out = new HashMap<>();
        ids.stream().filter(byId::containsKey).forEach(id -> out.put(id, byId.get(id)));
        return out;
    }

    @Override
    public List<SharingEntity> byExternalIds(String realmId, Collection<String> externalIds) {
        return all(realmId).stream()
                .filter(e -> externalIds.contains(e.externalId()))
                .toList();
    }

    @Override
    public List<SharingEntity> page(String realmId, int offset, int limit) {
        return all(realmId).stream().skip(offset).limit(limit).toList();
    }

    @Override
    public List<SharingEntity> search(String realmId, EntityQuery query, int offset, int limit) {
        throw new UnsupportedOperationException("entity search is JpaEntitySearch's JPQL; not kept in memory");
    }

    @Override
    public int depth(String entityId) {
        return chain(entityId).size();
    }

    @Override
    public int height(String entityId) {
        int height = 0;
        for (String id : byId.keySet()) {
            List<String> above = chain(id).stream().map(SharingEntity::id).toList();
            height = Math.max(height, above.indexOf(entityId));
        }
        return height;
    }

    @Override
    public boolean isInSubtree(String candidateId, String rootId) {
        return chain(candidateId).stream().anyMatch(e -> e.id().equals(rootId));
    }

    @Override
    public void create(SharingEntity entity) {
        if (byId.containsKey(entity.id())
                || entity(entity.realmId(), entity.externalId()).isPresent()) {
            throw new DuplicateException("entity.id", "entity '" + entity.externalId() + "' exists");
        }
        byId.put(entity.id(), entity);
    }

    @Override
    public void update(SharingEntity entity) {
        SharingEntity old = byId.get(entity.id());
        if (old != null) {
            byId.put(old.id(), withParent(entity, old, old.parentId()));
        }
    }

    /** {@code from}'s fields with {@code kept}'s keys (id, realm, external id) and the given parent. */
    private static SharingEntity withParent(SharingEntity from, SharingEntity kept, String parentId) {
        return new SharingEntity(
                kept.id(),
                kept.realmId(),
                kept.externalId(),
                from.typeId(),
                from.ownerUserId(),
                parentId,
                from.name(),
                from.description(),
                from.fullText(),
                from.binaryData(),
                from.originalCreationTime(),
                from.createdAt(),
                from.updatedAt());
    }

    @Override
    public void move(String realmId, String entityId, String newParentId) {
        if (newParentId != null && isInSubtree(newParentId, entityId)) {
            throw new CycleException("the new parent is the entity itself or below it");
        }
        SharingEntity e = byId.get(entityId);
        if (e == null) {
            throw new IllegalStateException("no entity " + entityId); // JPA: a NullPointerException
        }
        byId.put(entityId, withParent(e, e, newParentId));
    }

    @Override
    public void delete(String entityId) {
        SharingEntity e = byId.remove(entityId);
        if (e == null) {
            return;
        }
        byId.replaceAll((id, x) -> entityId.equals(x.parentId()) ? withParent(x, x, null) : x);
        onDelete.accept(entityId);
    }

    @Override
    public void removeOwner(String realmId, String userId) {
        all(realmId).stream()
                .filter(e -> userId.equals(e.ownerUserId()))
                .map(SharingEntity::id)
                .toList()
                .forEach(this::delete);
    }

    @Override
    public void removeRealm(String realmId) {
        byId.values().removeIf(e -> e.realmId().equals(realmId));
    }
}
