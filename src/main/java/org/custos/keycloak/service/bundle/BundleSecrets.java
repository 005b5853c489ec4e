package org.custos.keycloak.service.bundle;

import java.util.Arrays;
import java.util.Objects;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.crypto.SecretCipher;
import org.custos.keycloak.model.SecretStore;
import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.BundleViews.Bundle;
import org.custos.keycloak.service.secrets.SecretType;
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
    /** Tokens, and owner + KV key pairs, seen in this bundle: each may come once. */
    private final java.util.Set<String> tokens = new java.util.HashSet<>();

    private final java.util.Set<String> kvKeys = new java.util.HashSet<>();

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
        if (s == null
                || s.token() == null
                || s.token().isBlank()
                || s.id() == null
                || s.type() == null
                || !SecretType.isKnown(s.type())) {
            report.problem("a secret without a token, an id or a known type");
            return;
        }
        String what = "secret " + s.token().substring(0, Math.min(8, s.token().length())) + "…";
        if (!tokens.add(s.token())) {
            report.problem(what + " comes twice");
            return;
        }
        UserModel owner = refs.user(s.owner());
        String writer = refs.writer(s.writer());
        // A value stays with the very user and writer it was sealed for: matched by id, never by a name that a
        // new account may carry (Keycloak's own export keeps ids).
        if (owner == null
                || s.owner() == null
                || !owner.getId().equals(s.owner().id())
                || refs.client(s.clientId()) == null
                || (s.writer() != null
                        && (writer == null || !writer.equals(s.writer().id())))) {
            report.problem(what + ": its owner, client or writer is not here (secrets go to the same user ids only)");
            return;
        }
        if (s.kvKey() != null && !kvKeys.add(owner.getId() + "\n" + s.kvKey())) {
            report.problem(what + ": its owner's key '" + s.kvKey() + "' comes twice");
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
        SecretCipher.Sealed sealed = new SecretCipher.Sealed(s.keyId(), s.wrappedKey(), s.ciphertext());
        if (SecretCipher.isLegacy(sealed)) {
            report.problem(what + " is sealed in the first format, which binds no owner: run secret/keys/re-encrypt "
                    + "on the exporting server and export again");
            return;
        }
        if (!keys.ids().contains(s.keyId())) {
            report.problem(what + " is sealed under key '" + s.keyId() + "', which this server's key ring lacks");
            return;
        }
        String id = KeycloakModelUtils.generateId();
        SecretCipher.Sealed resealed;
        byte[] value = null;
        try {
            value = cipher.open(
                    sealed,
                    new SecretCipher.Binding(
                            sourceRealmId,
                            s.id(),
                            s.type(),
                            s.owner().id(),
                            s.clientId(),
                            s.kvKey(),
                            s.writer() == null ? null : s.writer().id()));
            resealed = cipher.seal(
                    value,
                    new SecretCipher.Binding(
                            realm.getId(), id, s.type(), owner.getId(), s.clientId(), s.kvKey(), writer));
        } catch (SecretCipher.SealException | IllegalArgumentException e) {
            report.problem(what + " does not open: altered, or moved to another owner, client or writer");
            return;
        } finally {
            if (value != null) {
                Arrays.fill(value, (byte) 0);
            }
        }
        StoredSecret row = new StoredSecret(
                id,
                realm.getId(),
                s.token(),
                s.type(),
                s.ownerId() == null || s.ownerId().isBlank() ? owner.getUsername() : s.ownerId(),
                owner.getId(),
                s.clientId(),
                s.kvKey(),
                s.description(),
                s.createdAt() == 0 ? System.currentTimeMillis() : s.createdAt(),
                resealed,
                writer);
        report.add("secrets", () -> store.create(row));
    }
}
