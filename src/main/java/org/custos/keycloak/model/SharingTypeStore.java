package org.custos.keycloak.model;

import java.util.List;
import java.util.Optional;

/** The entity types and permission types a realm defines for Custos sharing, keyed by realm id and external id. */
public interface SharingTypeStore {

    /** The two kinds of sharing type. */
    enum Kind {
        ENTITY_TYPE,
        PERMISSION_TYPE
    }

    record SharingType(String externalId, String name, String description, long createdAt, long updatedAt) {}

    Optional<SharingType> type(String realmId, Kind kind, String externalId);

    /** The realm's types of one kind, by external id. */
    List<SharingType> types(String realmId, Kind kind);

    /**
     * Until the transaction ends, no other request creates a type in this realm: a type read as absent stays absent
     * until this request has stored it, and one another request created is read as it was committed.
     */
    void serializeCreates(String realmId);

    /** Stores a new type; one with that id in the realm is a {@link org.custos.keycloak.error.DuplicateException}. */
    void create(String realmId, Kind kind, SharingType type);

    /** Replaces the name, description and update time of an existing type. */
    void update(String realmId, Kind kind, SharingType type);

    void delete(String realmId, Kind kind, String externalId);

    /** Whether an entity (entity type) or a share (permission type) uses the type. */
    boolean inUse(String realmId, Kind kind, String externalId);

    void removeRealm(String realmId);
}
