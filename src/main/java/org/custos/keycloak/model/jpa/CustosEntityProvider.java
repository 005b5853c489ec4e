package org.custos.keycloak.model.jpa;

import java.util.List;
import org.custos.keycloak.model.jpa.entity.EntityAncestorEntity;
import org.custos.keycloak.model.jpa.entity.EntityTypeEntity;
import org.custos.keycloak.model.jpa.entity.GroupMembershipEntity;
import org.custos.keycloak.model.jpa.entity.PermissionTypeEntity;
import org.custos.keycloak.model.jpa.entity.SecretEntity;
import org.custos.keycloak.model.jpa.entity.ShareEntity;
import org.custos.keycloak.model.jpa.entity.SharingEntityEntity;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds our JPA entities and their Liquibase changelog to Keycloak's persistence unit. */
public class CustosEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(
                GroupMembershipEntity.class,
                SecretEntity.class,
                EntityTypeEntity.class,
                PermissionTypeEntity.class,
                SharingEntityEntity.class,
                EntityAncestorEntity.class,
                ShareEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/custos-changelog/custos-changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return CustosEntityProviderFactory.ID;
    }

    @Override
    public void close() {}
}
