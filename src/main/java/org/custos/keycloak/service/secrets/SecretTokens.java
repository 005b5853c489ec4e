package org.custos.keycloak.service.secrets;

import org.custos.keycloak.crypto.KeyMaterial;

/** Credential tokens: 256 random bits, base64url — unguessable, unlike Custos's UUIDs (122 bits). */
public final class SecretTokens {

    private SecretTokens() {}

    public static String generate() {
        return KeyMaterial.randomToken(32);
    }
}
