package org.custos.keycloak.service.secrets;

import org.custos.keycloak.model.SecretStore.StoredSecret;

/**
 * A stored secret as callers see it, never its value: {@code owner} is the owner's username, {@code kvKey} the key
 * of a KV secret (else null), {@code keyId} the key-encryption key sealing it.
 */
public record Secret(
        String token,
        SecretType type,
        String owner,
        String clientId,
        String kvKey,
        String description,
        long createdAt,
        String keyId) {

    /** A stored row; one of no known type (edited by hand) is not shown, rather than failing a whole list. */
    static java.util.stream.Stream<Secret> of(StoredSecret s) {
        return SecretType.isKnown(s.type()) ? java.util.stream.Stream.of(known(s)) : java.util.stream.Stream.empty();
    }

    static Secret known(StoredSecret s) {
        return new Secret(
                s.token(),
                SecretType.valueOf(s.type()),
                s.ownerId(),
                s.clientId(),
                s.kvKey(),
                s.description(),
                s.createdAt(),
                s.sealed().keyId());
    }

    @Override
    public String toString() {
        return "Secret[" + type + "]";
    }

    /** The resource read and checked the request; a blank here is a bug of ours, not the caller's. */
    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must be given");
        }
    }

    /** What a new secret is: its owner's username, a description, and the token the caller chose (else null). */
    public record New(String owner, String description, String token) {
        public New {
            requireText(owner, "owner");
        }

        @Override
        public String toString() {
            return "Secret.New[owner=" + owner + ", token=" + (token == null ? null : "…") + "]";
        }
    }

    /** A secret and its opened value. */
    public record Opened(Secret secret, java.util.Map<String, String> value) {
        @Override
        public String toString() {
            return "Opened[" + secret.type() + "]";
        }
    }

    /** Which KV secret is meant: by its token, or by its owner's username and its key. */
    public sealed interface KvRef {
        record ByToken(String token) implements KvRef {
            public ByToken {
                requireText(token, "token");
            }

            @Override
            public String toString() {
                return "ByToken[…]";
            }
        }

        record ByKey(String owner, String key) implements KvRef {
            public ByKey {
                requireText(owner, "owner");
                requireText(key, "key");
            }
        }
    }
}
