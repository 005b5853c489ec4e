package org.custos.keycloak.model;

import org.keycloak.provider.ProviderFactory;

/** Makes the {@link CustosStores} of a session (the one implementation is on JPA). */
public interface CustosStoresFactory extends ProviderFactory<CustosStores> {}
