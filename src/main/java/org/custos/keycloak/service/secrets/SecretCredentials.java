package org.custos.keycloak.service.secrets;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.SecretRules;
import org.custos.keycloak.crypto.KeyMaterial;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.custos.keycloak.representation.secrets.SecretViews;
import org.keycloak.models.KeycloakSession;

/**
 * The credentials of the resource-secret service, one kind at a time — SSH key pairs and certificates supplied or
 * generated here, passwords, KV values — on top of {@link SecretService}, which decides who may do what and seals
 * every value. Answers in Custos's shapes; a value leaves only through a read of its own.
 */
public final class SecretCredentials {

    static final Duration GENERATED_CERTIFICATE_VALIDITY = Duration.ofDays(365);

    private final SecretService secrets;
    private final String realmName;
    private final Caller caller;

    /** {@code rules}: the caller's secret rules, from the resource ({@code auth().secrets()}). */
    public SecretCredentials(KeycloakSession session, SecretRules rules, KeyRing keys) {
        this.secrets = new SecretService(session, rules, keys);
        this.realmName = session.getContext().getRealm().getName();
        this.caller = rules.caller();
    }

    private SecretViews.Metadata metadata(StoredSecret secret) {
        return SecretRepresentations.metadata(secret, realmName);
    }

    /** Stores a supplied key pair, or generates one (with the given passphrase, if any). */
    public String createSsh(SecretViews.SshRequest body) {
        Map<String, String> value = new HashMap<>();
        if (body.publicKey() != null && !body.publicKey().isBlank()) {
            if (body.privateKey() == null || body.privateKey().isBlank()) {
                throw CustosException.invalidField("private_key", "is required with a supplied public_key");
            }
            value.put("public_key", body.publicKey());
            value.put("private_key", body.privateKey());
            value.put("passphrase", body.passphrase() == null ? "" : body.passphrase());
        } else {
            KeyMaterial.SshKeyPair pair = KeyMaterial.generateSsh(
                    body.passphrase(),
                    body.metadata() == null ? null : body.metadata().ownerId());
            value.put("public_key", pair.publicKey());
            value.put("private_key", pair.privateKey());
            value.put("passphrase", pair.passphrase());
        }
        return secrets.create("SSH", body.metadata(), value, null);
    }

    public SecretViews.SshCredential ssh(String token) {
        SecretService.Opened s = secrets.read("SSH", token);
        return new SecretViews.SshCredential(
                metadata(s.secret()),
                s.value().get("passphrase"),
                s.value().get("public_key"),
                s.value().get("private_key"));
    }

    public String createPassword(SecretViews.PasswordRequest body) {
        String password = body.givenPassword();
        if (password == null || password.isEmpty()) {
            throw CustosException.invalidField("password", "is required");
        }
        return secrets.create("PASSWORD", body.metadata(), Map.of("password", password), null);
    }

    public SecretViews.PasswordCredential password(String token) {
        SecretService.Opened s = secrets.read("PASSWORD", token);
        return new SecretViews.PasswordCredential(
                metadata(s.secret()), s.value().get("password"));
    }

    /** Stores a supplied PEM certificate, or generates a self-signed one with its private key when none is given. */
    public String createCertificate(SecretViews.CertificateRequest body) {
        Map<String, String> value = new HashMap<>();
        if (body.x509Cert() != null && !body.x509Cert().isBlank()) {
            if (KeyMaterial.parseCertificate(body.x509Cert()) == null) {
                throw CustosException.invalidField("x509_cert", "is not a PEM X.509 certificate");
            }
            value.put("x509_cert", body.x509Cert());
            value.put("private_key", body.privateKey() == null ? "" : body.privateKey());
        } else {
            var user = caller.user();
            String owner = body.metadata() != null && body.metadata().ownerId() != null
                    ? body.metadata().ownerId()
                    : user != null ? user.getUsername() : "custos";
            KeyMaterial.Certificate generated = KeyMaterial.generateCertificate(owner, GENERATED_CERTIFICATE_VALIDITY);
            value.put("x509_cert", generated.certificatePem());
            value.put("private_key", generated.privateKeyPem());
        }
        return secrets.create("X509_CERTIFICATE", body.metadata(), value, null);
    }

    public SecretViews.CertificateCredential certificate(String token) {
        SecretService.Opened s = secrets.read("X509_CERTIFICATE", token);
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

    public void delete(String type, String token) {
        secrets.delete(type, token);
    }

    public List<SecretViews.Metadata> summaries(List<String> tokens) {
        return secrets.summaries(tokens).stream().map(this::metadata).toList();
    }

    public void setKv(SecretViews.KvRequest body) {
        if (body.key() == null || body.key().isBlank()) {
            throw CustosException.invalidField("key", "is required");
        }
        if (body.value() == null) {
            throw CustosException.invalidField("value", "is required");
        }
        secrets.create("KV", body.metadata(), Map.of("value", body.value()), body.key());
    }

    public SecretViews.KvCredential kv(String ownerHint, String key, String token) {
        StoredSecret secret = secrets.requireKv(ownerHint, key, token);
        SecretService.Opened s = secrets.read("KV", secret.token());
        return new SecretViews.KvCredential(secret.kvKey(), s.value().get("value"), secret.token(), metadata(secret));
    }

    public void updateKv(SecretViews.KvRequest body) {
        if (body.value() == null) {
            throw CustosException.invalidField("value", "is required");
        }
        StoredSecret secret = secrets.requireKv(
                body.metadata() == null ? null : body.metadata().ownerId(), body.key(), body.token());
        secrets.update(
                secret,
                Map.of("value", body.value()),
                body.metadata() == null ? null : body.metadata().description());
    }

    public void deleteKv(String ownerHint, String key, String token) {
        secrets.delete("KV", secrets.requireKv(ownerHint, key, token).token());
    }

    /** Re-seals every secret of the realm under the active key (after a key rotation). */
    public SecretViews.ReEncrypted reEncrypt() {
        int moved = secrets.reEncrypt();
        return new SecretViews.ReEncrypted(moved, secrets.activeKey());
    }
}
