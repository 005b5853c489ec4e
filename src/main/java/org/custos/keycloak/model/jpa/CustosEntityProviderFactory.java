package org.custos.keycloak.model.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Registers {@link CustosEntityProvider}. The id is frozen forever: Keycloak names our Liquibase history table
 * after it ({@code DATABASECHANGELOG_CUSTOS-ENT...}), so changing it would re-run every changeset.
 */
public class CustosEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String ID = "custos-entities";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new CustosEntityProvider();
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}

    @Override
    public String getId() {
        return ID;
    }
}
