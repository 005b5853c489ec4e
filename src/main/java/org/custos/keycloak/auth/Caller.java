package org.custos.keycloak.auth;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

/**
 * Who is calling, once authenticated.
 *
 * @param method how the caller proved itself
 * @param client the client: the one whose secret was presented, or the token's authorized party
 * @param user   the acting user: the token's subject, the {@code user-token}'s subject, or — for client
 *               credentials without a user token — the client's service-account user (null if it has none)
 * @param token  the verified access token of the acting user; for client credentials without a user token, the
 *               token a client-credentials grant would give the service account (built in memory); null when the
 *               client has no service account
 */
public record Caller(Method method, ClientModel client, UserModel user, AccessToken token) {

    public enum Method {
        /** Client id and secret in the Authorization header, no user token. */
        CLIENT_CREDENTIALS,
        /** Client id and secret, plus a user's JWT in the {@code user-token} header. */
        CLIENT_CREDENTIALS_WITH_USER_TOKEN,
        /** A JWT of this realm in the Authorization header. */
        BEARER_TOKEN,
        /**
         * Keycloak's own admin authentication, for the admin console's Custos endpoints
         * ({@code /admin/realms/{realm}/custos}): an admin of this realm or of the master realm.
         */
        ADMIN_CONSOLE
    }

    /** True when the acting identity is a person rather than a client's service account. */
    public boolean isUser() {
        return user != null && user.getServiceAccountClientLink() == null;
    }

    /**
     * Whether the caller holds {@code role} within its client's scope — what a token of that client may carry —
     * decided from the user and client models, as Keycloak's {@code AdminAuth.hasRealmRole} does. Token claims are
     * not trusted for this: a protocol mapper can write any claim.
     */
    public boolean holdsInScope(RoleModel role) {
        return role != null && user != null && client != null && user.hasRole(role) && client.hasScope(role);
    }

    /**
     * The acting user as a user of {@code realm}: null for a caller that authenticated in another realm (a master
     * admin in the admin console), who owns, holds and shares nothing there as itself.
     */
    public UserModel userIn(org.keycloak.models.RealmModel realm) {
        return client == null || client.getRealm().getId().equals(realm.getId()) ? user : null;
    }

    /** Who did it, for a record such as a share's {@code shared_by}: the username, realm-qualified when foreign. */
    public String displayName(org.keycloak.models.RealmModel realm) {
        if (user == null) {
            return client.getClientId();
        }
        return userIn(realm) != null
                ? user.getUsername()
                : user.getUsername() + "@" + client.getRealm().getName();
    }

    public boolean presentedClientSecret() {
        return method == Method.CLIENT_CREDENTIALS || method == Method.CLIENT_CREDENTIALS_WITH_USER_TOKEN;
    }
}
