package org.custos.keycloak.model;

/**
 * The sharing stores in memory, wired as the JPA ones share one database: deleting an entity deletes its shares,
 * and a type is in use while an entity or a share names it. For unit tests of the rules above {@code model/}; the
 * JPA stores themselves are proven end to end by the integration tests (SharingIT, SharingOracleIT).
 */
public final class InMemoryStores {

    private final InMemoryEntityStore entities;
    private final InMemoryShareStore shares;
    private final InMemorySharingTypeStore sharingTypes;

    public InMemoryStores() {
        this.entities = new InMemoryEntityStore();
        this.shares = new InMemoryShareStore(entities);
        entities.onDelete(shares::removeEntity);
        this.sharingTypes = new InMemorySharingTypeStore(entities, shares);
    }

    public InMemoryEntityStore entities() {
        return entities;
    }

    public InMemoryShareStore shares() {
        return shares;
    }

    public InMemorySharingTypeStore sharingTypes() {
        return sharingTypes;
    }
}
