package org.custos.keycloak.service.support;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserProvider;
import org.keycloak.storage.UserStoragePrivateUtil;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.UserStorageProviderModel;

/**
 * Where user searches and member listings are asked. Keycloak's {@code UserStorageManager} answers a search or a
 * count with "no users" when a user store fails (it logs and continues, for its own database store too): during a
 * database outage a list would come back empty with 200, and a gateway that syncs from it would think every user
 * gone. A realm without user federation has one store, the database: it is asked directly, so an outage is an
 * error (503). A realm with federation goes through Keycloak's manager, with its degradation, as Keycloak's own
 * admin API does.
 */
public final class UserSearch {

    private UserSearch() {}

    public static UserProvider of(KeycloakSession session, RealmModel realm) {
        boolean federated = realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .anyMatch(c -> new UserStorageProviderModel(c).isEnabled());
        return federated ? session.users() : UserStoragePrivateUtil.userLocalStorage(session);
    }
}
