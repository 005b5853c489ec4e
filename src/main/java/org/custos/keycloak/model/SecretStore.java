package org.custos.keycloak.model;

import java.util.List;
import java.util.Optional;
import org.custos.keycloak.crypto.SecretCipher;

/**
 * Sealed Custos secrets (SSH, PASSWORD, X509_CERTIFICATE, KV), scoped by realm id. Values are only ever sealed here.
 */
public interface SecretStore {

    /**
     * A stored secret: its metadata and its sealed value. {@code ownerUserId} binds it to the owner's Keycloak user
     * (a rename changes nothing); {@code valueWriter} says who wrote the current value ({@code user:<id>} or
     * {@code client:<clientId>}).
     */
    record StoredSecret(
            String id,
            String realmId,
            String token,
            String type,
            String ownerId,
            String ownerUserId,
            String clientId,
            String kvKey,
            String description,
            long createdAt,
            SecretCipher.Sealed sealed,
            String valueWriter) {

        /** The same value sealed anew (re-encryption): the writer stays. */
        public StoredSecret withSealed(SecretCipher.Sealed newSealed, String newDescription) {
            return withValue(newSealed, newDescription, valueWriter);
        }

        /** A new value, written by {@code writer}. */
        public StoredSecret withValue(SecretCipher.Sealed newSealed, String newDescription, String writer) {
            return new StoredSecret(
                    id,
                    realmId,
                    token,
                    type,
                    ownerId,
                    ownerUserId,
                    clientId,
                    kvKey,
                    newDescription,
                    createdAt,
                    newSealed,
                    writer);
        }
    }

    Optional<StoredSecret> byToken(String realmId, String token);

    Optional<StoredSecret> byKvKey(String realmId, String ownerUserId, String key);

    List<StoredSecret> ofOwner(String realmId, String ownerUserId);

    List<StoredSecret> ofClient(String realmId, String clientId);

    /** Secrets sealed under another key than {@code keyId}, or in the first sealing format (owners not bound). */
    List<StoredSecret> toReseal(String realmId, String keyId);

    void create(StoredSecret secret);

    /** Replaces the sealed value and description of an existing secret. */
    void update(StoredSecret secret);

    void delete(String realmId, String id);

    /**
     * One page of a realm's secrets, oldest first, narrowed by owner (Keycloak user id), type and client when these
     * are not null (what the admin console lists).
     */
    List<StoredSecret> page(String realmId, String ownerUserId, String type, String clientId, int offset, int limit);

    /** How many of the realm's secrets are sealed under each key-encryption key id. */
    java.util.Map<String, Long> countsByKey(String realmId);

    /** How many secrets {@link #toReseal} would return. */
    long countToReseal(String realmId, String keyId);

    /**
     * Until the transaction ends, no other request creates a secret for this owner: a KV key checked as free stays
     * free until this request has stored it.
     */
    void serializeOwner(String realmId, String ownerUserId);

    void removeOwnerUser(String realmId, String userId);

    void removeRealm(String realmId);
}
