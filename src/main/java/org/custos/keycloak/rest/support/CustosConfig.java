package org.custos.keycloak.rest.support;

import java.nio.file.Path;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.service.migrate.LegacySource;
import org.keycloak.Config;

/**
 * The extension's server-wide settings, read once from Keycloak's SPI configuration
 * ({@code --spi-realm-restapi-extension--custos--<option>=...} or the matching {@code KC_SPI_...} variable). The legacy
 * Custos database a migration reads ({@code legacy-db-url}, {@code -username}, {@code -password}, {@code -schemas}) is
 * the operator's choice only: no request names a database.
 */
public record CustosConfig(long maxBodyBytes, KeyRing secretKeys, long maxBundleBytes, LegacySource legacyDatabase) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** A realm's Custos data bundle, imported by an admin: 256 MiB (about a million shares). */
    public static final long DEFAULT_MAX_BUNDLE_BYTES = 256L * 1024 * 1024;

    public static CustosConfig from(Config.Scope scope) {
        long max = scope == null ? DEFAULT_MAX_BODY_BYTES : scope.getLong("max-body-bytes", DEFAULT_MAX_BODY_BYTES);
        if (max <= 0) {
            throw new IllegalArgumentException("custos max-body-bytes must be positive, was " + max);
        }
        String keyFile = scope == null ? null : scope.get("secrets-key-file");
        String keys = scope == null ? null : scope.get("secrets-keys");
        String active = scope == null ? null : scope.get("secrets-active-key");
        KeyRing ring = keyFile != null && !keyFile.isBlank()
                ? new KeyRing(Path.of(keyFile), null, null)
                : keys != null && !keys.isBlank() ? new KeyRing(null, keys, active) : KeyRing.none();
        long bundle =
                scope == null ? DEFAULT_MAX_BUNDLE_BYTES : scope.getLong("max-bundle-bytes", DEFAULT_MAX_BUNDLE_BYTES);
        if (bundle <= 0) {
            throw new IllegalArgumentException("custos max-bundle-bytes must be positive, was " + bundle);
        }
        String legacyUrl = scope == null ? null : scope.get("legacy-db-url");
        LegacySource legacy = legacyUrl == null || legacyUrl.isBlank()
                ? null
                : LegacySource.of(
                        legacyUrl,
                        scope.get("legacy-db-username"),
                        scope.get("legacy-db-password"),
                        scope.get("legacy-db-schemas"));
        return new CustosConfig(max, ring, bundle, legacy);
    }
}
