package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.custos.keycloak.model.SharingTypeStore;
import org.custos.keycloak.model.jpa.entity.EntityTypeEntity;
import org.custos.keycloak.model.jpa.entity.PermissionTypeEntity;
import org.custos.keycloak.model.jpa.entity.SharingTypeEntity;
import org.keycloak.models.utils.KeycloakModelUtils;

/** {@link SharingTypeStore} on the tables {@code CUSTOS_ENTITY_TYPE} and {@code CUSTOS_PERMISSION_TYPE}. */
final class JpaSharingTypeStore implements SharingTypeStore {

    private final EntityManager em;

    JpaSharingTypeStore(EntityManager em) {
        this.em = em;
    }

    private static Class<? extends SharingTypeEntity> table(Kind kind) {
        return kind == Kind.ENTITY_TYPE ? EntityTypeEntity.class : PermissionTypeEntity.class;
    }

    private static String name(Kind kind) {
        return kind == Kind.ENTITY_TYPE ? "CustosEntityType" : "CustosPermissionType";
    }

    private static SharingType toRecord(SharingTypeEntity t) {
        return new SharingType(t.getExternalId(), t.getName(), t.getDescription(), t.getCreatedAt(), t.getUpdatedAt());
    }

    private Optional<? extends SharingTypeEntity> row(String realmId, Kind kind, String externalId) {
        return em.createQuery(
                        "select t from " + name(kind) + " t where t.realmId = :realmId "
                                + "and t.externalId = :externalId",
                        table(kind))
                .setParameter("realmId", realmId)
                .setParameter("externalId", externalId)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<SharingType> type(String realmId, Kind kind, String externalId) {
        return row(realmId, kind, externalId).map(JpaSharingTypeStore::toRecord);
    }

    @Override
    public List<SharingType> types(String realmId, Kind kind) {
        return em.createQuery(
                        "select t from " + name(kind) + " t where t.realmId = :realmId order by t.externalId",
                        table(kind))
                .setParameter("realmId", realmId)
                .getResultStream()
                .map(JpaSharingTypeStore::toRecord)
                .toList();
    }

    @Override
    public void serializeCreates(String realmId) {
        TreeLock.lock(em, realmId); // type creates are rare: the realm row serves as their lock too
    }

    @Override
    public void create(String realmId, Kind kind, SharingType type) {
        SharingTypeEntity row = kind == Kind.ENTITY_TYPE ? new EntityTypeEntity() : new PermissionTypeEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setRealmId(realmId);
        row.setExternalId(type.externalId());
        row.setName(type.name());
        row.setDescription(type.description());
        row.setCreatedAt(type.createdAt());
        row.setUpdatedAt(type.updatedAt());
        Rows.insert(
                em,
                row,
                "id",
                (kind == Kind.ENTITY_TYPE ? "entity type '" : "permission type '") + type.externalId() + "' exists");
    }

    @Override
    public void update(String realmId, Kind kind, SharingType type) {
        row(realmId, kind, type.externalId()).ifPresent(row -> {
            row.setName(type.name());
            row.setDescription(type.description());
            row.setUpdatedAt(type.updatedAt());
        });
    }

    @Override
    public void delete(String realmId, Kind kind, String externalId) {
        row(realmId, kind, externalId).ifPresent(em::remove);
    }

    @Override
    public boolean inUse(String realmId, Kind kind, String externalId) {
        String query = kind == Kind.ENTITY_TYPE
                ? "select e.id from CustosSharingEntity e where e.realmId = :realmId and e.typeId = :id"
                : "select s.id from CustosShare s where s.realmId = :realmId and s.permissionId = :id";
        return !em.createQuery(query, String.class)
                .setParameter("realmId", realmId)
                .setParameter("id", externalId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public void removeRealm(String realmId) {
        for (Kind kind : Kind.values()) {
            em.createQuery("delete from " + name(kind) + " t where t.realmId = :realmId")
                    .setParameter("realmId", realmId)
                    .executeUpdate();
        }
    }
}
