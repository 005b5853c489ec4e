package org.custos.keycloak.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Custos sharing entities and their tree. {@code id} and {@code parentId} are ours (internal), {@code externalId}
 * the client's; every lookup is scoped by realm id or by an internal id found in the realm.
 */
public interface EntityStore {

    record SharingEntity(
            String id,
            String realmId,
            String externalId,
            String typeId,
            String ownerUserId,
            String parentId,
            String name,
            String description,
            String fullText,
            String binaryData,
            long originalCreationTime,
            long createdAt,
            long updatedAt) {}

    Optional<SharingEntity> entity(String realmId, String externalId);

    Map<String, SharingEntity> byIds(Collection<String> ids);

    /** The entities of these external ids, in external-id order. */
    List<SharingEntity> byExternalIds(String realmId, Collection<String> externalIds);

    /** One page of the realm's entities in external-id order. */
    List<SharingEntity> page(String realmId, int offset, int limit);

    /** The entities a query finds, in external-id order. */
    List<SharingEntity> search(String realmId, EntityQuery query, int offset, int limit);

    /** The number of levels from the root down to the entity (1 for a root). */
    int depth(String entityId);

    /** The number of levels below the entity (0 for a leaf). */
    int height(String entityId);

    /** Whether {@code candidateId} is {@code rootId} or below it. */
    boolean isInSubtree(String candidateId, String rootId);

    /**
     * Stores a new entity under its parent (or as a root); an external id in use is a {@link
     * org.custos.keycloak.error.DuplicateException}.
     */
    void create(SharingEntity entity);

    /**
     * Stores new entities, each after its parent (earlier in the list, or stored before), in batches: an import's,
     * which no other request sees before it commits.
     */
    default void createAll(List<SharingEntity> entities) {
        entities.forEach(this::create);
    }

    /** Replaces the entity's fields; its parent changes only through {@link #move}. */
    void update(SharingEntity entity);

    /**
     * Re-parents the entity with everything below it. Moves in one realm are serialized and the cycle check is made
     * under that lock: a move that would put the entity below itself throws {@link
     * org.custos.keycloak.error.CycleException}.
     */
    void move(String realmId, String entityId, String newParentId);

    /** Deletes an entity and the shares on it; its children become roots (they lose what they inherited). */
    void delete(String entityId);

    /** Deletes the entities a removed user owned. */
    void removeOwner(String realmId, String userId);

    void removeRealm(String realmId);
}
