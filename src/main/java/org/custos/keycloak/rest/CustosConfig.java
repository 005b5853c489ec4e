package org.custos.keycloak.rest;

import org.keycloak.Config;

/**
 * The extension's server-wide settings, read once from Keycloak's SPI configuration
 * ({@code --spi-realm-restapi-extension--custos--<option>=...} or the matching {@code KC_SPI_...} variable).
 */
public record CustosConfig(long maxBodyBytes) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public static CustosConfig from(Config.Scope scope) {
        long max = scope == null ? DEFAULT_MAX_BODY_BYTES : scope.getLong("max-body-bytes", DEFAULT_MAX_BODY_BYTES);
        if (max <= 0) {
            throw new IllegalArgumentException("custos max-body-bytes must be positive, was " + max);
        }
        return new CustosConfig(max);
    }
}
