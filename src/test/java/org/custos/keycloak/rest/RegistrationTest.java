package org.custos.keycloak.rest;

import org.junit.jupiter.api.Test;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
