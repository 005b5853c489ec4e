package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.custos.keycloak.model.MembershipStore;
import org.custos.keycloak.model.jpa.entity.GroupMembershipEntity;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/** {@link MembershipStore} on Keycloak's own EntityManager, inside the request's transaction. */
final class JpaMembershipStore implements MembershipStore {

    private final EntityManager em;

    JpaMembershipStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private Optional<GroupMembershipEntity> find(String realmId, String groupId, String userId) {
        return em.createNamedQuery("custosMembership.one", GroupMembershipEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("groupId", groupId)
                .setParameter("userId", userId)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<String> type(String realmId, String groupId, String userId) {
        return find(realmId, groupId, userId).map(GroupMembershipEntity::getType);
    }

    @Override
    public void setType(String realmId, String groupId, String userId, String type) {
        Optional<GroupMembershipEntity> existing = find(realmId, groupId, userId);
        if (existing.isPresent()) {
            existing.get().setType(type);
            return;
        }
        create(realmId, groupId, userId, type);
    }

    @Override
    public void create(String realmId, String groupId, String userId, String type) {
        GroupMembershipEntity e = new GroupMembershipEntity();
        e.setId(KeycloakModelUtils.generateId());
        e.setRealmId(realmId);
        e.setGroupId(groupId);
        e.setUserId(userId);
        e.setType(type);
        em.persist(e);
    }

    @Override
    public void remove(String realmId, String groupId, String userId) {
        em.createNamedQuery("custosMembership.deleteOne")
                .setParameter("realmId", realmId)
                .setParameter("groupId", groupId)
                .setParameter("userId", userId)
                .executeUpdate();
    }

    @Override
    public long count(String realmId, String groupId, String type) {
        return em.createNamedQuery("custosMembership.countOfType", Long.class)
                .setParameter("realmId", realmId)
                .setParameter("groupId", groupId)
                .setParameter("type", type)
                .getSingleResult();
    }

    @Override
    public Map<String, String> types(String realmId, String groupId) {
        return em.createNamedQuery("custosMembership.ofGroup", GroupMembershipEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("groupId", groupId)
                .getResultStream()
                .collect(Collectors.toMap(GroupMembershipEntity::getUserId, GroupMembershipEntity::getType));
    }

    @Override
    public void removeUser(String realmId, String userId) {
        em.createNamedQuery("custosMembership.deleteUser")
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .executeUpdate();
    }

    @Override
    public void removeGroup(String realmId, String groupId) {
        em.createNamedQuery("custosMembership.deleteGroup")
                .setParameter("realmId", realmId)
                .setParameter("groupId", groupId)
                .executeUpdate();
    }

    @Override
    public void removeRealm(String realmId) {
        em.createNamedQuery("custosMembership.deleteRealm")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }
}
