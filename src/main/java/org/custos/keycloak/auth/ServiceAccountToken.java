package org.custos.keycloak.auth;

import java.util.Set;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.Urls;

/**
 * What a client-credentials access token of a client would carry for its service account: the roles Keycloak's
 * {@link TokenManager} puts in such a token (full scope or the client's scope mappings, its default client scopes,
 * composites expanded). A caller with client credentials counts for exactly those roles, as it would with the
 * token; the token is built in memory, never signed or handed out.
 */
final class ServiceAccountToken {

    private ServiceAccountToken() {}

    static AccessToken of(KeycloakSession session, RealmModel realm, ClientModel client, UserModel serviceAccount) {
        AccessToken token = new AccessToken();
        token.subject(serviceAccount.getId());
        token.issuedFor(client.getClientId());
        token.issuer(Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        token.type("Bearer");
        Set<RoleModel> roles = TokenManager.getAccess(
                serviceAccount, client, TokenManager.getRequestedClientScopes(session, null, client, serviceAccount));
        for (RoleModel role : roles) {
            if (role.isClientRole()) {
                token.addAccess(((ClientModel) role.getContainer()).getClientId())
                        .addRole(role.getName());
            } else {
                if (token.getRealmAccess() == null) {
                    token.setRealmAccess(new AccessToken.Access());
                }
                token.getRealmAccess().addRole(role.getName());
            }
        }
        return token;
    }
}
