package org.custos.keycloak.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.custos.keycloak.error.DuplicateException;

/**
 * {@link SharingTypeStore} in maps, with the contract of {@code JpaSharingTypeStore}: types by realm, kind and
 * external id, listed in external-id order; a type is in use while an entity (entity type) or a share (permission
 * type) of the realm names it.
 */
public final class InMemorySharingTypeStore implements SharingTypeStore {

    private final Map<String, TreeMap<String, SharingType>> types = new HashMap<>();
    private final InMemoryEntityStore entities;
    private final InMemoryShareStore shares;

    InMemorySharingTypeStore(InMemoryEntityStore entities, InMemoryShareStore shares) {
        this.entities = entities;
        this.shares = shares;
    }

    private TreeMap<String, SharingType> of(String realmId, Kind kind) {
        return types.computeIfAbsent(realmId + "|" + kind, k -> new TreeMap<>());
    }

    @Override
    public Optional<SharingType> type(String realmId, Kind kind, String externalId) {
        return Optional.ofNullable(of(realmId, kind).get(externalId));
    }

    @Override
    public List<SharingType> types(String realmId, Kind kind) {
        return List.copyOf(of(realmId, kind).values());
    }

    @Override
    public void serializeCreates(String realmId) {
        // one thread: nothing to serialize
    }

    @Override
    public void create(String realmId, Kind kind, SharingType type) {
        if (of(realmId, kind).putIfAbsent(type.externalId(), type) != null) {
            throw new DuplicateException(
                    "id",
                    (kind == Kind.ENTITY_TYPE ? "entity type '" : "permission type '") + type.externalId()
                            + "' exists");
        }
    }

    @Override
    public void update(String realmId, Kind kind, SharingType type) {
        of(realmId, kind)
                .computeIfPresent(
                        type.externalId(),
                        (id, old) -> new SharingType(
                                id, type.name(), type.description(), old.createdAt(), type.updatedAt()));
    }

    @Override
    public void delete(String realmId, Kind kind, String externalId) {
        of(realmId, kind).remove(externalId);
    }

    @Override
    public boolean inUse(String realmId, Kind kind, String externalId) {
        return kind == Kind.ENTITY_TYPE
                ? entities.all(realmId).stream().anyMatch(e -> externalId.equals(e.typeId()))
                : shares.usesPermission(realmId, externalId);
    }

    @Override
    public void removeRealm(String realmId) {
        for (Kind kind : Kind.values()) {
            types.remove(realmId + "|" + kind);
        }
    }
}
