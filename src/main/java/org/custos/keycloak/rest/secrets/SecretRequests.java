package org.custos.keycloak.rest.secrets;

import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.crypto.KeyMaterial;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.secrets.SecretViews;
import org.custos.keycloak.service.secrets.Secret;
import org.custos.keycloak.service.secrets.SecretService;

/**
 * Resource-secret requests read into the service's typed arguments, with Custos's field names in every refusal: who
 * owns a new secret, which KV secret is meant, the token of a read or a delete.
 */
final class SecretRequests {

    private static final SecretViews.MetadataInput NO_METADATA =
            new SecretViews.MetadataInput(null, null, null, null, null);

    private SecretRequests() {}

    /**
     * A new secret's owner, description and chosen token. The {@code client_id} Custos sends must be the caller's
     * own; the owner is {@code owner_id}, or the calling person when none is named.
     */
    static Secret.New newSecret(SecretViews.MetadataInput metadata, Caller caller) {
        SecretViews.MetadataInput md = metadata == null ? NO_METADATA : metadata;
        if (md.clientId() != null
                && !md.clientId().isBlank()
                && !md.clientId().equals(caller.client().getClientId())) {
            throw CustosException.invalidField("metadata.client_id", "does not match the authenticated client");
        }
        return new Secret.New(owner(md.ownerId(), caller), md.description(), md.token());
    }

    /** A supplied key pair, or null when the server is to generate one. */
    static SecretService.SshKeys ssh(SecretViews.SshRequest body) {
        if (isBlank(body.publicKey())) {
            return null;
        }
        if (isBlank(body.privateKey())) {
            throw CustosException.invalidField("private_key", "is required with a supplied public_key");
        }
        return new SecretService.SshKeys(body.publicKey(), body.privateKey(), body.passphrase());
    }

    static String password(SecretViews.PasswordRequest body) {
        String password = body.givenPassword();
        if (password == null || password.isEmpty()) {
            throw CustosException.invalidField("password", "is required");
        }
        return password;
    }

    /** A supplied PEM certificate, or null when the server is to generate one. */
    static String certificate(SecretViews.CertificateRequest body) {
        if (isBlank(body.x509Cert())) {
            return null;
        }
        if (KeyMaterial.parseCertificate(body.x509Cert()) == null) {
            throw CustosException.invalidField("x509_cert", "is not a PEM X.509 certificate");
        }
        return body.x509Cert();
    }

    static String kvValue(SecretViews.KvRequest body) {
        if (body.value() == null) {
            throw CustosException.invalidField("value", "is required");
        }
        return body.value();
    }

    static String kvKey(SecretViews.KvRequest body) {
        if (isBlank(body.key())) {
            throw CustosException.invalidField("key", "is required");
        }
        return body.key();
    }

    /** The KV secret meant: by {@code token}, else by {@code key} of the named owner (or of the calling person). */
    static Secret.KvRef kv(String owner, String key, String token, Caller caller) {
        if (!isBlank(token)) {
            return new Secret.KvRef.ByToken(token);
        }
        if (isBlank(key)) {
            throw CustosException.invalidField("key", "is required (or give token)");
        }
        return new Secret.KvRef.ByKey(owner(owner, caller), key);
    }

    static String token(String token) {
        if (isBlank(token)) {
            throw CustosException.invalidField("token", "is required");
        }
        return token;
    }

    /** Custos's {@code owner_id}, or the calling person: a client acting alone must name the owner. */
    private static String owner(String requested, Caller caller) {
        if (!isBlank(requested)) {
            return requested;
        }
        if (caller.isUser()) {
            return caller.user().getUsername();
        }
        throw CustosException.invalidField("metadata.owner_id", "is required");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
