package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.models.jpa.entities.RealmEntity;

/**
 * Serializes the changes of a realm's trees (sharing entities, groups) until the transaction ends: a row lock on
 * the realm's own row. Two moves that would together make a cycle cannot both pass their check; the second waits
 * and then checks against the first one's result. Moves are rare; reads never wait for this lock.
 */
final class TreeLock {

    private TreeLock() {}

    static void lock(EntityManager em, String realmId) {
        em.find(RealmEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
    }
}
