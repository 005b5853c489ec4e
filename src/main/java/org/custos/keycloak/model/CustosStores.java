package org.custos.keycloak.model;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * The stores of our own data, for one Keycloak session: how services reach them ({@link #of}). The JPA
 * implementation works inside the session's transaction; nothing above {@code model/} sees how they are stored.
 */
public interface CustosStores extends Provider {

    MembershipStore memberships();

    SecretStore secrets();

    SharingTypeStore sharingTypes();

    EntityStore entities();

    ShareStore shares();

    /**
     * Serializes changes of the realm's trees (sharing entities, groups) until the transaction ends, so that two
     * concurrent moves cannot together make a cycle: the second waits, then checks against the first's result.
     */
    void lockTrees(String realmId);

    /**
     * A Keycloak group's parent id as the database holds it now (not as a cache may), null for a top-level group:
     * what a move checks for cycles after {@link #lockTrees}.
     */
    String storedGroupParent(String realmId, String groupId);

    /**
     * Reads the realm's row from the database itself (no cache): throws when the database cannot be reached. Keycloak's
     * user searches and counts degrade to "no users" when a user store fails (its {@code UserStorageManager} logs and
     * continues, for its own JPA store too), so an answer built on them confirms storage first: an outage is never
     * answered as an empty list.
     */
    void confirmReachable(String realmId);

    static CustosStores of(KeycloakSession session) {
        return session.getProvider(CustosStores.class);
    }

    @Override
    default void close() {}
}
