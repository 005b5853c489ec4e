package org.custos.keycloak.service.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.SecretRules;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.crypto.SecretCipher;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.model.SecretStore;
import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.custos.keycloak.service.support.AdminEvents;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Resource secrets sealed at rest, bound to their owner's user id: storing, opening, replacing and deleting them,
 * below {@link SecretService}. Who may read, change or delete one is decided by {@link SecretRules}; to anyone else a
 * secret does not exist (404). Values never reach logs, admin events, errors or summaries.
 */
final class SealedSecrets {

    static final String RESOURCE_TYPE = "CUSTOS_SECRET";
    private static final Logger LOG = Logger.getLogger(SealedSecrets.class);
    /** The sealed value's format, a JSON object of strings: our own mapper, so nothing else's settings change it. */
    private static final ObjectMapper VALUES = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;
    private final SecretRules rules;
    private final SecretStore store;
    private final SecretCipher cipher;
    private final KeyRing keys;

    /**
     * {@code rules}: the caller's, from the resource ({@code auth().secrets()}). Which stored secrets a caller may
     * open is a filter over rows, applied here with those rules, as Keycloak's user search applies its evaluator's
     * view check; every decision is the rules' own.
     */
    SealedSecrets(KeycloakSession session, SecretRules rules, KeyRing keys) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.caller = rules.caller();
        this.rules = rules;
        this.keys = keys;
        requireConfigured(keys);
        this.store = CustosStores.of(session).secrets();
        this.cipher = new SecretCipher(keys);
    }

    /** Without a key-encryption key nothing can be sealed or opened: every secret call is 503. */
    static void requireConfigured(KeyRing keys) {
        if (!keys.isConfigured()) {
            throw new CustosException(
                    503,
                    "secrets_unavailable",
                    "secret storage is not configured on this server: "
                            + "set the custos SPI option secrets-key-file or secrets-keys (see docs/security.md)");
        }
    }

    /** Stores a new secret of {@code type} (a KV secret under {@code kvKey}) and returns its token. */
    String create(SecretType type, Secret.New spec, Map<String, String> value, String kvKey) {
        UserModel ownerUser = owner(spec.owner());
        String owner = ownerUser.getUsername();
        boolean chosen = spec.token() != null && !spec.token().isBlank();
        if (chosen) {
            rules.requireMayChooseToken();
        }
        String token = chosen ? spec.token() : SecretTokens.generate();
        if (store.byToken(realm.getId(), token).isPresent()) {
            throw CustosException.conflict("a secret with this token exists");
        }
        if (kvKey != null) {
            store.serializeOwner(realm.getId(), ownerUser.getId());
        }
        if (kvKey != null
                && store.byKvKey(realm.getId(), ownerUser.getId(), kvKey).isPresent()) {
            throw CustosException.conflict("the key '" + kvKey + "' exists for this owner: update or delete it");
        }
        String id = KeycloakModelUtils.generateId();
        StoredSecret secret = new StoredSecret(
                id,
                realm.getId(),
                token,
                type.name(),
                owner,
                ownerUser.getId(),
                caller.client().getClientId(),
                kvKey,
                spec.description(),
                System.currentTimeMillis(),
                seal(
                        new SecretCipher.Binding(
                                realm.getId(),
                                id,
                                type.name(),
                                ownerUser.getId(),
                                caller.client().getClientId(),
                                kvKey,
                                rules.writer()),
                        value),
                rules.writer());
        store.create(secret);
        event(OperationType.CREATE, secret);
        return token;
    }

    /** The secret with {@code token} and type, readable by the caller; 404 otherwise. */
    Secret.Opened read(SecretType type, String token) {
        return opened(require(type, token));
    }

    Secret.Opened opened(StoredSecret secret) {
        return new Secret.Opened(Secret.known(secret), open(secret));
    }

    void delete(SecretType type, String token) {
        remove(require(type, token));
    }

    /** Deletes a secret the caller has been allowed to delete, and records it. */
    void remove(StoredSecret secret) {
        store.delete(realm.getId(), secret.id());
        event(OperationType.DELETE, secret);
    }

    /** Replaces a secret's value (and description), sealing it anew under the active key. */
    void update(StoredSecret secret, Map<String, String> value, String description) {
        StoredSecret updated = secret.withValue(
                seal(binding(secret, rules.writer()), value),
                description != null ? description : secret.description(),
                rules.writer());
        store.update(updated);
        event(OperationType.UPDATE, updated);
    }

    /** The KV secret {@code ref} names; 404 if there is none the caller may read. */
    StoredSecret requireKv(Secret.KvRef ref) {
        if (ref instanceof Secret.KvRef.ByToken byToken) {
            return require(SecretType.KV, byToken.token());
        }
        Secret.KvRef.ByKey byKey = (Secret.KvRef.ByKey) ref;
        String key = byKey.key();
        UserModel owner = owner(byKey.owner());
        StoredSecret secret = store.byKvKey(realm.getId(), owner.getId(), key)
                .orElseThrow(() -> CustosException.notFound("no KV secret '" + key + "'"));
        if (!mayAccess(secret)) {
            throw CustosException.notFound("no KV secret '" + key + "'");
        }
        return secret;
    }

    /** Metadata only: of the listed tokens the caller may read, or — with none listed — of all the caller's secrets. */
    List<StoredSecret> summaries(List<String> tokens) {
        if (tokens != null && !tokens.isEmpty()) {
            List<StoredSecret> found = new ArrayList<>();
            for (String token : tokens) {
                store.byToken(realm.getId(), token).filter(this::mayAccess).ifPresent(found::add);
            }
            return found;
        }
        Map<String, StoredSecret> mine = new LinkedHashMap<>();
        if (caller.isUser()) {
            store.ofOwner(realm.getId(), caller.user().getId()).forEach(s -> mine.put(s.id(), s));
        }
        if (caller.presentedClientSecret()) {
            store.ofClient(realm.getId(), caller.client().getClientId()).stream()
                    .filter(this::mayAccess)
                    .forEach(s -> mine.put(s.id(), s));
        }
        return List.copyOf(mine.values());
    }

    /**
     * Re-seals every secret of the realm that is not under the active key, or was sealed before owners were bound
     * into its associated data; returns how many were moved.
     */
    int reEncrypt() {
        String active = keys.activeId();
        List<StoredSecret> old = store.toReseal(realm.getId(), active);
        for (StoredSecret secret : old) {
            store.update(
                    secret.withSealed(seal(binding(secret, secret.valueWriter()), open(secret)), secret.description()));
        }
        new AdminEvents(session, caller)
                .emit(
                        OperationType.ACTION,
                        RESOURCE_TYPE,
                        Map.of("re_encrypted", old.size(), "active_key", active),
                        "secrets",
                        "re-encrypt");
        return old.size();
    }

    String activeKey() {
        return keys.activeId();
    }

    private StoredSecret require(SecretType type, String token) {
        Optional<StoredSecret> secret = store.byToken(realm.getId(), token)
                .filter(s -> s.type().equals(type.name()))
                .filter(this::mayAccess);
        return secret.orElseThrow(() -> CustosException.notFound("no " + type + " secret with this token"));
    }

    private boolean mayAccess(StoredSecret secret) {
        return rules.mayAccess(secret);
    }

    /**
     * The owner of a new secret (or whose KV secret is meant), a user of this realm: a person acts for themselves
     * only (unless a secrets admin); a client with its credentials names the owner (Custos's {@code owner_id}).
     */
    private UserModel owner(String name) {
        rules.requireMayNameOwners(name);
        UserModel owner = session.users().getUserByUsername(realm, name);
        if (owner == null || !rules.mayKnow(owner)) {
            throw CustosException.notFound("user '" + name + "' not found");
        }
        rules.requireMayOwn(owner);
        return owner;
    }

    private SecretCipher.Sealed seal(SecretCipher.Binding binding, Map<String, String> value) {
        try {
            return cipher.seal(VALUES.writeValueAsBytes(value), binding);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a secret value", e);
        }
    }

    /** What a stored secret's value is bound to, with the writer of its value. */
    private static SecretCipher.Binding binding(StoredSecret s, String writer) {
        return new SecretCipher.Binding(
                s.realmId(), s.id(), s.type(), s.ownerUserId(), s.clientId(), s.kvKey(), writer);
    }

    private Map<String, String> open(StoredSecret secret) {
        try {
            byte[] plain = cipher.open(secret.sealed(), binding(secret, secret.valueWriter()));
            return VALUES.readValue(plain, new TypeReference<Map<String, String>>() {});
        } catch (SecretCipher.SealException e) {
            LOG.errorf("secret %s of realm %s cannot be opened: %s", secret.id(), realm.getName(), e.getMessage());
            throw new CustosException(
                    500,
                    "secret_unreadable",
                    "the stored secret cannot be decrypted; an administrator has been notified in the server log");
        } catch (IOException e) {
            throw new IllegalStateException("a stored secret is not valid JSON", e);
        }
    }

    private void event(OperationType operation, StoredSecret secret) {
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("type", secret.type());
        representation.put("owner_id", secret.ownerId());
        representation.put("client_id", secret.clientId());
        if (secret.kvKey() != null) {
            representation.put("key", secret.kvKey());
        }
        new AdminEvents(session, caller).emit(operation, RESOURCE_TYPE, representation, "secrets", secret.id());
    }
}
