package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.List;
import org.custos.keycloak.model.ShareStore.Principal;

/** The searches of {@link JpaShareStore}: who holds a permission on an entity, and what a principal reaches. */
final class JpaShareSearch {

    private final EntityManager em;

    JpaShareSearch(EntityManager em) {
        this.em = em;
    }

    /**
     * Who holds one of the permissions on the entity — a user (or an enabled client's service account) with a share
     * that reaches it, or a member of one of {@code groupIds} — by username (client id), after {@code after}: read in
     * windows of the next users, each tested where it is read ({@link KeysetWindows}), so a page costs about a page
     * however many hold it; only if the windows find few does one query read the holders directly.
     */
    List<String> holdingUsers(
            String realmId,
            String entityId,
            Collection<String> permissionIds,
            Collection<String> groupIds,
            boolean serviceAccounts,
            String after,
            int limit) {
        return KeysetWindows.page(
                after,
                limit,
                (from, size) -> users(realmId, entityId, permissionIds, groupIds, serviceAccounts, from, size),
                (from, n) -> holders(realmId, entityId, permissionIds, groupIds, serviceAccounts, from, n));
    }

    /** The users a search over holders reads, ordered by {@code key}, after {@code :after} when {@code after}. */
    private static String users(boolean serviceAccounts, String key, boolean after) {
        return " from UserEntity u" + (serviceAccounts ? ", ClientEntity c" : "")
                + " where u.realmId = :realmId and "
                + (serviceAccounts
                        ? "c.id = u.serviceAccountClientLink and c.enabled = true "
                        : "u.serviceAccountClientLink is null ")
                // A disabled user or a deactivated agent holds nothing (auth/AccountState): no result.
                + "and u.enabled = true"
                + (after ? " and " + key + " > :after" : "");
    }

    private static final String SHARED_TO_USER = "select count(s) from CustosShare s, CustosEntityAncestor a"
            + " where a.entityId = :entityId and" + JpaShareStore.REACHES
            + "and s.permissionId in :permissionIds and s.principalType = 'USER' and s.principalId = u.id";

    private static final String IN_GROUPS =
            "select count(m.groupId) from UserGroupMembershipEntity m where m.user.id = u.id"
                    + " and m.groupId in :groupIds";

    /** The next {@code size} users, each tested by correlated counts in the select list (as {@link #window}). */
    private List<KeysetWindows.Key> users(
            String realmId,
            String entityId,
            Collection<String> permissionIds,
            Collection<String> groupIds,
            boolean serviceAccounts,
            String after,
            int size) {
        String key = serviceAccounts ? "c.clientId" : "u.username";
        TypedQuery<Object[]> q = em.createQuery(
                "select " + key + ", (" + SHARED_TO_USER + "), (" + IN_GROUPS + ")"
                        + users(serviceAccounts, key, after != null) + " order by " + key,
                Object[].class);
        bindHolders(q, realmId, entityId, permissionIds, groupIds, after);
        return q.setMaxResults(size).getResultList().stream()
                .map(r -> new KeysetWindows.Key(
                        (String) r[0], ((Number) r[1]).longValue() + ((Number) r[2]).longValue() > 0))
                .toList();
    }

    /** The holders after {@code after}, from the shares and memberships: for when few hold it. */
    private List<String> holders(
            String realmId,
            String entityId,
            Collection<String> permissionIds,
            Collection<String> groupIds,
            boolean serviceAccounts,
            String after,
            int limit) {
        String key = serviceAccounts ? "c.clientId" : "u.username";
        TypedQuery<String> q = em.createQuery(
                "select " + key + users(serviceAccounts, key, after != null)
                        + " and (u.id in (select s.principalId from CustosShare s, CustosEntityAncestor a "
                        + "where a.entityId = :entityId and" + JpaShareStore.REACHES
                        + "and s.permissionId in :permissionIds and s.principalType = 'USER')"
                        + " or u.id in (select m.user.id from UserGroupMembershipEntity m"
                        + " where m.groupId in :groupIds))"
                        + " order by " + key,
                String.class);
        bindHolders(q, realmId, entityId, permissionIds, groupIds, after);
        return q.setMaxResults(limit).getResultList();
    }

    private static void bindHolders(
            TypedQuery<?> q,
            String realmId,
            String entityId,
            Collection<String> permissionIds,
            Collection<String> groupIds,
            String after) {
        q.setParameter("realmId", realmId)
                .setParameter("entityId", entityId)
                .setParameter("permissionIds", permissionIds)
                .setParameter("groupIds", groupIds.isEmpty() ? List.of(JpaShareStore.NOBODY) : groupIds);
        if (after != null) {
            q.setParameter("after", after);
        }
    }

    /**
     * The entities of a type the principal reaches, in id order after {@code after}: read in windows of the next
     * entities, each tested where it is read ({@link KeysetWindows}), so a page costs about a page whatever the
     * principal reaches; only if the windows find few does one query read what it reaches directly.
     */
    List<String> reachable(
            String realmId,
            Collection<String> permissionIds,
            Principal principal,
            String typeId,
            String after,
            int limit) {
        return KeysetWindows.page(
                after,
                limit,
                (from, size) -> window(realmId, permissionIds, principal, typeId, from, size),
                (from, n) -> reached(realmId, permissionIds, principal, typeId, from, n));
    }

    /**
     * The next {@code size} entities, each with how many of the principal's shares reach it. The test is a correlated
     * scalar subquery in the select list, which PostgreSQL runs for each row the limit lets through (after the sort,
     * when there is one) through the ancestor and share indexes — about 40 µs a row at any size. Not {@code exists}:
     * PostgreSQL may run that as one hashed subplan over everything the principal reaches, whose cost follows the
     * reach (seen in its plan: all 3,000 entities read for a page of 100). No realm condition on the share either:
     * the share is reached through the ancestors of an entity of this realm, which are of this realm, and with one
     * PostgreSQL drove each row from every share of the principal (index on realm and principal: 70 ms a page at
     * 1,000 entities, against 3 ms without).
     */
    private List<KeysetWindows.Key> window(
            String realmId,
            Collection<String> permissionIds,
            Principal principal,
            String typeId,
            String after,
            int size) {
        TypedQuery<Object[]> q = em.createQuery(
                "select e.externalId, (select count(s) from CustosShare s, CustosEntityAncestor a"
                        + " where a.entityId = e.id and" + JpaShareStore.REACHES
                        + "and s.permissionId in :permissionIds and" + JpaShareStore.PRINCIPAL
                        + ") from CustosSharingEntity e where e.realmId = :realmId"
                        + (typeId != null ? " and e.typeId = :typeId" : "")
                        + (after != null ? " and e.externalId > :after" : "")
                        + " order by e.externalId",
                Object[].class);
        q.setParameter("realmId", realmId).setParameter("permissionIds", permissionIds);
        JpaShareStore.bind(q, principal);
        if (typeId != null) {
            q.setParameter("typeId", typeId);
        }
        if (after != null) {
            q.setParameter("after", after);
        }
        return q.setMaxResults(size).getResultList().stream()
                .map(r -> new KeysetWindows.Key((String) r[0], ((Number) r[1]).longValue() > 0))
                .toList();
    }

    /** What the principal reaches after {@code after}, from its shares: for when it reaches little. */
    private List<String> reached(
            String realmId,
            Collection<String> permissionIds,
            Principal principal,
            String typeId,
            String after,
            int limit) {
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
