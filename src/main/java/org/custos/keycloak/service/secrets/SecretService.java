package org.custos.keycloak.service.secrets;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.SecretRules;
import org.custos.keycloak.crypto.KeyMaterial;
import org.custos.keycloak.crypto.KeyRing;
import org.keycloak.models.KeycloakSession;

/**
 * The resource-secret service, one credential kind at a time — SSH key pairs and certificates supplied or generated
 * here, passwords, KV values — over {@link SealedSecrets}, which asks the caller's {@link SecretRules} about every
 * secret it touches and seals every value. Takes typed arguments and answers {@link Secret}s; a value leaves only
 * through a read of its own.
 */
public final class SecretService {

    static final Duration GENERATED_CERTIFICATE_VALIDITY = Duration.ofDays(365);

    private final SealedSecrets secrets;

    /** {@code rules}: the caller's secret rules, from the resource ({@code auth().secrets()}). */
    public SecretService(KeycloakSession session, SecretRules rules, KeyRing keys) {
        this.secrets = new SealedSecrets(session, rules, keys);
    }

    /** A key pair the caller supplies: both halves, and the passphrase of the private key (may be empty). */
    public record SshKeys(String publicKey, String privateKey, String passphrase) {
        @Override
        public String toString() {
            return "SshKeys[…]";
        }
    }

    /** Stores a supplied key pair. */
    public String createSsh(Secret.New spec, SshKeys supplied) {
        return secrets.create(
                SecretType.SSH,
                spec,
                Map.of(
                        "public_key", supplied.publicKey(),
                        "private_key", supplied.privateKey(),
                        "passphrase", supplied.passphrase() == null ? "" : supplied.passphrase()),
                null);
    }

    /** Generates and stores a key pair for the owner, under {@code passphrase} (a random one when empty). */
    public String generateSsh(Secret.New spec, String passphrase) {
        KeyMaterial.SshKeyPair pair = KeyMaterial.generateSsh(passphrase, spec.owner());
        return createSsh(spec, new SshKeys(pair.publicKey(), pair.privateKey(), pair.passphrase()));
    }

    public String createPassword(Secret.New spec, String password) {
        return secrets.create(SecretType.PASSWORD, spec, Map.of("password", password), null);
    }

    /** Stores a PEM certificate and its private key (may be empty). */
    public String createCertificate(Secret.New spec, String certificatePem, String privateKeyPem) {
        Map<String, String> value = new HashMap<>();
        value.put("x509_cert", certificatePem);
        value.put("private_key", privateKeyPem == null ? "" : privateKeyPem);
        return secrets.create(SecretType.X509_CERTIFICATE, spec, value, null);
    }

    /** Generates a self-signed certificate for the owner, valid for a year, and stores it with its private key. */
    public String generateCertificate(Secret.New spec) {
        KeyMaterial.Certificate generated =
                KeyMaterial.generateCertificate(spec.owner(), GENERATED_CERTIFICATE_VALIDITY);
        return createCertificate(spec, generated.certificatePem(), generated.privateKeyPem());
    }

    /** The secret of {@code type} with {@code token}, opened; 404 if there is none the caller may read. */
    public Secret.Opened read(SecretType type, String token) {
        return secrets.read(type, token);
    }

    public void delete(SecretType type, String token) {
        secrets.delete(type, token);
    }

    /** Of the listed tokens, those the caller may read; with none listed, all of the caller's. Never a value. */
    public List<Secret> summaries(List<String> tokens) {
        return secrets.summaries(tokens).stream().flatMap(Secret::of).toList();
    }

    public void setKv(Secret.New spec, String key, String value) {
        secrets.create(SecretType.KV, spec, Map.of("value", value), key);
    }

    public Secret.Opened kv(Secret.KvRef ref) {
        return secrets.opened(secrets.requireKv(ref));
    }

    /** Replaces a KV secret's value, and its description when one is given. */
    public void updateKv(Secret.KvRef ref, String value, String description) {
        secrets.update(secrets.requireKv(ref), Map.of("value", value), description);
    }

    public void deleteKv(Secret.KvRef ref) {
        secrets.remove(secrets.requireKv(ref));
    }

    /** Re-seals every secret of the realm under the active key (after a key rotation); how many were moved. */
    public int reEncrypt() {
        return secrets.reEncrypt();
    }

    public String activeKey() {
        return secrets.activeKey();
    }
}
