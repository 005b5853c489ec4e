package org.custos.keycloak.lifecycle;

import org.custos.keycloak.model.jpa.JpaMembershipStore;
import org.custos.keycloak.model.jpa.JpaSecretStore;
import org.custos.keycloak.model.jpa.JpaSharingStore;
import org.custos.keycloak.ui.CustosConsole;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Deletes our rows when Keycloak removes what they point at — a user, a group, a realm — in the same transaction
 * as the removal, so no row of ours ever refers to something that is gone.
 */
public final class CustosCleanup implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent e) {
            new JpaMembershipStore(e.getKeycloakSession()).removeUser(e.getRealm().getId(), e.getUser().getId());
            JpaSecretStore secrets = new JpaSecretStore(e.getKeycloakSession());
            secrets.tokensOfOwnerUser(e.getRealm().getId(), e.getUser().getId())
                    .forEach(token -> CustosConsole.secretRemoved(e.getKeycloakSession(), e.getRealm(), token));
            secrets.removeOwnerUser(e.getRealm().getId(), e.getUser().getId());
            new JpaSharingStore(e.getKeycloakSession()).removeUser(e.getRealm().getId(), e.getUser().getId());
        } else if (event instanceof GroupModel.GroupMemberLeaveEvent e) {
            // A member removed anywhere (Keycloak's console or API included) keeps no Custos membership type.
            new JpaMembershipStore(e.getKeycloakSession()).remove(e.getRealm().getId(), e.getGroup().getId(),
                    e.getUser().getId());
        } else if (event instanceof GroupModel.GroupRemovedEvent e) {
            new JpaMembershipStore(e.getKeycloakSession()).removeGroup(e.getRealm().getId(), e.getGroup().getId());
            new JpaSharingStore(e.getKeycloakSession()).removeGroup(e.getRealm().getId(), e.getGroup().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent e) {
            new JpaMembershipStore(e.getKeycloakSession()).removeRealm(e.getRealm().getId());
            new JpaSecretStore(e.getKeycloakSession()).removeRealm(e.getRealm().getId());
            new JpaSharingStore(e.getKeycloakSession()).removeRealm(e.getRealm().getId());
        }
    }
}
