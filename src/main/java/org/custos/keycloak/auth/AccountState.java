package org.custos.keycloak.auth;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak's account state, for principals that are asked about rather than authenticated: a disabled user, and
 * the service account of a disabled client (a deactivated Custos agent), hold nothing — no decision permits them,
 * as Keycloak would issue them no token. What is shared with them stays recorded and counts again when they are
 * enabled again.
 */
public final class AccountState {

    private AccountState() {}

    public static boolean isActive(RealmModel realm, UserModel user) {
        if (user == null || !user.isEnabled()) {
            return false;
        }
        String clientId = user.getServiceAccountClientLink();
        if (clientId == null) {
            return true;
        }
        ClientModel client = realm.getClientById(clientId);
        return client != null && client.isEnabled();
    }
}
