package org.custos.keycloak.rest.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that answers without a caller (a realm's public keys, a discovery document): the one kind of
 * method whose first line is not its rule. The value says why it is public.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PublicEndpoint {
    String value();
}
