package org.custos.keycloak.model.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * One row of {@code CUSTOS_SHARE}: a direct grant of a permission on an entity to a user or a group (Keycloak ids).
 * The owner's grant is a row too ({@code OWNER}, cascading). Inherited access is never stored.
 */
@Entity(name = "CustosShare")
@Table(name = "CUSTOS_SHARE")
public class ShareEntity extends RealmRow {

    @Column(name = "ENTITY_ID", length = 36, nullable = false)
    private String entityId;

    @Column(name = "PERMISSION_ID", length = 255, nullable = false)
    private String permissionId;

    @Column(name = "PRINCIPAL_TYPE", length = 8, nullable = false)
    private String principalType;

    @Column(name = "PRINCIPAL_ID", length = 36, nullable = false)
    private String principalId;

    @Column(name = "CASCADING", nullable = false)
    private boolean cascading;

    @Column(name = "SHARED_BY", length = 255)
    private String sharedBy;
    /** The user id of whoever made the grant (null for grants made before 004, or by a client without a user). */
    @Column(name = "GRANTOR_ID", length = 36)
    private String grantorId;

    public String getGrantorId() {
        return grantorId;
    }

    public void setGrantorId(String grantorId) {
        this.grantorId = grantorId;
    }

    public String getEntityId() {
        return entityId;
    }

    public void setEntityId(String entityId) {
        this.entityId = entityId;
    }

    public String getPermissionId() {
        return permissionId;
    }

    public void setPermissionId(String permissionId) {
        this.permissionId = permissionId;
    }

    public String getPrincipalType() {
        return principalType;
    }

    public void setPrincipalType(String principalType) {
        this.principalType = principalType;
    }

    public String getPrincipalId() {
        return principalId;
    }

    public void setPrincipalId(String principalId) {
        this.principalId = principalId;
    }

    public boolean isCascading() {
        return cascading;
    }

    public void setCascading(boolean cascading) {
        this.cascading = cascading;
    }

    public String getSharedBy() {
        return sharedBy;
    }

    public void setSharedBy(String sharedBy) {
        this.sharedBy = sharedBy;
    }
}
