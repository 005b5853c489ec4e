package org.custos.keycloak.model.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** A row a client names: its realm-scoped external id, a name and a description (sharing types and entities). */
@MappedSuperclass
public abstract class NamedRow extends RealmRow {

    @Column(name = "EXTERNAL_ID", length = 255, nullable = false)
    private String externalId;

    @Column(name = "NAME", length = 255)
    private String name;

    @Column(name = "DESCRIPTION")
    private String description;

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
