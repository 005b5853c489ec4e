package org.custos.keycloak.model.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One row of {@code CUSTOS_SECRET}. The value is never stored in plaintext: {@code ciphertext} is AES-256-GCM under a
 * per-row data key, {@code wrappedKey} that data key under the key-encryption key {@code keyId}.
 */
@Entity(name = "CustosSecret")
@Table(name = "CUSTOS_SECRET")
@NamedQueries({
    @NamedQuery(
            name = "custosSecret.byToken",
            query = "select s from CustosSecret s where s.realmId = :realmId and s.token = :token"),
    @NamedQuery(
            name = "custosSecret.byKvKey",
            query = "select s from CustosSecret s where s.realmId = :realmId "
                    + "and s.type = 'KV' and s.ownerUserId = :userId and s.kvKey = :kvKey"),
    @NamedQuery(
            name = "custosSecret.ofOwner",
            query = "select s from CustosSecret s where s.realmId = :realmId "
                    + "and s.ownerUserId = :userId order by s.createdAt"),
    @NamedQuery(
            name = "custosSecret.ofClient",
            query = "select s from CustosSecret s where s.realmId = :realmId "
                    + "and s.clientId = :clientId order by s.createdAt"),
    @NamedQuery(
            name = "custosSecret.countsByKey",
            query = "select s.keyId, count(s) from CustosSecret s where s.realmId = :realmId group by s.keyId"),
    @NamedQuery(
            name = "custosSecret.countToReseal",
            query = "select count(s) from CustosSecret s where s.realmId = :realmId "
                    + "and (s.keyId <> :keyId or s.wrappedKey not like 'v2.%')"),
    @NamedQuery(
            name = "custosSecret.toReseal",
            query = "select s from CustosSecret s where s.realmId = :realmId "
                    + "and (s.keyId <> :keyId or s.wrappedKey not like 'v2.%')"),
    @NamedQuery(
            name = "custosSecret.deleteOwner",
            query = "delete from CustosSecret s where s.realmId = :realmId and s.ownerUserId = :userId"),
    @NamedQuery(name = "custosSecret.deleteRealm", query = "delete from CustosSecret s where s.realmId = :realmId")
})
public class SecretEntity extends RealmScoped {

    @Column(name = "TOKEN", length = 255, nullable = false)
    private String token;

    @Column(name = "SECRET_TYPE", length = 32, nullable = false)
    private String type;

    @Column(name = "OWNER_ID", length = 255, nullable = false)
    private String ownerId;

    @Column(name = "OWNER_USER_ID", length = 255)
    private String ownerUserId;

    @Column(name = "CLIENT_ID", length = 255)
    private String clientId;

    @Column(name = "KV_KEY", length = 255)
    private String kvKey;

    @Column(name = "DESCRIPTION", length = 1024)
    private String description;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "KEY_ID", length = 64, nullable = false)
    private String keyId;

    @Column(name = "WRAPPED_KEY", length = 255, nullable = false)
    private String wrappedKey;

    @Column(name = "CIPHERTEXT", nullable = false)
    private String ciphertext;
    /** Who wrote the current value: {@code user:<id>} or {@code client:<clientId>}; null for rows before 004. */
    @Column(name = "VALUE_WRITER", length = 255)
    private String valueWriter;
    /** Optimistic lock: an update of a row changed by another transaction since it was read fails. */
    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    public String getValueWriter() {
        return valueWriter;
    }

    public void setValueWriter(String valueWriter) {
        this.valueWriter = valueWriter;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public String getOwnerUserId() {
        return ownerUserId;
    }

    public void setOwnerUserId(String ownerUserId) {
        this.ownerUserId = ownerUserId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getKvKey() {
        return kvKey;
    }

    public void setKvKey(String kvKey) {
        this.kvKey = kvKey;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    public String getWrappedKey() {
        return wrappedKey;
    }

    public void setWrappedKey(String wrappedKey) {
        this.wrappedKey = wrappedKey;
    }

    public String getCiphertext() {
        return ciphertext;
    }

    public void setCiphertext(String ciphertext) {
        this.ciphertext = ciphertext;
    }
}
