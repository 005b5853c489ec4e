package org.custos.keycloak.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A client id and secret carried in an {@code Authorization} header: the standard {@code Basic base64(id:secret)}
 * or Custos's {@code Bearer base64(id:secret)}. The secret is never part of {@link #toString()}.
 */
public record ClientCredentials(String clientId, String secret) {

    /**
     * Decodes {@code base64(id:secret)}. Returns empty for anything else — including a JWT, whose base64url
     * segments are separated by dots that base64 never contains.
     */
    public static Optional<ClientCredentials> decode(String encoded) {
        if (encoded == null || encoded.isBlank() || encoded.indexOf('.') >= 0) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ClientCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + "]";
    }
}
