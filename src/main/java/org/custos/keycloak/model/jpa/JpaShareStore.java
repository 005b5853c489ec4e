package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.jpa.entity.ShareEntity;
import org.custos.keycloak.model.jpa.entity.SharingEntityEntity;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * {@link ShareStore} on {@code CUSTOS_SHARE} and the closure table {@code CUSTOS_ENTITY_ANCESTOR}: "is on an
 * ancestor" is one indexed join, so a check is one query whatever the depth or size of the realm.
 */
final class JpaShareStore implements ShareStore {

    /** A principal id no Keycloak user or group has, so that an empty group list still makes valid SQL. */
    static final String NOBODY = "";
    /** The join that decides access: share {@code s} reaches entity {@code a.entityId} ({@code GRANTS} in SQL). */
    static final String REACHES = " s.entityId = a.ancestorId and (a.depth = 0 or s.cascading = true) ";

    static final String PRINCIPAL = " ((s.principalType = 'USER' and s.principalId = :userId) "
            + "or (s.principalType = 'GROUP' and s.principalId in :groupIds)) ";

    /**
     * Every share that gives one of the principals one of the permissions on one of the entities, and where. The
     * tables are in Keycloak's schema ({@code db-schema}): {@code {h-schema}} names it, as JPQL does on its own.
     */
    private static final String GRANTS = "select e.EXTERNAL_ID, e.TYPE_ID, s.PERMISSION_ID, s.PRINCIPAL_TYPE, "
            + "s.PRINCIPAL_ID, a.DEPTH, src.EXTERNAL_ID from {h-schema}CUSTOS_SHARING_ENTITY e "
            + "join {h-schema}CUSTOS_ENTITY_ANCESTOR a on a.ENTITY_ID = e.ID "
            + "join {h-schema}CUSTOS_SHARE s on s.ENTITY_ID = a.ANCESTOR_ID "
            + "and (a.DEPTH = 0 or s.CASCADING = :cascading) "
            + "join {h-schema}CUSTOS_SHARING_ENTITY src on src.ID = s.ENTITY_ID "
            + "where e.REALM_ID = :realmId and e.EXTERNAL_ID in (:ids) and s.PERMISSION_ID in (:permissionIds) "
            + "and ((s.PRINCIPAL_TYPE = 'USER' and s.PRINCIPAL_ID in (:userIds)) "
            + "or (s.PRINCIPAL_TYPE = 'GROUP' and s.PRINCIPAL_ID in (:groupIds)))";

    /**
     * A subject's group ids in one SQL list at most: Oracle refuses lists of over 1,000 values (JPQL split them, SQL
     * does not). The other lists are bounded by the decision function's chunks.
     */
    static final int MAX_LIST = 900;

    private final EntityManager em;

    JpaShareStore(EntityManager em) {
        this.em = em;
    }

    static void bind(TypedQuery<?> q, Principal principal) {
        q.setParameter("userId", principal.userId() == null ? NOBODY : principal.userId())
                .setParameter("groupIds", principal.groupIds().isEmpty() ? List.of(NOBODY) : principal.groupIds());
    }

    private static Share toRecord(ShareEntity s, int depth) {
        return new Share(
                s.getEntityId(),
                s.getPermissionId(),
                s.getPrincipalType(),
                s.getPrincipalId(),
                s.isCascading(),
                s.getSharedBy(),
                s.getGrantorId(),
                depth);
    }

    private Optional<ShareEntity> row(String entityId, String permissionId, String principalType, String principalId) {
        return em
                .createQuery(
                        "select s from CustosShare s where s.entityId = :entityId and s.permissionId = :permissionId "
                                + "and s.principalType = :type and s.principalId = :principalId",
                        ShareEntity.class)
                .setParameter("entityId", entityId)
                .setParameter("permissionId", permissionId)
                .setParameter("type", principalType)
                .setParameter("principalId", principalId)
                .setMaxResults(1)
                .getResultList()
                .stream()
                .findFirst();
    }

    @Override
    public Optional<Share> share(String entityId, String permissionId, String principalType, String principalId) {
        return row(entityId, permissionId, principalType, principalId).map(s -> {
            Share share = toRecord(s, 0);
            em.detach(s); // the query flushed any change to it first; an import looks up a share per row
            return share;
        });
    }

    @Override
    public void serialize(String entityId) {
        em.find(SharingEntityEntity.class, entityId, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public void grant(String realmId, Share share, boolean takeOver, long now) {
        // Grants on one entity wait for each other here, so the look-up below sees a grant committed meanwhile.
        serialize(share.entityId());
        Optional<ShareEntity> existing =
                row(share.entityId(), share.permissionId(), share.principalType(), share.principalId());
        if (existing.isPresent()) {
            ShareEntity s = existing.get();
            if (takeOver) {
                s.setGrantorId(share.grantorId());
            }
            s.setCascading(s.isCascading() || share.cascading());
            s.setUpdatedAt(now);
            return;
        }
        em.persist(newRow(realmId, share, now));
    }

    private static ShareEntity newRow(String realmId, Share share, long now) {
        ShareEntity s = new ShareEntity();
        s.setId(KeycloakModelUtils.generateId());
        s.setRealmId(realmId);
        s.setEntityId(share.entityId());
        s.setPermissionId(share.permissionId());
        s.setPrincipalType(share.principalType());
        s.setPrincipalId(share.principalId());
        s.setCascading(share.cascading());
        s.setSharedBy(share.sharedBy());
        s.setGrantorId(share.grantorId());
        s.setCreatedAt(now);
        s.setUpdatedAt(now);
        return s;
    }

    @Override
    public void createAll(String realmId, List<Share> shares, long now) {
        List<ShareEntity> rows =
                shares.stream().map(share -> newRow(realmId, share, now)).toList();
        Rows.insertAll(em, rows, "share", "a grant of this import was made meanwhile");
    }

    @Override
    public void revoke(String entityId, String permissionId, String principalType, String principalId) {
        em.createQuery("delete from CustosShare s where s.entityId = :entityId and s.permissionId = :permissionId "
                        + "and s.principalType = :type and s.principalId = :principalId")
                .setParameter("entityId", entityId)
                .setParameter("permissionId", permissionId)
                .setParameter("type", principalType)
                .setParameter("principalId", principalId)
                .executeUpdate();
    }

    @Override
    public boolean holdsCascading(String entityId, String permissionId, Principal principal) {
        TypedQuery<Long> q = em.createQuery(
                "select count(s) from CustosShare s, CustosEntityAncestor a "
                        + "where a.entityId = :entityId and s.entityId = a.ancestorId and s.cascading = true "
                        + "and s.permissionId = :permissionId and" + PRINCIPAL,
                Long.class);
        q.setParameter("entityId", entityId).setParameter("permissionId", permissionId);
        bind(q, principal);
        return q.getSingleResult() > 0;
    }

    @Override
    public Map<String, Integer> counts(Collection<String> entityIds) {
        Map<String, Integer> out = new HashMap<>();
        if (entityIds.isEmpty()) {
            return out;
        }
        for (Object[] row : em.createQuery(
                        "select s.entityId, count(s) from CustosShare s where s.entityId in :ids "
                                + "group by s.entityId",
                        Object[].class)
                .setParameter("ids", entityIds)
                .getResultList()) {
            out.put((String) row[0], ((Number) row[1]).intValue());
        }
        return out;
    }

    @Override
    public List<String> holders(String entityId, String permissionId, String principalType, boolean directOnly) {
        return em.createQuery(
                        "select distinct s.principalId from CustosShare s, CustosEntityAncestor a "
                                + "where a.entityId = :entityId and" + REACHES + (directOnly ? "and a.depth = 0 " : "")
                                + "and s.permissionId = :permissionId and s.principalType = :type order by "
                                + "s.principalId",
                        String.class)
                .setParameter("entityId", entityId)
                .setParameter("permissionId", permissionId)
                .setParameter("type", principalType)
                .getResultList();
    }

    @Override
    public List<Share> reaching(String entityId, boolean directOnly) {
        return em.createQuery(
                        "select s, a.depth from CustosShare s, CustosEntityAncestor a where a.entityId = :entityId "
                                + "and" + REACHES + (directOnly ? "and a.depth = 0 " : "")
                                + "order by a.depth, s.principalType, s.principalId, s.permissionId",
                        Object[].class)
                .setParameter("entityId", entityId)
                .getResultStream()
                .map(row -> toRecord((ShareEntity) row[0], ((Number) row[1]).intValue()))
                .toList();
    }

    @Override
    public Set<String> held(Collection<String> entityIds, Collection<String> permissionIds, Principal principal) {
        Set<String> out = new HashSet<>();
        if (entityIds.isEmpty()) {
            return out;
        }
        TypedQuery<Object[]> q = em.createQuery(
                "select distinct a.entityId, s.permissionId from CustosShare s, "
                        + "CustosEntityAncestor a where a.entityId in :entityIds and" + REACHES
                        + "and s.permissionId in :permissionIds and" + PRINCIPAL,
                Object[].class);
        q.setParameter("entityIds", entityIds).setParameter("permissionIds", permissionIds);
        bind(q, principal);
        for (Object[] row : q.getResultList()) {
            out.add(row[0] + "|" + row[1]);
        }
        return out;
    }

    @Override
    public List<Grant> grants(
            String realmId,
            Collection<String> externalIds,
            Collection<String> permissionIds,
            Collection<String> userIds,
            Collection<String> groupIds) {
        if (externalIds.isEmpty() || permissionIds.isEmpty() || (userIds.isEmpty() && groupIds.isEmpty())) {
            return List.of();
        }
        if (groupIds.size() > MAX_LIST) { // a subject in that many groups: one query per slice of them
            List<String> groups = List.copyOf(groupIds);
            List<Grant> all = new ArrayList<>();
            for (int i = 0; i < groups.size(); i += MAX_LIST) {
                List<String> slice = groups.subList(i, Math.min(groups.size(), i + MAX_LIST));
                all.addAll(grants(realmId, externalIds, permissionIds, i == 0 ? userIds : List.of(), slice));
            }
            return all;
        }
        // SQL, not JPQL: Hibernate translates a JPQL query with list parameters again on every execution (its plan
        // cache keeps none for them), which took more of a decision's time than the database (profiled, bench/README).
        return ((List<?>) em.createNativeQuery(GRANTS)
                        .setParameter("cascading", true)
                        .setParameter("realmId", realmId)
                        .setParameter("ids", externalIds)
                        .setParameter("permissionIds", permissionIds)
                        .setParameter("userIds", userIds.isEmpty() ? List.of(NOBODY) : userIds)
                        .setParameter("groupIds", groupIds.isEmpty() ? List.of(NOBODY) : groupIds)
                        .getResultList())
                .stream()
                        .map(Object[].class::cast)
                        .map(r -> new Grant(
                                (String) r[0],
                                (String) r[1],
                                (String) r[2],
                                (String) r[3],
                                (String) r[4],
                                ((Number) r[5]).intValue(),
                                (String) r[6]))
                        .toList();
    }

    @Override
    public List<String> holdingUsers(
            String realmId,
            String entityId,
            Collection<String> permissionIds,
            Collection<String> groupIds,
            boolean serviceAccounts,
            String after,
            int limit) {
        return new JpaShareSearch(em)
                .holdingUsers(realmId, entityId, permissionIds, groupIds, serviceAccounts, after, limit);
    }

    @Override
    public List<String> reachable(
            String realmId,
            Collection<String> permissionIds,
            Principal principal,
            String typeId,
            String after,
            int limit) {
        return new JpaShareSearch(em).reachable(realmId, permissionIds, principal, typeId, after, limit);
    }

    @Override
    public void removeUser(String realmId, String userId) {
        removePrincipal(realmId, USER, userId);
    }

    @Override
    public void removeGroup(String realmId, String groupId) {
        removePrincipal(realmId, GROUP, groupId);
    }

    private void removePrincipal(String realmId, String type, String id) {
        em.createQuery("delete from CustosShare s where s.realmId = :realmId and s.principalType = :type "
                        + "and s.principalId = :id")
                .setParameter("realmId", realmId)
                .setParameter("type", type)
                .setParameter("id", id)
                .executeUpdate();
    }

    @Override
    public void removeRealm(String realmId) {
        em.createQuery("delete from CustosShare s where s.realmId = :realmId")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }
}
