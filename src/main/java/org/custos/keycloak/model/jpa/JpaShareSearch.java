package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.custos.keycloak.model.ShareStore.Principal;

/** The searches of {@link JpaShareStore}: who holds a permission on an entity, and what a principal reaches. */
final class JpaShareSearch {

    /** Entity ids bound in one decision query at most (databases limit bound values). */
    private static final int CHUNK = 500;

    private final EntityManager em;
    private final JpaShareStore shares;

    JpaShareSearch(EntityManager em, JpaShareStore shares) {
        this.em = em;
        this.shares = shares;
    }

    List<String> holdingUsers(
            String realmId,
            String entityId,
            Collection<String> permissionIds,
            Collection<String> groupIds,
            boolean serviceAccounts,
            String after,
            int limit) {
        String key = serviceAccounts ? "c.clientId" : "u.username";
        TypedQuery<String> q = em.createQuery(
                "select " + key + " from UserEntity u" + (serviceAccounts ? ", ClientEntity c" : "")
                        + " where u.realmId = :realmId and "
                        + (serviceAccounts
                                ? "c.id = u.serviceAccountClientLink and c.enabled = true "
                                : "u.serviceAccountClientLink is null ")
                        // A disabled user or a deactivated agent holds nothing (auth/AccountState): no result.
                        + "and u.enabled = true "
                        + "and (u.id in (select s.principalId from CustosShare s, CustosEntityAncestor a "
                        + "where a.entityId = :entityId and" + JpaShareStore.REACHES
                        + "and s.permissionId in :permissionIds "
                        + "and s.principalType = 'USER') or u.id in (select m.user.id from "
                        + "UserGroupMembershipEntity m where m.groupId in :groupIds))"
                        + (after != null ? " and " + key + " > :after" : "") + " order by " + key,
                String.class);
        q.setParameter("realmId", realmId)
                .setParameter("entityId", entityId)
                .setParameter("permissionIds", permissionIds)
                .setParameter("groupIds", groupIds.isEmpty() ? List.of(JpaShareStore.NOBODY) : groupIds);
        if (after != null) {
            q.setParameter("after", after);
        }
        return q.setMaxResults(limit).getResultList();
    }

    /**
     * Two ways, the cheaper first. Dense: the next entities in id order (twice a page), checked with one decision
     * query — a caller that reaches much of the realm has its page there, at the cost of a page, not of all it
     * reaches. Sparse: everything the principal reaches after {@code after}, sorted — its cost follows what the
     * principal reaches, which is little when the dense window did not fill a page.
     */
    List<String> reachable(
            String realmId,
            Collection<String> permissionIds,
            Principal principal,
            String typeId,
            String after,
            int limit) {
        int window = Math.max(2 * limit, 20);
        TypedQuery<Object[]> next = em.createQuery(
                "select e.id, e.externalId from CustosSharingEntity e where e.realmId = :realmId"
                        + (typeId != null ? " and e.typeId = :typeId" : "")
                        + (after != null ? " and e.externalId > :after" : "")
                        + " order by e.externalId",
                Object[].class);
        next.setParameter("realmId", realmId);
        if (typeId != null) {
            next.setParameter("typeId", typeId);
        }
        if (after != null) {
            next.setParameter("after", after);
        }
        List<Object[]> candidates = next.setMaxResults(window).getResultList();
        List<String> ids = candidates.stream().map(r -> (String) r[0]).toList();
        Set<String> reached = new HashSet<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            shares.held(ids.subList(i, Math.min(ids.size(), i + CHUNK)), permissionIds, principal)
                    .forEach(pair -> reached.add(pair.substring(0, pair.indexOf('|'))));
        }
        List<String> found = candidates.stream()
                .filter(r -> reached.contains((String) r[0]))
                .map(r -> (String) r[1])
                .limit(limit)
                .toList();
        if (found.size() >= limit || candidates.size() < window) {
            return found;
        }
        TypedQuery<String> q = em.createQuery(
                "select distinct e.externalId from CustosShare s, CustosEntityAncestor a, "
                        + "CustosSharingEntity e where s.realmId = :realmId and s.permissionId in :permissionIds and"
                        + JpaShareStore.PRINCIPAL
                        + "and" + JpaShareStore.REACHES + "and e.id = a.entityId"
                        + (typeId != null ? " and e.typeId = :typeId" : "")
                        + (after != null ? " and e.externalId > :after" : "")
                        + " order by e.externalId",
                String.class);
        q.setParameter("realmId", realmId).setParameter("permissionIds", permissionIds);
        JpaShareStore.bind(q, principal);
        if (typeId != null) {
            q.setParameter("typeId", typeId);
        }
        if (after != null) {
            q.setParameter("after", after);
        }
        return q.setMaxResults(limit).getResultList();
    }
}
