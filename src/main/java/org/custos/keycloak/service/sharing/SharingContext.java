package org.custos.keycloak.service.sharing;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.auth.AccountState;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.SharingAccess;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.SharingTypeStore;
import org.custos.keycloak.service.support.AdminEvents;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What every sharing operation of one request shares: the realm, the authenticated caller and its standing
 * (sharing admin, viewer, or acting for itself), the stores, and look-ups that answer 404 the same way everywhere.
 * The rules themselves are in {@link SharingDecisions} and the operation classes.
 */
final class SharingContext {

    static final String OWNER = "OWNER";
    static final String SECRET = "SECRET";

    final KeycloakSession session;
    final RealmModel realm;
    final SharingAccess access;
    final Caller caller;
    final CustosStores stores;
    private final Map<String, String> usernames = new HashMap<>();

    SharingContext(KeycloakSession session, SharingAccess access) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.access = access;
        this.caller = access.caller();
        this.stores = CustosStores.of(session);
    }

    boolean isAdmin() {
        return access.isAdmin();
    }

    boolean isViewer() {
        return access.isViewer();
    }

    /** The acting user for permission checks: the person, or the client's service account (null if none). */
    UserModel actor() {
        return caller.userIn(realm);
    }

    boolean isActor(String userId) {
        return actor() != null && actor().getId().equals(userId);
    }

    /** Who a check is about: the user with its groups and all their ancestors (a group share reaches sub-groups). */
    static ShareStore.Principal principal(RealmModel realm, UserModel user) {
        if (!AccountState.isActive(realm, user)) {
            return new ShareStore.Principal(null, Set.of()); // holds nothing while disabled
        }
        Set<String> ids = new LinkedHashSet<>();
        user.getGroupsStream().forEach(g -> {
            for (GroupModel x = g; x != null && ids.add(x.getId()); x = x.getParent()) {
                // walk up until a group already seen
            }
        });
        return new ShareStore.Principal(user.getId(), ids);
    }

    /** An entity of the realm by its external id; 404 if there is none. */
    SharingEntity entity(String externalId, String field) {
        String id = SharingFields.required(externalId, field);
        return stores.entities()
                .entity(realm.getId(), id)
                .orElseThrow(() -> CustosException.notFound("entity '" + id + "' not found"));
    }

    /** A permission type that exists (OWNER included); 404 otherwise. */
    String permission(String id, String field) {
        String key = SharingFields.required(id, field);
        if (!OWNER.equals(key)
                && stores.sharingTypes()
                        .type(realm.getId(), SharingTypeStore.Kind.PERMISSION_TYPE, key)
                        .isEmpty()) {
            throw CustosException.notFound("permission type '" + key + "' not found");
        }
        return key;
    }

    /** An entity type that exists (SECRET included); 404 otherwise. */
    String entityType(String id, String field) {
        String key = SharingFields.required(id, field);
        if (!SECRET.equals(key)
                && stores.sharingTypes()
                        .type(realm.getId(), SharingTypeStore.Kind.ENTITY_TYPE, key)
                        .isEmpty()) {
            throw CustosException.notFound("entity type '" + key + "' not found");
        }
        return key;
    }

    /** The username of a Keycloak user id, looked up once per request; null for a user that is gone. */
    String username(String userId) {
        return usernames.computeIfAbsent(userId, id -> {
            UserModel u = session.users().getUserById(realm, id);
            return u == null ? null : u.getUsername();
        });
    }

    /** The username of an enabled user (or of the service account of an enabled client); null otherwise. */
    String activeUsername(String userId) {
        UserModel u = session.users().getUserById(realm, userId);
        return AccountState.isActive(realm, u) ? u.getUsername() : null;
    }

    /** A user by username; 404 if there is none. */
    UserModel user(String username) {
        UserModel user = session.users().getUserByUsername(realm, username);
        if (user == null) {
            throw CustosException.notFound("user '" + username + "' not found");
        }
        return user;
    }

    AdminEvents events() {
        return new AdminEvents(session, caller);
    }
}
