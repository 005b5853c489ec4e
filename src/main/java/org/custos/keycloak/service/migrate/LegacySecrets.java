package org.custos.keycloak.service.migrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.crypto.SecretCipher;
import org.custos.keycloak.model.legacy.LegacyTenant;
import org.custos.keycloak.representation.Json;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.BundleViews.Ref;
import org.custos.keycloak.service.bundle.BundleImport;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A legacy tenant's resource secrets: the metadata rows of Custos's {@code secret} table with their values from the
 * operator's Vault export ({@code resourcesecret/<tenant>/<owner>/<kind>/<id>}), each value sealed here at once for
 * this realm under the active key — the bundle holds no plaintext, and the serialised value is wiped after sealing.
 * The token stays Custos's id; the tenant's Custos client stays the storing client and the value's writer, so the
 * clients that read a secret before read it after. A secret goes only to the owner's account if it is Custos's user
 * ({@link LegacyUsers}); without a key ring nothing is sealed and the import refuses the secrets.
 */
final class LegacySecrets {

    /** Custos's secret kinds: Vault folder, this extension's type, and how Custos's value fields are named here. */
    private record Kind(String folder, String type, Map<String, String> fields) {}

    private static final Map<String, Kind> KINDS = Map.of(
            "SSH",
                    new Kind(
                            "ssh",
                            "SSH",
                            Map.of("privateKey", "private_key", "publicKey", "public_key", "passphrase", "passphrase")),
            "PASSWORD", new Kind("passwd", "PASSWORD", Map.of("password", "password")),
            "X509_CERTIFICATE",
                    new Kind(
                            "certificates",
                            "X509_CERTIFICATE",
                            Map.of("certificate", "x509_cert", "privateKey", "private_key")),
            "KV", new Kind("keyValue", "KV", Map.of("value", "value")));

    private final RealmModel realm;
    private final KeyRing keys;
    private final LegacyTenant tenant;
    private final LegacyUsers users;
    private final List<String> notes;

    LegacySecrets(RealmModel realm, KeyRing keys, LegacyTenant tenant, LegacyUsers users, List<String> notes) {
        this.realm = realm;
        this.keys = keys;
        this.tenant = tenant;
        this.users = users;
        this.notes = notes;
    }

    /** The tenant's secrets as bundle rows, sealed; {@code vault} maps a Vault path to its fields. */
    List<BundleViews.Secret> map(VaultExport vault) {
        List<BundleViews.Secret> out = new ArrayList<>();
        if (tenant.secrets().isEmpty()) {
            return out;
        }
        ClientModel client = tenant.clientId() == null ? null : realm.getClientByClientId(tenant.clientId());
        List<String> unknownKind = new ArrayList<>();
        List<String> noValue = new ArrayList<>();
        List<String> noOwner = new ArrayList<>();
        SecretCipher cipher = keys.isConfigured() ? new SecretCipher(keys) : null; // none: the import refuses them
        for (LegacyTenant.Secret s : tenant.secrets()) {
            Kind kind = s.secretType() == null ? null : KINDS.get(s.secretType());
            if (kind == null) {
                unknownKind.add(s.id() + " (" + s.secretType() + ")");
                continue;
            }
            Map<String, String> fields = vault.fields(
                    "resourcesecret/" + tenant.id() + "/" + s.owner() + "/" + kind.folder() + "/" + s.id());
            if (fields == null) {
                noValue.add(s.id());
                continue;
            }
            if (users.user(s.owner()) == null) {
                noOwner.add(s.id() + " (" + s.owner() + ")");
                continue;
            }
            out.add(sealed(s, kind, fields, client, cipher));
        }
        if (!unknownKind.isEmpty()) {
            notes.add(unknownKind.size() + " secrets are of a kind this server does not hold (Custos's credential map):"
                    + " not carried: " + LegacyShares.quote(unknownKind));
        }
        if (!noOwner.isEmpty()) {
            notes.add(noOwner.size() + " secrets belong to a user the realm does not have, or to an account that is not"
                    + " Custos's user of that name: not carried: " + LegacyShares.quote(noOwner));
        }
        if (!noValue.isEmpty()) {
            notes.add(noValue.size() + " secrets have no value in the Vault export (resourcesecret/" + tenant.id()
                    + "/<owner>/<kind>/<id>): not carried: " + LegacyShares.quote(noValue));
        }
        return out;
    }

    private BundleViews.Secret sealed(
            LegacyTenant.Secret s, Kind kind, Map<String, String> fields, ClientModel client, SecretCipher cipher) {
        UserModel owner = users.user(s.owner());
        String kvKey = "KV".equals(kind.type()) ? (s.externalId() != null ? s.externalId() : fields.get("key")) : null;
        String clientId = tenant.clientId();
        Ref writer = client == null ? null : new Ref(BundleImport.CLIENT_WRITER + client.getId(), clientId);
        String id = KeycloakModelUtils.generateId();
        SecretCipher.Sealed sealed = cipher == null // no key ring: the import refuses every secret, and says why
                ? new SecretCipher.Sealed(null, null, null)
                : seal(
                        kind,
                        fields,
                        cipher,
                        new SecretCipher.Binding(
                                realm.getId(),
                                id,
                                kind.type(),
                                owner.getId(),
                                clientId,
                                kvKey,
                                writer == null ? null : writer.id()));
        return new BundleViews.Secret(
                id,
                s.id(),
                kind.type(),
                s.owner(),
                users.ref(s.owner()),
                clientId,
                kvKey,
                s.description(),
                s.createdAt(),
                writer,
                sealed.keyId(),
                sealed.wrappedKey(),
                sealed.ciphertext());
    }

    /** Custos's fields under this server's names, sealed for {@code binding}; the serialised value is wiped. */
    private static SecretCipher.Sealed seal(
            Kind kind, Map<String, String> fields, SecretCipher cipher, SecretCipher.Binding binding) {
        Map<String, String> value = new LinkedHashMap<>();
        kind.fields().forEach((from, to) -> value.put(to, fields.getOrDefault(from, "")));
        byte[] plain = null;
        try {
            plain = Json.mapper().writeValueAsBytes(value);
            return cipher.seal(plain, binding);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a secret value could not be written as JSON", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
            value.replaceAll((k, v) -> "");
        }
    }
}
