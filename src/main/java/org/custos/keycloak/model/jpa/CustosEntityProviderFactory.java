package org.custos.keycloak.model.jpa;

import org.custos.keycloak.model.StatelessFactory;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Registers {@link CustosEntityProvider}. The id is frozen forever: Keycloak names our Liquibase history table
 * after it ({@code DATABASECHANGELOG_CUSTOS-ENT...}), so changing it would re-run every changeset.
 */
public class CustosEntityProviderFactory implements JpaEntityProviderFactory, StatelessFactory<JpaEntityProvider> {

    public static final String ID = "custos-entities";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new CustosEntityProvider();
    }

    @Override
    public String getId() {
        return ID;
    }
}
