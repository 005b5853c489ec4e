package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.custos.keycloak.crypto.SecretCipher;
import org.custos.keycloak.model.SecretStore;
import org.custos.keycloak.model.jpa.entity.SecretEntity;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.jpa.entities.UserEntity;

/** {@link SecretStore} on Keycloak's EntityManager, inside the request's transaction. */
final class JpaSecretStore implements SecretStore {

    private final EntityManager em;

    JpaSecretStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private static StoredSecret toRecord(SecretEntity e) {
        return new StoredSecret(
                e.getId(),
                e.getRealmId(),
                e.getToken(),
                e.getType(),
                e.getOwnerId(),
                e.getOwnerUserId(),
                e.getClientId(),
                e.getKvKey(),
                e.getDescription(),
                e.getCreatedAt(),
                new SecretCipher.Sealed(e.getKeyId(), e.getWrappedKey(), e.getCiphertext()),
                e.getValueWriter());
    }

    private List<StoredSecret> list(String query, String realmId, String name, String value) {
        return em.createNamedQuery(query, SecretEntity.class)
                .setParameter("realmId", realmId)
                .setParameter(name, value)
                .getResultStream()
                .map(JpaSecretStore::toRecord)
                .toList();
    }

    @Override
    public Optional<StoredSecret> byToken(String realmId, String token) {
        return list("custosSecret.byToken", realmId, "token", token).stream().findFirst();
    }

    @Override
    public Optional<StoredSecret> byKvKey(String realmId, String ownerUserId, String key) {
        return em.createNamedQuery("custosSecret.byKvKey", SecretEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", ownerUserId)
                .setParameter("kvKey", key)
                .getResultStream()
                .map(JpaSecretStore::toRecord)
                .findFirst();
    }

    @Override
    public List<StoredSecret> ofOwner(String realmId, String ownerUserId) {
        return list("custosSecret.ofOwner", realmId, "userId", ownerUserId);
    }

    @Override
    public List<StoredSecret> ofClient(String realmId, String clientId) {
        return list("custosSecret.ofClient", realmId, "clientId", clientId);
    }

    @Override
    public List<StoredSecret> toReseal(String realmId, String keyId) {
        return list("custosSecret.toReseal", realmId, "keyId", keyId);
    }

    @Override
    public void create(StoredSecret s) {
        SecretEntity e = new SecretEntity();
        e.setId(s.id());
        e.setRealmId(s.realmId());
        e.setToken(s.token());
        e.setType(s.type());
        e.setOwnerId(s.ownerId());
        e.setOwnerUserId(s.ownerUserId());
        e.setClientId(s.clientId());
        e.setKvKey(s.kvKey());
        e.setValueWriter(s.valueWriter());
        e.setDescription(s.description());
        e.setCreatedAt(s.createdAt());
        seal(e, s.sealed());
        Rows.insert(em, e, "token", "a secret with this token exists");
    }

    @Override
    public void update(StoredSecret s) {
        SecretEntity e = em.find(SecretEntity.class, s.id());
        if (e == null || !e.getRealmId().equals(s.realmId())) {
            throw new IllegalStateException("secret vanished during the request");
        }
        e.setDescription(s.description());
        e.setValueWriter(s.valueWriter());
        seal(e, s.sealed());
        // The version read with the row is checked now: a concurrent change makes this an optimistic-lock failure
        // (409, nothing written) instead of a silent overwrite at commit.
        em.flush();
    }

    private static void seal(SecretEntity e, SecretCipher.Sealed sealed) {
        e.setKeyId(sealed.keyId());
        e.setWrappedKey(sealed.wrappedKey());
        e.setCiphertext(sealed.ciphertext());
    }

    @Override
    public void delete(String realmId, String id) {
        SecretEntity e = em.find(SecretEntity.class, id);
        if (e != null && e.getRealmId().equals(realmId)) {
            em.remove(e);
        }
    }

    @Override
    public List<StoredSecret> page(
            String realmId, String ownerUserId, String type, String clientId, int offset, int limit) {
        StringBuilder jpql = new StringBuilder("select s from CustosSecret s where s.realmId = :realmId");
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("realmId", realmId);
        for (String[] f : new String[][] {{"ownerUserId", ownerUserId}, {"type", type}, {"clientId", clientId}}) {
            if (f[1] != null) {
                jpql.append(" and s.").append(f[0]).append(" = :").append(f[0]);
                params.put(f[0], f[1]);
            }
        }
        var query = em.createQuery(jpql.append(" order by s.createdAt, s.id").toString(), SecretEntity.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(offset)
                .setMaxResults(limit)
                .getResultStream()
                .map(JpaSecretStore::toRecord)
                .toList();
    }

    @Override
    public java.util.Map<String, Long> countsByKey(String realmId) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        em.createNamedQuery("custosSecret.countsByKey", Object[].class)
                .setParameter("realmId", realmId)
                .getResultStream()
                .forEach(row -> out.put((String) row[0], ((Number) row[1]).longValue()));
        return out;
    }

    @Override
    public long countToReseal(String realmId, String keyId) {
        return em.createNamedQuery("custosSecret.countToReseal", Long.class)
                .setParameter("realmId", realmId)
                .setParameter("keyId", keyId == null ? "" : keyId)
                .getSingleResult();
    }

    @Override
    public void removeOwnerUser(String realmId, String userId) {
        em.createNamedQuery("custosSecret.deleteOwner")
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .executeUpdate();
    }

    @Override
    public void serializeOwner(String realmId, String ownerUserId) {
        // The owner's Keycloak user row (PostgreSQL: FOR NO KEY UPDATE, which blocks no insert that refers to it).
        em.find(UserEntity.class, ownerUserId, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public void removeRealm(String realmId) {
        em.createNamedQuery("custosSecret.deleteRealm")
                .setParameter("realmId", realmId)
                .executeUpdate();
    }
}
