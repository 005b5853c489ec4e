package org.custos.keycloak.model;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * Declares the {@code custos-stores} SPI to Keycloak, so that {@code session.getProvider(CustosStores.class)} works.
 */
public class CustosStoresSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "custos-stores";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return CustosStores.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return CustosStoresFactory.class;
    }
}
