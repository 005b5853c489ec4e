package org.custos.keycloak.rest.secrets;

import java.security.cert.X509Certificate;
import org.custos.keycloak.crypto.KeyMaterial;
import org.custos.keycloak.representation.secrets.SecretViews;
import org.custos.keycloak.service.secrets.Secret;
import org.custos.keycloak.service.secrets.SecretType;

/** Secrets in Custos's answer shapes: {@code SecretMetadata} (never the value) and each credential kind. */
final class SecretAnswers {

    private final String realmName;

    SecretAnswers(String realmName) {
        this.realmName = realmName;
    }

    SecretViews.Metadata metadata(Secret s) {
        boolean kv = s.type() == SecretType.KV;
        return new SecretViews.Metadata(
                "TENANT_USER",
                kv ? "OTHER" : "VAULT_CREDENTIAL",
                "EXTERNAL",
                kv ? s.kvKey() : "",
                "",
                s.type().name(),
                realmName,
                s.owner(),
                String.valueOf(s.createdAt()),
                s.token(),
                s.description() == null ? "" : s.description(),
                s.clientId());
    }

    SecretViews.SshCredential ssh(Secret.Opened s) {
        return new SecretViews.SshCredential(
                metadata(s.secret()),
                s.value().get("passphrase"),
                s.value().get("public_key"),
                s.value().get("private_key"));
    }

    SecretViews.PasswordCredential password(Secret.Opened s) {
        return new SecretViews.PasswordCredential(
                metadata(s.secret()), s.value().get("password"));
    }

    /** The certificate with its validity read from the PEM (empty when a legacy value is not PEM). */
    SecretViews.CertificateCredential certificate(Secret.Opened s) {
        String pem = s.value().get("x509_cert");
        X509Certificate cert = KeyMaterial.parseCertificate(pem);
        return new SecretViews.CertificateCredential(
                metadata(s.secret()),
                pem,
                cert == null ? "" : cert.getNotAfter().toInstant().toString(),
                cert == null ? "" : cert.getNotBefore().toInstant().toString(),
                s.value().get("private_key"),
                cert == null
                        ? 0
                        : cert.getNotAfter().getTime() - cert.getNotBefore().getTime());
    }

    SecretViews.KvCredential kv(Secret.Opened s) {
        return new SecretViews.KvCredential(
                s.secret().kvKey(), s.value().get("value"), s.secret().token(), metadata(s.secret()));
    }
}
