package org.custos.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;
import org.custos.keycloak.model.CustosStoresFactory;
import org.custos.keycloak.model.CustosStoresSpi;
import org.junit.jupiter.api.Test;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Keycloak finds our factories only through META-INF/services: each must be registered and load. */
class RegistrationTest {

    @Test
    void theCustosRealmResourceIsRegisteredUnderItsPublicId() {
        long custos = ServiceLoader.load(RealmResourceProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f instanceof CustosResourceProviderFactory)
                .peek(f -> assertEquals("custos", f.getId()))
                .count();
        assertEquals(1, custos);
    }

    @Test
    void theStoresSpiAndItsJpaFactoryAreRegistered() {
        assertEquals(
                1,
                ServiceLoader.load(org.keycloak.provider.Spi.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(s -> s instanceof CustosStoresSpi && s.getName().equals("custos-stores"))
                        .count());
        assertEquals(
                List.of("jpa"),
                ServiceLoader.load(CustosStoresFactory.class).stream()
                        .map(p -> p.get().getId())
                        .toList());
    }
}
