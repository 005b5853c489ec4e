package org.custos.keycloak.rest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.custos.keycloak.rest.identity.IdentityResource;
import org.junit.jupiter.api.Test;

class ServiceResourceTest {

    @Test
    void allowedMethodsAreReadFromTheResourceAnnotations() {
        assertEquals(Set.of("POST"), ServiceResource.allowedMethods(IdentityResource.class, "token"));
        assertEquals(Set.of("GET"), ServiceResource.allowedMethods(IdentityResource.class, "/user/"));
        assertEquals(Set.of("POST"), ServiceResource.allowedMethods(IdentityResource.class, "user/logout"));
        assertEquals(Set.of(), ServiceResource.allowedMethods(IdentityResource.class, "nothing-here"));
    }
}
