package org.custos.keycloak.service.bundle;

import java.util.Arrays;
import java.util.Objects;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.crypto.SecretCipher;
import org.custos.keycloak.model.SecretStore;
import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.BundleViews.Bundle;
import org.custos.keycloak.service.secrets.SecretInventory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A bundle's secrets: each value is opened with this server's key ring under the binding it was sealed for (the
 * exporting realm, its row, owner, client, key and writer — a value moved to another owner or altered does not open)
 * and sealed again for the row the import writes, under the active key. A server without the key that sealed a value
 * cannot import it: the key file travels with the bundle (docs/operations.md), never the value in plain text.
 */
final class BundleSecrets {

    private final SecretStore store;
    private final BundleReferences refs;
    private final RealmModel realm;
    private final KeyRing keys;

    BundleSecrets(SecretStore store, BundleReferences refs, RealmModel realm, KeyRing keys) {
        this.store = store;
        this.refs = refs;
        this.realm = realm;
        this.keys = keys;
    }

    void plan(Bundle bundle, BundleImport report) {
        if (!bundle.secrets().isEmpty() && !keys.isConfigured()) {
            report.problem("the bundle holds " + bundle.secrets().size()
                    + " secrets and this server has no key ring (secrets-key-file)");
            return;
        }
        SecretCipher cipher = keys.isConfigured() ? new SecretCipher(keys) : null;
        for (BundleViews.Secret s : bundle.secrets()) {
            plan(bundle.realm().id(), s, cipher, report);
        }
    }

    private void plan(String sourceRealmId, BundleViews.Secret s, SecretCipher cipher, BundleImport report) {
        if (s == null || s.token() == null || s.id() == null || !SecretInventory.TYPES.contains(s.type())) {
            report.problem("a secret without a token, an id or a known type");
            return;
        }
        String what = "secret " + s.token().substring(0, Math.min(8, s.token().length())) + "…";
        UserModel owner = refs.user(s.owner());
        String writer = refs.writer(s.writer());
        if (owner == null || refs.client(s.clientId()) == null || (s.writer() != null && writer == null)) {
            report.problem(what + ": its owner, client or writer is not here");
            return;
        }
        var existing = store.byToken(realm.getId(), s.token());
        if (existing.isPresent()) {
            StoredSecret x = existing.get();
            boolean same = owner.getId().equals(x.ownerUserId())
                    && Objects.equals(x.type(), s.type())
                    && Objects.equals(x.clientId(), s.clientId())
                    && Objects.equals(x.kvKey(), s.kvKey());
            if (same) {
                report.same("secrets");
            } else {
                report.conflict(what + " is here with another owner, type, client or key");
            }
            return;
        }
        if (s.kvKey() != null
                && store.byKvKey(realm.getId(), owner.getId(), s.kvKey()).isPresent()) {
            report.conflict(what + ": its owner has the key '" + s.kvKey() + "' here already");
            return;
        }
        if (s.keyId() == null || s.wrappedKey() == null || s.ciphertext() == null) {
            report.problem(what + " comes without its sealed value");
            return;
        }
        if (keys.key(s.keyId()).isEmpty()) {
            report.problem(what + " is sealed under key '" + s.keyId() + "', which this server's key ring lacks");
            return;
        }
        byte[] value;
        try {
            value = cipher.open(
                    new SecretCipher.Sealed(s.keyId(), s.wrappedKey(), s.ciphertext()),
                    new SecretCipher.Binding(
                            sourceRealmId,
                            s.id(),
                            s.type(),
                            s.owner() == null ? null : s.owner().id(),
                            s.clientId(),
                            s.kvKey(),
                            s.writer() == null ? null : s.writer().id()));
        } catch (SecretCipher.SealException | IllegalArgumentException e) {
            report.problem(what + " does not open: altered, or moved to another owner, client or writer");
            return;
        }
        String id = KeycloakModelUtils.generateId();
        SecretCipher.Sealed sealed = cipher.seal(
                value,
                new SecretCipher.Binding(realm.getId(), id, s.type(), owner.getId(), s.clientId(), s.kvKey(), writer));
        Arrays.fill(value, (byte) 0);
        StoredSecret row = new StoredSecret(
                id,
                realm.getId(),
                s.token(),
                s.type(),
                s.ownerId(),
                owner.getId(),
                s.clientId(),
                s.kvKey(),
                s.description(),
                s.createdAt(),
                sealed,
                writer);
        report.add("secrets", () -> store.create(row));
    }
}
