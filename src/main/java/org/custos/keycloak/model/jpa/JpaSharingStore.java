package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.custos.keycloak.model.jpa.entity.EntityAncestorEntity;
import org.custos.keycloak.model.jpa.entity.EntityTypeEntity;
import org.custos.keycloak.model.jpa.entity.PermissionTypeEntity;
import org.custos.keycloak.model.jpa.entity.ShareEntity;
import org.custos.keycloak.model.jpa.entity.SharingEntityEntity;
import org.custos.keycloak.model.jpa.entity.SharingTypeEntity;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sharing tables on Keycloak's EntityManager, inside the request's transaction. Every query is keyed by realm
 * or by an entity id that was looked up in the realm. Access is computed, never copied: a share reaches an entity
 * when it is on the entity itself, or on an ancestor and cascading; the closure table turns "is on an ancestor" into
 * one indexed join, so a check is one query whatever the depth or size of the realm.
 */
public final class JpaSharingStore {

    public static final String USER = "USER";
    public static final String GROUP = "GROUP";
    /** A principal id no Keycloak user or group has, so that an empty group list still makes valid SQL. */
    private static final String NO_GROUP = "";

    /** The join that decides access: share {@code s} reaches entity {@code a.entityId}. */
    private static final String REACHES = " s.entityId = a.ancestorId and (a.depth = 0 or s.cascading = true) ";
    private static final String PRINCIPAL = " ((s.principalType = 'USER' and s.principalId = :userId) "
            + "or (s.principalType = 'GROUP' and s.principalId in :groupIds)) ";

    private final EntityManager em;

    public JpaSharingStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    // ---------------------------------------------------------------- entity types and permission types

    public <T extends SharingTypeEntity> Optional<T> type(Class<T> kind, String realmId, String externalId) {
        return em.createQuery("select t from " + entityName(kind) + " t where t.realmId = :realmId "
                        + "and t.externalId = :externalId", kind)
                .setParameter("realmId", realmId).setParameter("externalId", externalId)
                .getResultStream().findFirst();
    }

    public <T extends SharingTypeEntity> List<T> types(Class<T> kind, String realmId) {
        return em.createQuery("select t from " + entityName(kind) + " t where t.realmId = :realmId "
                        + "order by t.externalId", kind)
                .setParameter("realmId", realmId).getResultList();
    }

    public <T extends SharingTypeEntity> T createType(T type, String realmId, String externalId, long now) {
        type.setId(KeycloakModelUtils.generateId());
        type.setRealmId(realmId);
        type.setExternalId(externalId);
        type.setCreatedAt(now);
        type.setUpdatedAt(now);
        em.persist(type);
        return type;
    }

    public void remove(Object row) {
        em.remove(row);
    }

    public boolean entityTypeInUse(String realmId, String typeId) {
        return !em.createQuery("select e.id from CustosSharingEntity e where e.realmId = :realmId and e.typeId = :typeId", String.class)
                .setParameter("realmId", realmId).setParameter("typeId", typeId).setMaxResults(1).getResultList().isEmpty();
    }

    public boolean permissionInUse(String realmId, String permissionId) {
        return !em.createQuery("select s.id from CustosShare s where s.realmId = :realmId and s.permissionId = :permissionId", String.class)
                .setParameter("realmId", realmId).setParameter("permissionId", permissionId).setMaxResults(1).getResultList().isEmpty();
    }

    private static String entityName(Class<?> kind) {
        return kind == EntityTypeEntity.class ? "CustosEntityType" : kind == PermissionTypeEntity.class
                ? "CustosPermissionType" : kind.getSimpleName();
    }

    // ---------------------------------------------------------------- entities and their tree

    public Optional<SharingEntityEntity> entity(String realmId, String externalId) {
        return em.createQuery("select e from CustosSharingEntity e where e.realmId = :realmId and e.externalId = :externalId",
                        SharingEntityEntity.class)
                .setParameter("realmId", realmId).setParameter("externalId", externalId)
                .getResultStream().findFirst();
    }

    /** Entities by internal id, for turning rows into representations (parents) in one query. */
    public Map<String, SharingEntityEntity> entitiesById(Collection<String> ids) {
        Map<String, SharingEntityEntity> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        em.createQuery("select e from CustosSharingEntity e where e.id in :ids", SharingEntityEntity.class)
                .setParameter("ids", ids).getResultList().forEach(e -> out.put(e.getId(), e));
        return out;
    }

    public List<SharingEntityEntity> entitiesByExternalIds(String realmId, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select e from CustosSharingEntity e where e.realmId = :realmId and e.externalId in :ids "
                        + "order by e.externalId", SharingEntityEntity.class)
                .setParameter("realmId", realmId).setParameter("ids", externalIds).getResultList();
    }

    /** The entity and its ancestors, nearest first (the entity itself at depth 0). */
    public List<EntityAncestorEntity> ancestors(String entityId) {
        return em.createQuery("select a from CustosEntityAncestor a where a.entityId = :id order by a.depth", EntityAncestorEntity.class)
                .setParameter("id", entityId).getResultList();
    }

    /** The entity and every entity below it (the entity itself at depth 0). */
    public List<EntityAncestorEntity> subtree(String entityId) {
        return em.createQuery("select a from CustosEntityAncestor a where a.ancestorId = :id", EntityAncestorEntity.class)
                .setParameter("id", entityId).getResultList();
    }

    public boolean isInSubtree(String candidateId, String rootId) {
        return em.find(EntityAncestorEntity.class, new EntityAncestorEntity.Key(candidateId, rootId)) != null;
    }

    /** Stores a new entity under {@code parent} (or as a root) with its closure rows. */
    public void createEntity(SharingEntityEntity entity, SharingEntityEntity parent) {
        entity.setParentId(parent == null ? null : parent.getId());
        em.persist(entity);
        em.persist(new EntityAncestorEntity(entity.getRealmId(), entity.getId(), entity.getId(), 0));
        if (parent != null) {
            for (EntityAncestorEntity a : ancestors(parent.getId())) {
                em.persist(new EntityAncestorEntity(entity.getRealmId(), entity.getId(), a.getAncestorId(), a.getDepth() + 1));
            }
        }
    }

    /**
     * Re-parents {@code entity} with everything below it. The caller has checked that {@code newParent} is not in the
     * subtree (no cycle). Links are changed by difference on managed rows — kept rows get their new depth, gone rows
     * are removed, new rows persisted — so a link that survives the move (a shared grandparent) is never deleted and
     * re-created in one persistence context.
     */
    public void move(SharingEntityEntity entity, SharingEntityEntity newParent) {
        List<EntityAncestorEntity> subtree = subtree(entity.getId());
        List<String> oldAbove = ancestors(entity.getId()).stream().filter(a -> a.getDepth() > 0)
                .map(EntityAncestorEntity::getAncestorId).toList();
        Map<String, Integer> newAbove = new HashMap<>();
        if (newParent != null) {
            ancestors(newParent.getId()).forEach(a -> newAbove.put(a.getAncestorId(), a.getDepth() + 1));
        }
        Map<String, EntityAncestorEntity> existing = new HashMap<>();
        if (!oldAbove.isEmpty()) {
            for (List<String> chunk : chunks(subtree.stream().map(EntityAncestorEntity::getEntityId).toList())) {
                em.createQuery("select a from CustosEntityAncestor a where a.entityId in :below and a.ancestorId in :above",
                                EntityAncestorEntity.class)
                        .setParameter("below", chunk).setParameter("above", oldAbove).getResultList()
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
                    em.persist(new EntityAncestorEntity(entity.getRealmId(), below.getEntityId(), above.getKey(), depth));
                }
            }
        }
        existing.values().forEach(em::remove);
        entity.setParentId(newParent == null ? null : newParent.getId());
    }

    /** Cuts the links from the subtree of {@code entity} to the entity's ancestors (not to the entity itself). */
    private void detach(SharingEntityEntity entity, List<EntityAncestorEntity> subtree) {
        List<String> above = ancestors(entity.getId()).stream().filter(a -> a.getDepth() > 0)
                .map(EntityAncestorEntity::getAncestorId).toList();
        if (above.isEmpty()) {
            return;
        }
        List<String> below = subtree.stream().map(EntityAncestorEntity::getEntityId).toList();
        for (List<String> chunk : chunks(below)) {
            em.createQuery("delete from CustosEntityAncestor a where a.entityId in :below and a.ancestorId in :above")
                    .setParameter("below", chunk).setParameter("above", above).executeUpdate();
        }
    }

    /**
     * Deletes an entity and its shares. Its children are kept and become roots: they lose what they inherited
     * through it (fail closed).
     */
    public void deleteEntity(SharingEntityEntity entity) {
        List<EntityAncestorEntity> subtree = subtree(entity.getId());
        detach(entity, subtree);
        em.createQuery("delete from CustosEntityAncestor a where a.ancestorId = :id or a.entityId = :id")
                .setParameter("id", entity.getId()).executeUpdate();
        em.createQuery("update CustosSharingEntity e set e.parentId = null where e.parentId = :id")
                .setParameter("id", entity.getId()).executeUpdate();
        em.createQuery("delete from CustosShare s where s.entityId = :id").setParameter("id", entity.getId()).executeUpdate();
        em.remove(entity);
    }

    // ---------------------------------------------------------------- shares

    public Optional<ShareEntity> share(String entityId, String permissionId, String principalType, String principalId) {
        return em.createQuery("select s from CustosShare s where s.entityId = :entityId and s.permissionId = :permissionId "
                        + "and s.principalType = :type and s.principalId = :principalId", ShareEntity.class)
                .setParameter("entityId", entityId).setParameter("permissionId", permissionId)
                .setParameter("type", principalType).setParameter("principalId", principalId)
                .getResultStream().findFirst();
    }

    /**
     * Grants a permission. Granting never takes access away: sharing again keeps an earlier {@code cascade=true}
     * (only a revoke removes it). {@code takeOver}: the new grantor (an owner or admin) becomes the grant's maker, so
     * a holder who made it first can no longer revoke it.
     */
    public void grant(String realmId, String entityId, String permissionId, String principalType, String principalId,
                      boolean cascading, String sharedBy, String grantorId, boolean takeOver, long now) {
        Optional<ShareEntity> existing = share(entityId, permissionId, principalType, principalId);
        if (existing.isPresent()) {
            ShareEntity s = existing.get();
            if (takeOver) {
                s.setGrantorId(grantorId);
            }
            s.setCascading(s.isCascading() || cascading);
            s.setUpdatedAt(now);
            return;
        }
        ShareEntity s = new ShareEntity();
        s.setId(KeycloakModelUtils.generateId());
        s.setRealmId(realmId);
        s.setEntityId(entityId);
        s.setPermissionId(permissionId);
        s.setPrincipalType(principalType);
        s.setPrincipalId(principalId);
        s.setCascading(cascading);
        s.setSharedBy(sharedBy);
        s.setGrantorId(grantorId);
        s.setCreatedAt(now);
        s.setUpdatedAt(now);
        em.persist(s);
    }

    /**
     * Whether the user (or one of their groups) holds {@code permissionId} on the entity through a cascading share —
     * on the entity itself or on an ancestor — so that it may pass the permission on with cascade.
     */
    public boolean holdsCascading(String entityId, String permissionId, String userId, Collection<String> groupIds) {
        TypedQuery<Long> q = em.createQuery("select count(s) from CustosShare s, CustosEntityAncestor a "
                + "where a.entityId = :entityId and s.entityId = a.ancestorId and s.cascading = true "
                + "and s.permissionId = :permissionId and" + PRINCIPAL, Long.class);
        q.setParameter("entityId", entityId).setParameter("permissionId", permissionId);
        principal(q, userId, groupIds);
        return q.getSingleResult() > 0;
    }

    public int revoke(String entityId, String permissionId, String principalType, String principalId) {
        return em.createQuery("delete from CustosShare s where s.entityId = :entityId and s.permissionId = :permissionId "
                        + "and s.principalType = :type and s.principalId = :principalId")
                .setParameter("entityId", entityId).setParameter("permissionId", permissionId)
                .setParameter("type", principalType).setParameter("principalId", principalId).executeUpdate();
    }

    /** Number of direct share rows per entity (the owner's row included), for {@code shared_count}. */
    public Map<String, Integer> shareCounts(Collection<String> entityIds) {
        Map<String, Integer> out = new HashMap<>();
        if (entityIds.isEmpty()) {
            return out;
        }
        for (Object[] row : em.createQuery("select s.entityId, count(s) from CustosShare s where s.entityId in :ids "
                        + "group by s.entityId", Object[].class)
                .setParameter("ids", entityIds).getResultList()) {
            out.put((String) row[0], ((Number) row[1]).intValue());
        }
        return out;
    }

    /**
     * The principals of one type holding exactly {@code permissionId} on the entity: on the entity itself, and —
     * unless {@code directOnly} — through a cascading share on an ancestor.
     */
    public List<String> holders(String entityId, String permissionId, String principalType, boolean directOnly) {
        return em.createQuery("select distinct s.principalId from CustosShare s, CustosEntityAncestor a "
                        + "where a.entityId = :entityId and" + REACHES + (directOnly ? "and a.depth = 0 " : "")
                        + "and s.permissionId = :permissionId and s.principalType = :type order by s.principalId", String.class)
                .setParameter("entityId", entityId).setParameter("permissionId", permissionId)
                .setParameter("type", principalType).getResultList();
    }

    /** Every share that reaches the entity (or only those on it), nearest first, with the depth it comes from. */
    public List<Object[]> sharesReaching(String entityId, boolean directOnly) {
        return em.createQuery("select s, a.depth from CustosShare s, CustosEntityAncestor a where a.entityId = :entityId and"
                        + REACHES + (directOnly ? "and a.depth = 0 " : "")
                        + "order by a.depth, s.principalType, s.principalId, s.permissionId", Object[].class)
                .setParameter("entityId", entityId).getResultList();
    }

    /** Every share of the realm on the entities of one page (for the realm-wide {@code GET /share}). */
    public List<ShareEntity> sharesOn(Collection<String> entityIds) {
        if (entityIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select s from CustosShare s where s.entityId in :ids "
                        + "order by s.entityId, s.principalType, s.principalId, s.permissionId", ShareEntity.class)
                .setParameter("ids", entityIds).getResultList();
    }

    /**
     * The check, for many entities and permissions at once: which (entity id, permission id) pairs does the user
     * hold, directly or through one of {@code groupIds}, on the entity or by a cascading share on an ancestor?
     * One indexed query.
     */
    public Set<String> held(Collection<String> entityIds, Collection<String> permissionIds, String userId,
                            Collection<String> groupIds) {
        Set<String> out = new HashSet<>();
        if (entityIds.isEmpty()) {
            return out;
        }
        TypedQuery<Object[]> q = em.createQuery("select distinct a.entityId, s.permissionId from CustosShare s, CustosEntityAncestor a "
                + "where a.entityId in :entityIds and" + REACHES + "and s.permissionId in :permissionIds and" + PRINCIPAL, Object[].class);
        q.setParameter("entityIds", entityIds).setParameter("permissionIds", permissionIds);
        principal(q, userId, groupIds);
        for (Object[] row : q.getResultList()) {
            out.add(row[0] + "|" + row[1]);
        }
        return out;
    }

    /**
     * Reverse lookup: the external ids of the entities the user reaches with one of {@code permissionIds}, in id
     * order after {@code after}, at most {@code limit}.
     */
    public List<String> reachable(String realmId, Collection<String> permissionIds, String userId, Collection<String> groupIds,
                                  String typeId, String after, int limit) {
        TypedQuery<String> q = em.createQuery("select distinct e.externalId from CustosShare s, CustosEntityAncestor a, "
                + "CustosSharingEntity e where s.realmId = :realmId and s.permissionId in :permissionIds and" + PRINCIPAL
                + "and" + REACHES + "and e.id = a.entityId"
                + (typeId != null ? " and e.typeId = :typeId" : "") + (after != null ? " and e.externalId > :after" : "")
                + " order by e.externalId", String.class);
        q.setParameter("realmId", realmId).setParameter("permissionIds", permissionIds);
        principal(q, userId, groupIds);
        if (typeId != null) {
            q.setParameter("typeId", typeId);
        }
        if (after != null) {
            q.setParameter("after", after);
        }
        return q.setMaxResults(limit).getResultList();
    }

    static void principal(TypedQuery<?> q, String userId, Collection<String> groupIds) {
        q.setParameter("userId", userId == null ? NO_GROUP : userId)
                .setParameter("groupIds", groupIds.isEmpty() ? List.of(NO_GROUP) : groupIds);
    }

    /** The JPQL condition "the principal reaches {@code e}" for searches; parameters as {@link #principal}. */
    public static String visibleTo(String permissionsParam) {
        return " e.id in (select a.entityId from CustosShare s, CustosEntityAncestor a where" + REACHES + "and" + PRINCIPAL
                + (permissionsParam != null ? "and s.permissionId in :" + permissionsParam : "") + ") ";
    }

    public static void bindPrincipal(TypedQuery<?> q, String userId, Collection<String> groupIds) {
        principal(q, userId, groupIds);
    }

    public EntityManager entityManager() {
        return em;
    }

    // ---------------------------------------------------------------- cleanup

    /** A removed user: their shares go, and so do the entities they own (with those entities' shares). */
    public void removeUser(String realmId, String userId) {
        em.createQuery("delete from CustosShare s where s.realmId = :realmId and s.principalType = 'USER' and s.principalId = :id")
                .setParameter("realmId", realmId).setParameter("id", userId).executeUpdate();
        for (SharingEntityEntity owned : em.createQuery("select e from CustosSharingEntity e where e.realmId = :realmId "
                + "and e.ownerUserId = :id", SharingEntityEntity.class)
                .setParameter("realmId", realmId).setParameter("id", userId).getResultList()) {
            deleteEntity(owned);
        }
    }

    public void removeGroup(String realmId, String groupId) {
        em.createQuery("delete from CustosShare s where s.realmId = :realmId and s.principalType = 'GROUP' and s.principalId = :id")
                .setParameter("realmId", realmId).setParameter("id", groupId).executeUpdate();
    }

    public void removeRealm(String realmId) {
        for (String table : List.of("CustosShare", "CustosEntityAncestor", "CustosSharingEntity", "CustosEntityType",
                "CustosPermissionType")) {
            em.createQuery("delete from " + table + " t where t.realmId = :realmId").setParameter("realmId", realmId).executeUpdate();
        }
    }

    private static List<List<String>> chunks(List<String> all) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 1000) {
            out.add(all.subList(i, Math.min(all.size(), i + 1000)));
        }
        return out;
    }
}
