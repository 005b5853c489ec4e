package org.custos.keycloak.service.secrets;

import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.SecretRules;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.model.SecretStore;
import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.custos.keycloak.service.support.Paging;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The realm's stored secrets as an administrator sees them in the admin console: summaries (never a value), paged
 * and narrowed in the database, deletion, and the key ring's state. Who may do which is {@link SecretRules}'s.
 */
public final class SecretInventory {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SecretRules rules;
    private final SecretStore store;
    private final KeyRing keys;

    /**
     * {@code rules}: the caller's; the resource asked {@code requireMayListAll}, {@code requireMayViewKeys} or {@code
     * requireMayDeleteAsAdmin}, and this class asks none.
     */
    public SecretInventory(KeycloakSession session, SecretRules rules, KeyRing keys) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.rules = rules;
        this.store = CustosStores.of(session).secrets();
        this.keys = keys;
    }

    /**
     * Summaries, oldest first; {@code owner} is a username, {@code client} an exact client id; a null narrows
     * nothing.
     */
    public List<Secret> list(String owner, SecretType type, String client, Paging paging) {
        String ownerUserId = null;
        if (owner != null) {
            UserModel user = session.users().getUserByUsername(realm, owner);
            if (user == null) {
                return List.of();
            }
            ownerUserId = user.getId();
        }
        String typeName = type == null ? null : type.name();
        return store.page(realm.getId(), ownerUserId, typeName, client, paging.offset(), paging.limit()).stream()
                .flatMap(Secret::of)
                .toList();
    }

    /** The secret of {@code token} and its owner (null when the owner is gone); 404 when there is none. */
    public Listed find(String token) {
        StoredSecret secret = store.byToken(realm.getId(), token == null ? "" : token)
                .orElseThrow(() -> CustosException.notFound("no secret with this token"));
        UserModel owner =
                secret.ownerUserId() == null ? null : session.users().getUserById(realm, secret.ownerUserId());
        return new Listed(secret, owner);
    }

    /** A secret as the inventory found it, with its owner's account (null when the owner is gone). */
    public record Listed(StoredSecret secret, UserModel owner) {
        @Override
        public String toString() {
            return "Listed[" + secret.type() + "]";
        }
    }

    /** Deletes a secret the resource allowed the caller to delete (whoever may manage its owner's account). */
    public void delete(Listed listed) {
        new SealedSecrets(session, rules, keys).remove(listed.secret());
    }

    /**
     * The active key, the keys configured, how many secrets each key seals, and how many need re-encryption (under an
     * old key, or in the first sealing format).
     */
    public KeyStatus keyStatus() {
        Map<String, Long> counts = store.countsByKey(realm.getId());
        String active = keys.isConfigured() ? keys.activeId() : null;
        // Under an old key, or sealed before owners were bound into the sealing: both need re-encryption.
        long underOld = store.countToReseal(realm.getId(), active);
        return new KeyStatus(keys.isConfigured(), active, keys.ids(), counts, underOld);
    }

    /**
     * Whether keys are configured, the active key's id, every configured key id, how many secrets each key id seals,
     * and how many need re-encryption.
     */
    public record KeyStatus(
            boolean configured, String activeKey, List<String> keys, Map<String, Long> perKey, long underOldKeys) {}
}
