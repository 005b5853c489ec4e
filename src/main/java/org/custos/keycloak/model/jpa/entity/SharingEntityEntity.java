package org.custos.keycloak.model.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One row of {@code CUSTOS_SHARING_ENTITY}: a Custos sharing entity. The owner is a Keycloak user id. */
@Entity(name = "CustosSharingEntity")
@Table(name = "CUSTOS_SHARING_ENTITY")
public class SharingEntityEntity extends NamedRow {

    @Column(name = "TYPE_ID", length = 255, nullable = false)
    private String typeId;

    @Column(name = "OWNER_USER_ID", length = 36, nullable = false)
    private String ownerUserId;

    @Column(name = "PARENT_ID", length = 36)
    private String parentId;

    @Column(name = "FULL_TEXT")
    private String fullText;

    @Column(name = "BINARY_DATA")
    private String binaryData;

    @Column(name = "ORIGINAL_CREATION_TIME", nullable = false)
    private long originalCreationTime;

    public String getTypeId() {
        return typeId;
    }

    public void setTypeId(String typeId) {
        this.typeId = typeId;
    }

    public String getOwnerUserId() {
        return ownerUserId;
    }

    public void setOwnerUserId(String ownerUserId) {
        this.ownerUserId = ownerUserId;
    }

    public String getParentId() {
        return parentId;
    }

    public void setParentId(String parentId) {
        this.parentId = parentId;
    }

    public String getFullText() {
        return fullText;
    }

    public void setFullText(String fullText) {
        this.fullText = fullText;
    }

    public String getBinaryData() {
        return binaryData;
    }

    public void setBinaryData(String binaryData) {
        this.binaryData = binaryData;
    }

    public long getOriginalCreationTime() {
        return originalCreationTime;
    }

    public void setOriginalCreationTime(long originalCreationTime) {
        this.originalCreationTime = originalCreationTime;
    }
}
