package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custos.keycloak.error.CycleException;
import org.custos.keycloak.model.EntityQuery;
import org.custos.keycloak.model.EntityStore;
import org.custos.keycloak.model.jpa.entity.EntityAncestorEntity;
import org.custos.keycloak.model.jpa.entity.SharingEntityEntity;

/**
 * {@link EntityStore} on {@code CUSTOS_SHARING_ENTITY} and its closure table {@code CUSTOS_ENTITY_ANCESTOR}: one
 * row per (entity, ancestor) pair, the entity itself at depth 0, so that sub-trees and ancestries are single
 * indexed reads.
 */
final class JpaEntityStore implements EntityStore {

    private final EntityManager em;

    JpaEntityStore(EntityManager em) {
        this.em = em;
    }

    static SharingEntity toRecord(SharingEntityEntity e) {
        return new SharingEntity(
                e.getId(),
                e.getRealmId(),
                e.getExternalId(),
                e.getTypeId(),
                e.getOwnerUserId(),
                e.getParentId(),
                e.getName(),
                e.getDescription(),
                e.getFullText(),
                e.getBinaryData(),
                e.getOriginalCreationTime(),
                e.getCreatedAt(),
                e.getUpdatedAt());
    }

    private static void copy(SharingEntity from, SharingEntityEntity to) {
        to.setTypeId(from.typeId());
        to.setOwnerUserId(from.ownerUserId());
        to.setName(from.name());
        to.setDescription(from.description());
        to.setFullText(from.fullText());
        to.setBinaryData(from.binaryData());
        to.setOriginalCreationTime(from.originalCreationTime());
        to.setCreatedAt(from.createdAt());
        to.setUpdatedAt(from.updatedAt());
    }

    @Override
    public Optional<SharingEntity> entity(String realmId, String externalId) {
        return em.createQuery(
                        "select e from CustosSharingEntity e where e.realmId = :realmId "
                                + "and e.externalId = :externalId",
                        SharingEntityEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("externalId", externalId)
                .getResultStream()
                .findFirst()
                .map(JpaEntityStore::toRecord);
    }

    @Override
    public Map<String, SharingEntity> byIds(Collection<String> ids) {
        Map<String, SharingEntity> out = new HashMap<>();
        for (List<String> chunk : Rows.chunks(List.copyOf(ids))) {
            em.createQuery("select e from CustosSharingEntity e where e.id in :ids", SharingEntityEntity.class)
                    .setParameter("ids", chunk)
                    .getResultList()
                    .forEach(e -> out.put(e.getId(), toRecord(e)));
        }
        return out;
    }

    @Override
    public List<SharingEntity> byExternalIds(String realmId, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery(
                        "select e from CustosSharingEntity e where e.realmId = :realmId and e.externalId in :ids "
                                + "order by e.externalId",
                        SharingEntityEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("ids", externalIds)
                .getResultStream()
                .map(e -> {
                    SharingEntity x = toRecord(e);
                    em.detach(e); // an import reads its entities in thousands: none stays in the persistence context
                    return x;
                })
                .toList();
    }

    @Override
    public List<SharingEntity> page(String realmId, int offset, int limit) {
        return em.createQuery(
                        "select e from CustosSharingEntity e where e.realmId = :realmId order by e.externalId",
                        SharingEntityEntity.class)
                .setParameter("realmId", realmId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultStream()
                .map(JpaEntityStore::toRecord)
                .toList();
    }

    @Override
    public List<SharingEntity> search(String realmId, EntityQuery query, int offset, int limit) {
        return JpaEntitySearch.query(em, realmId, query)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultStream()
                .map(JpaEntityStore::toRecord)
                .toList();
    }

    private List<EntityAncestorEntity> ancestors(String entityId) {
        return em.createQuery(
                        "select a from CustosEntityAncestor a where a.entityId = :id order by a.depth",
                        EntityAncestorEntity.class)
                .setParameter("id", entityId)
                .getResultList();
    }

    private List<EntityAncestorEntity> subtree(String entityId) {
        return em.createQuery(
                        "select a from CustosEntityAncestor a where a.ancestorId = :id", EntityAncestorEntity.class)
                .setParameter("id", entityId)
                .getResultList();
    }

    @Override
    public int depth(String entityId) {
        return em.createQuery("select count(a) from CustosEntityAncestor a where a.entityId = :id", Long.class)
                .setParameter("id", entityId)
                .getSingleResult()
                .intValue();
    }

    @Override
    public int height(String entityId) {
        Integer height = em.createQuery(
                        "select max(a.depth) from CustosEntityAncestor a where a.ancestorId = :id", Integer.class)
                .setParameter("id", entityId)
                .getSingleResult();
        return height == null ? 0 : height;
    }

    @Override
    public boolean isInSubtree(String candidateId, String rootId) {
        return em.createQuery(
                                "select count(a) from CustosEntityAncestor a where a.entityId = :candidate "
                                        + "and a.ancestorId = :root",
                                Long.class)
                        .setParameter("candidate", candidateId)
                        .setParameter("root", rootId)
                        .getSingleResult()
                > 0;
    }

    @Override
    public void create(SharingEntity entity) {
        SharingEntityEntity e = new SharingEntityEntity();
        e.setId(entity.id());
        e.setRealmId(entity.realmId());
        e.setExternalId(entity.externalId());
        e.setParentId(entity.parentId());
        copy(entity, e);
        Rows.insert(em, e, "entity.id", "entity '" + entity.externalId() + "' exists");
        em.persist(new EntityAncestorEntity(e.getRealmId(), e.getId(), e.getId(), 0));
        if (entity.parentId() != null) {
            for (EntityAncestorEntity a : ancestors(entity.parentId())) {
                em.persist(new EntityAncestorEntity(e.getRealmId(), e.getId(), a.getAncestorId(), a.getDepth() + 1));
            }
        }
    }

    @Override
    public void createAll(List<SharingEntity> entities) {
        Map<String, List<EntityAncestorEntity>> above = new HashMap<>(); // an entity's ancestor rows, itself first
        java.util.Set<String> here = new java.util.HashSet<>();
        entities.forEach(x -> here.add(x.id()));
        for (SharingEntity x : entities) { // parents stored before: read before anything is inserted
            if (x.parentId() != null && !here.contains(x.parentId()) && !above.containsKey(x.parentId())) {
                above.put(x.parentId(), ancestors(x.parentId()));
            }
        }
        List<Object> rows = new java.util.ArrayList<>();
        List<EntityAncestorEntity> links = new java.util.ArrayList<>();
        for (SharingEntity x : entities) {
            SharingEntityEntity e = new SharingEntityEntity();
            e.setId(x.id());
            e.setRealmId(x.realmId());
            e.setExternalId(x.externalId());
            e.setParentId(x.parentId());
            copy(x, e);
            rows.add(e);
            List<EntityAncestorEntity> mine = new java.util.ArrayList<>();
            mine.add(new EntityAncestorEntity(x.realmId(), x.id(), x.id(), 0));
            for (EntityAncestorEntity a :
                    x.parentId() == null ? List.<EntityAncestorEntity>of() : above.get(x.parentId())) {
                mine.add(new EntityAncestorEntity(x.realmId(), x.id(), a.getAncestorId(), a.getDepth() + 1));
            }
            above.put(x.id(), mine);
            links.addAll(mine);
        }
        rows.addAll(links); // entities first, then their links: each kind one batch
        Rows.insertAll(em, rows, "entity.id", "an entity of this import was created meanwhile");
    }

    @Override
    public void update(SharingEntity entity) {
        SharingEntityEntity e = em.find(SharingEntityEntity.class, entity.id());
        if (e != null) {
            copy(entity, e);
        }
    }

    /**
     * Links are changed by difference on managed rows — kept rows get their new depth, gone rows are removed, new
     * rows persisted — so a link that survives the move (a shared grandparent) is never deleted and re-created in
     * one persistence context.
     */
    @Override
    public void move(String realmId, String entityId, String newParentId) {
        TreeLock.lock(em, realmId);
        if (newParentId != null && isInSubtree(newParentId, entityId)) {
            throw new CycleException("the new parent is the entity itself or below it");
        }
        List<EntityAncestorEntity> subtree = subtree(entityId);
        List<String> oldAbove = ancestors(entityId).stream()
                .filter(a -> a.getDepth() > 0)
                .map(EntityAncestorEntity::getAncestorId)
                .toList();
        Map<String, Integer> newAbove = new HashMap<>();
        if (newParentId != null) {
            ancestors(newParentId).forEach(a -> newAbove.put(a.getAncestorId(), a.getDepth() + 1));
        }
        Map<String, EntityAncestorEntity> existing = new HashMap<>();
        if (!oldAbove.isEmpty()) {
            for (List<String> chunk : Rows.chunks(
                    subtree.stream().map(EntityAncestorEntity::getEntityId).toList())) {
                em.createQuery(
                                "select a from CustosEntityAncestor a where a.entityId in :below "
                                        + "and a.ancestorId in :above",
                                EntityAncestorEntity.class)
                        .setParameter("below", chunk)
                        .setParameter("above", oldAbove)
                        .getResultList()
                        .forEach(a -> existing.put(a.getEntityId() + "|" + a.getAncestorId(), a));
            }
        }
        for (EntityAncestorEntity below : subtree) {
            for (Map.Entry<String, Integer> above : newAbove.entrySet()) {
                int depth = below.getDepth() + above.getValue();
                EntityAncestorEntity kept = existing.remove(below.getEntityId() + "|" + above.getKey());
                if (kept != null) {
                    kept.setDepth(depth);
                } else {
                    em.persist(new EntityAncestorEntity(realmId, below.getEntityId(), above.getKey(), depth));
                }
            }
        }
        existing.values().forEach(em::remove);
        em.find(SharingEntityEntity.class, entityId).setParentId(newParentId);
    }

    @Override
    public void delete(String entityId) {
        // The entity row first, as grants take it: then its shares and links.
        SharingEntityEntity entity = em.find(SharingEntityEntity.class, entityId, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            return;
        }
        List<String> above = ancestors(entityId).stream()
                .filter(a -> a.getDepth() > 0)
                .map(EntityAncestorEntity::getAncestorId)
                .toList();
        if (!above.isEmpty()) {
            List<String> below = subtree(entityId).stream()
                    .map(EntityAncestorEntity::getEntityId)
                    .toList();
            for (List<String> chunk : Rows.chunks(below)) {
                em.createQuery("delete from CustosEntityAncestor a where a.entityId in :below and a.ancestorId in "
                                + ":above")
                        .setParameter("below", chunk)
                        .setParameter("above", above)
                        .executeUpdate();
            }
        }
        em.createQuery("delete from CustosEntityAncestor a where a.ancestorId = :id or a.entityId = :id")
                .setParameter("id", entityId)
                .executeUpdate();
        em.createQuery("update CustosSharingEntity e set e.parentId = null where e.parentId = :id")
                .setParameter("id", entityId)
                .executeUpdate();
        em.createQuery("delete from CustosShare s where s.entityId = :id")
                .setParameter("id", entityId)
                .executeUpdate();
        em.remove(entity);
    }

    @Override
    public void removeOwner(String realmId, String userId) {
        TreeLock.lock(em, realmId);
        em.createQuery(
                        "select e.id from CustosSharingEntity e where e.realmId = :realmId and e.ownerUserId = :id",
                        String.class)
                .setParameter("realmId", realmId)
                .setParameter("id", userId)
                .getResultList()
                .forEach(this::delete);
    }

    @Override
    public void removeRealm(String realmId) {
        for (String table : List.of("CustosEntityAncestor", "CustosSharingEntity")) {
            em.createQuery("delete from " + table + " t where t.realmId = :realmId")
                    .setParameter("realmId", realmId)
                    .executeUpdate();
        }
    }
}
