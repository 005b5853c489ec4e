package org.custos.keycloak.model.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One row of {@code CUSTOS_ENTITY_ANCESTOR}, the closure of the entity tree: {@code ancestorId} is {@code entityId}
 * itself (depth 0), its parent (1), its grandparent (2), and so on.
 */
@Entity(name = "CustosEntityAncestor")
@Table(name = "CUSTOS_ENTITY_ANCESTOR")
@IdClass(EntityAncestorEntity.Key.class)
public class EntityAncestorEntity {

    @Id
    @Column(name = "ENTITY_ID", length = 36)
    private String entityId;

    @Id
    @Column(name = "ANCESTOR_ID", length = 36)
    private String ancestorId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "DEPTH", nullable = false)
    private int depth;

    public EntityAncestorEntity() {}

    public EntityAncestorEntity(String realmId, String entityId, String ancestorId, int depth) {
        this.realmId = realmId;
        this.entityId = entityId;
        this.ancestorId = ancestorId;
        this.depth = depth;
    }

    public String getEntityId() {
        return entityId;
    }

    public String getAncestorId() {
        return ancestorId;
    }

    public String getRealmId() {
        return realmId;
    }

    public int getDepth() {
        return depth;
    }

    public void setDepth(int depth) {
        this.depth = depth;
    }

    public static class Key implements Serializable {
        private String entityId;
        private String ancestorId;

        public Key() {}

        public Key(String entityId, String ancestorId) {
            this.entityId = entityId;
            this.ancestorId = ancestorId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(entityId, k.entityId)
                    && Objects.equals(ancestorId, k.ancestorId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entityId, ancestorId);
        }
    }
}
