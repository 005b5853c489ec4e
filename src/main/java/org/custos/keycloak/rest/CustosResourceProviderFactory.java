package org.custos.keycloak.rest;

import org.custos.keycloak.cleanup.CustosCleanup;
import org.custos.keycloak.rest.support.CustosConfig;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.service.bundle.BundleFiles;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers the Custos API at {@code /realms/{realm}/custos} in every realm. The id is the URL segment and so is
 * part of the public contract.
 */
public class CustosResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = RequestContext.PROVIDER_ID;

    private CustosConfig config = CustosConfig.from(null);

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new CustosResourceProvider(session, config);
    }

    /** The server-wide configuration, which the admin console's endpoints share. */
    public CustosConfig config() {
        return config;
    }

    @Override
    public void init(Config.Scope scope) {
        config = CustosConfig.from(scope);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new CustosCleanup());
        factory.register(new BundleFiles(config.secretKeys(), config.maxBundleBytes()));
    }

    @Override
    public void close() {}

    @Override
    public String getId() {
        return ID;
    }
}
