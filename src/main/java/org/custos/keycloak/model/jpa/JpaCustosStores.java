package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.model.CustosStoresFactory;
import org.custos.keycloak.model.EntityStore;
import org.custos.keycloak.model.MembershipStore;
import org.custos.keycloak.model.SecretStore;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.SharingTypeStore;
import org.custos.keycloak.model.StatelessFactory;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.jpa.entities.GroupEntity;

/** The stores on Keycloak's EntityManager, made once per session and only when asked for. */
public final class JpaCustosStores implements CustosStores {

    private final KeycloakSession session;
    private MembershipStore memberships;
    private SecretStore secrets;
    private SharingTypeStore sharingTypes;
    private EntityStore entities;
    private ShareStore shares;

    JpaCustosStores(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public MembershipStore memberships() {
        if (memberships == null) {
            memberships = new JpaMembershipStore(session);
        }
        return memberships;
    }

    @Override
    public SecretStore secrets() {
        if (secrets == null) {
            secrets = new JpaSecretStore(session);
        }
        return secrets;
    }

    @Override
    public SharingTypeStore sharingTypes() {
        if (sharingTypes == null) {
            sharingTypes = new JpaSharingTypeStore(em());
        }
        return sharingTypes;
    }

    @Override
    public EntityStore entities() {
        if (entities == null) {
            entities = new JpaEntityStore(em());
        }
        return entities;
    }

    @Override
    public ShareStore shares() {
        if (shares == null) {
            shares = new JpaShareStore(em());
        }
        return shares;
    }

    @Override
    public void lockTrees(String realmId) {
        TreeLock.lock(em(), realmId);
    }

    @Override
    public String storedGroupParent(String realmId, String groupId) {
        String parent = em().createQuery(
                        "select g.parentId from GroupEntity g where g.id = :id and g.realm = :realm", String.class)
                .setParameter("id", groupId)
                .setParameter("realm", realmId)
                .getResultStream()
                .findFirst()
                .orElse(null);
        return parent == null || parent.equals(GroupEntity.TOP_PARENT_ID) ? null : parent;
    }

    @Override
    public void confirmReachable(String realmId) {
        em().createQuery("select r.id from RealmEntity r where r.id = :id", String.class)
                .setParameter("id", realmId)
                .getResultList();
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Registered in {@code META-INF/services}; the only {@link CustosStoresFactory}. */
    public static final class Factory implements CustosStoresFactory, StatelessFactory<CustosStores> {

        @Override
        public CustosStores create(KeycloakSession session) {
            return new JpaCustosStores(session);
        }

        @Override
        public String getId() {
            return "jpa";
        }
    }
}
