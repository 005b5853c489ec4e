package org.custos.keycloak.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shares of a permission on an entity with a user or a group. Access is computed, never copied: a share reaches its
 * entity and, when cascading, every entity below it, existing or created later.
 */
public interface ShareStore {

    String USER = "USER";
    String GROUP = "GROUP";

    /** A share, with {@code depth}: 0 when on the entity asked about, n when on its n-th ancestor. */
    record Share(
            String entityId,
            String permissionId,
            String principalType,
            String principalId,
            boolean cascading,
            String sharedBy,
            String grantorId,
            int depth) {}

    /** Who a check is about: a user (may be null) and its groups with all their ancestor groups. */
    record Principal(String userId, Collection<String> groupIds) {}

    /**
     * One share that gives a principal a permission on an entity asked about: the entity ({@code externalId},
     * {@code typeId}), the share's permission and principal, and where it sits ({@code depth} 0: on the entity;
     * n: on its n-th ancestor, {@code sourceExternalId}).
     */
    record Grant(
            String externalId,
            String typeId,
            String permissionId,
            String principalType,
            String principalId,
            int depth,
            String sourceExternalId) {}

    /**
     * Until the transaction ends, no other request changes the shares of this entity (or deletes it): what this
     * request reads of them next is what it changes.
     */
    void serialize(String entityId);

    Optional<Share> share(String entityId, String permissionId, String principalType, String principalId);

    /**
     * Grants a permission; granting again never takes access away (an earlier cascade stays). {@code takeOver}: the
     * new grantor becomes the grant's maker. Grants on one entity are serialized, so concurrent identical grants
     * end in one row.
     */
    void grant(String realmId, Share share, boolean takeOver, long now);

    /**
     * Stores grants, in batches, on entities created in this transaction: none can be there yet, nor be made by
     * another request meanwhile, so nothing is looked up; each grant is in the list once.
     */
    default void createAll(String realmId, List<Share> shares, long now) {
        shares.forEach(s -> grant(realmId, s, true, now));
    }

    void revoke(String entityId, String permissionId, String principalType, String principalId);

    /** Whether the principal holds {@code permissionId} on the entity through a cascading share. */
    boolean holdsCascading(String entityId, String permissionId, Principal principal);

    /** Number of direct share rows per entity (the owner's row included). */
    Map<String, Integer> counts(Collection<String> entityIds);

    /** Principals of one type holding exactly {@code permissionId} on the entity (or only directly on it). */
    List<String> holders(String entityId, String permissionId, String principalType, boolean directOnly);

    /** Every share that reaches the entity (or only those on it), nearest first. */
    List<Share> reaching(String entityId, boolean directOnly);

    /** The check, for many entities and permissions at once: the pairs "entityId|permissionId" held. */
    Set<String> held(Collection<String> entityIds, Collection<String> permissionIds, Principal principal);

    /**
     * The decision query, for any number of questions at once: every share that reaches one of the entities (by
     * external id) with one of the permissions and is held by one of the users or groups. One query.
     */
    List<Grant> grants(
            String realmId,
            Collection<String> externalIds,
            Collection<String> permissionIds,
            Collection<String> userIds,
            Collection<String> groupIds);

    /**
     * Users holding one of the permissions on the entity, directly or as members of one of {@code groupIds} (the
     * groups holding it, with their sub-groups): usernames of people, or — {@code serviceAccounts} — the client ids
     * of clients whose service account holds it; ordered, after {@code after}, at most {@code limit}.
     */
    List<String> holdingUsers(
            String realmId,
            String entityId,
            Collection<String> permissionIds,
            Collection<String> groupIds,
            boolean serviceAccounts,
            String after,
            int limit);

    /** External ids of the entities the principal reaches with one of the permissions, after {@code after}. */
    List<String> reachable(
            String realmId,
            Collection<String> permissionIds,
            Principal principal,
            String typeId,
            String after,
            int limit);

    void removeUser(String realmId, String userId);

    void removeGroup(String realmId, String groupId);

    void removeRealm(String realmId);
}
