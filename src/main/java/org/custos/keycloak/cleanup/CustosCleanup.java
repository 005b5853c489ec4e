package org.custos.keycloak.cleanup;

import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.service.settings.CustosSettings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
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
            String realmId = e.getRealm().getId();
            String userId = e.getUser().getId();
            CustosStores stores = CustosStores.of(e.getKeycloakSession());
            stores.memberships().removeUser(realmId, userId);
            stores.secrets().removeOwnerUser(realmId, userId);
            stores.shares().removeUser(realmId, userId);
            stores.entities().removeOwner(realmId, userId);
        } else if (event instanceof GroupModel.GroupMemberLeaveEvent e) {
            // A member removed anywhere (Keycloak's console or API included) keeps no Custos membership type.
            CustosStores.of(e.getKeycloakSession())
                    .memberships()
                    .remove(
                            e.getRealm().getId(),
                            e.getGroup().getId(),
                            e.getUser().getId());
        } else if (event instanceof GroupModel.GroupRemovedEvent e) {
            CustosStores stores = CustosStores.of(e.getKeycloakSession());
            stores.memberships().removeGroup(e.getRealm().getId(), e.getGroup().getId());
            stores.shares().removeGroup(e.getRealm().getId(), e.getGroup().getId());
        } else if (event instanceof ClientModel.ClientRemovedEvent e) {
            // A client removed anywhere (Keycloak's console included) leaves the realm's list of Custos clients: a
            // later
            // client of that id is not trusted by name.
            CustosSettings.agentDeleted(e.getClient().getRealm(), e.getClient().getClientId());
        } else if (event instanceof RealmModel.RealmRemovedEvent e) {
            removeRealm(e.getKeycloakSession(), e.getRealm().getId());
        }
    }

    private static void removeRealm(KeycloakSession session, String realmId) {
        CustosStores stores = CustosStores.of(session);
        stores.memberships().removeRealm(realmId);
        stores.secrets().removeRealm(realmId);
        stores.shares().removeRealm(realmId);
        stores.entities().removeRealm(realmId);
        stores.sharingTypes().removeRealm(realmId);
    }
}
