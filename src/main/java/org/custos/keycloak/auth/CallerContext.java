package org.custos.keycloak.auth;

import jakarta.ws.rs.core.HttpHeaders;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.jpa.JpaMembershipStore;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import java.util.Optional;

/**
 * The request-scoped answer to "who is calling, and may they do this?" — the only place that authenticates or
 * authorizes. Every resource method starts with one call on it.
 *
 * <ul>
 *   <li>{@code Bearer <JWT>}: verified by Keycloak's own bearer authenticator for <em>this</em> realm
 *       (signature, expiry, issuer, active session).</li>
 *   <li>{@code Bearer base64(id:secret)} (Custos) and {@code Basic base64(id:secret)}: an enabled confidential
 *       client of this realm whose secret matches ({@link ClientModel#validateSecret}, constant time).</li>
 *   <li>{@code user-token: <JWT>} beside client credentials: the acting user, whose token must have been issued
 *       to that same client.</li>
 * </ul>
 * Failures to authenticate are 401; an authenticated caller that lacks a right is 403.
 */
public final class CallerContext {

    public static final String USER_TOKEN_HEADER = "user-token";

    private final KeycloakSession session;
    private final RealmModel realm;
    private Caller caller;
    private GroupPermissions groups;

    public CallerContext(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The authenticated caller; 401 if the request carries no valid credential of this realm. */
    public Caller authenticate() {
        if (caller == null) {
            caller = resolve();
        }
        return caller;
    }

    /** The client that proved itself with its secret (Custos's "Mode C"); a bearer token is not enough. */
    public ClientModel requireClientCredentials() {
        Caller c = authenticate();
        if (!c.presentedClientSecret()) {
            throw CustosException.forbidden("this endpoint requires client credentials "
                    + "(Authorization: Bearer base64(client_id:client_secret) or Basic)");
        }
        return c.client();
    }

    /** The calling person: a user's bearer token, or client credentials plus a {@code user-token}. */
    public Caller requireUser() {
        Caller c = authenticate();
        if (!c.isUser()) {
            throw CustosException.forbidden("this endpoint acts for a user: send a user's access token "
                    + "(Authorization: Bearer <JWT>, or the user-token header with client credentials)");
        }
        return c;
    }

    /** Requires a role of the realm's {@code realm-management} client (composites count: realm-admin has all). */
    public Caller requireRealmManagementRole(String roleName) {
        Caller c = authenticate();
        if (!hasRealmManagementRole(c, roleName)) {
            throw CustosException.forbidden("the caller lacks the realm-management role '" + roleName + "'");
        }
        return c;
    }

    /**
     * A caller may grant, revoke or exercise power over no more than it holds: every {@code realm-management} role
     * reachable from {@code role} (itself or through composites) must be one the caller has. This stops a
     * {@code manage-users} caller from minting a {@code realm-admin}.
     */
    public void requireCanGrant(RoleModel role) {
        Caller c = authenticate();
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        java.util.Set<RoleModel> reachable = new java.util.HashSet<>();
        collectComposites(role, reachable);
        for (RoleModel r : reachable) {
            if (r.isClientRole() && realmManagement != null && r.getContainerId().equals(realmManagement.getId())
                    && (c.user() == null || !c.user().hasRole(r))) {
                throw CustosException.forbidden("the caller cannot grant or revoke '" + role.getName()
                        + "': it carries the realm-management role '" + r.getName() + "', which the caller lacks");
            }
        }
    }

    /** The caller may act on {@code target} only if it holds every realm-management role the target holds. */
    public void requireCanManage(UserModel target) {
        Caller c = authenticate();
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (realmManagement == null) {
            return;
        }
        realmManagement.getRolesStream()
                .filter(target::hasRole)
                .filter(r -> c.user() == null || !c.user().hasRole(r))
                .findFirst()
                .ifPresent(r -> {
                    throw CustosException.forbidden("the user holds the realm-management role '" + r.getName()
                            + "', which the caller lacks");
                });
    }

    private static void collectComposites(RoleModel role, java.util.Set<RoleModel> out) {
        if (out.add(role) && role.isComposite()) {
            role.getCompositesStream().forEach(child -> collectComposites(child, out));
        }
    }

    /** Requires at least one of the named realm-management roles (e.g. {@code view-users} or {@code manage-users}). */
    public Caller requireAnyRealmManagementRole(String... roleNames) {
        Caller c = authenticate();
        for (String roleName : roleNames) {
            if (hasRealmManagementRole(c, roleName)) {
                return c;
            }
        }
        throw CustosException.forbidden("the caller lacks the realm-management role '" + roleNames[0] + "'"
                + (roleNames.length > 1 ? " (or " + String.join(", ", java.util.Arrays.asList(roleNames).subList(1, roleNames.length)) + ")" : ""));
    }

    public boolean hasRealmManagementRole(Caller c, String roleName) {
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel role = realmManagement == null ? null : realmManagement.getRole(roleName);
        return role != null && c.user() != null && c.user().hasRole(role);
    }

    /** The group rules, decided here like every other permission. */
    public GroupPermissions groups() {
        if (groups == null) {
            groups = new GroupPermissions(this, realm, new JpaMembershipStore(session));
        }
        return groups;
    }

    private Caller resolve() {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw CustosException.unauthorized("missing Authorization header");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2) {
            throw CustosException.unauthorized("malformed Authorization header");
        }
        String scheme = parts[0];
        String value = parts[1].trim();
        Optional<ClientCredentials> credentials = ClientCredentials.decode(value);
        if ("Basic".equalsIgnoreCase(scheme) || ("Bearer".equalsIgnoreCase(scheme) && credentials.isPresent())) {
            ClientModel client = authenticateClient(credentials.orElseThrow(
                    () -> CustosException.unauthorized("malformed Basic credentials")));
            return withOptionalUserToken(client, headers.getHeaderString(USER_TOKEN_HEADER));
        }
        if ("Bearer".equalsIgnoreCase(scheme)) {
            AuthResult result = verifyToken(value);
            return new Caller(Caller.Method.BEARER_TOKEN, result.client(), result.user(), result.token());
        }
        throw CustosException.unauthorized("unsupported Authorization scheme '" + scheme + "'");
    }

    private ClientModel authenticateClient(ClientCredentials credentials) {
        ClientModel client = realm.getClientByClientId(credentials.clientId());
        boolean valid = client != null
                && client.isEnabled()
                && !client.isPublicClient()
                && !client.isBearerOnly()
                && client.validateSecret(credentials.secret());
        if (!valid) {
            // One message for unknown, disabled, public and wrong-secret clients: nothing to enumerate.
            throw new CustosException(401, "invalid_client", "invalid client credentials");
        }
        session.getContext().setClient(client);
        return client;
    }

    private Caller withOptionalUserToken(ClientModel client, String userToken) {
        if (userToken == null || userToken.isBlank()) {
            UserModel serviceAccount = client.isServiceAccountsEnabled()
                    ? session.users().getServiceAccount(client) : null;
            return new Caller(Caller.Method.CLIENT_CREDENTIALS, client, serviceAccount, null);
        }
        AuthResult result = verifyToken(userToken.trim());
        if (!client.getClientId().equals(result.token().getIssuedFor())) {
            throw CustosException.forbidden("the user-token was issued to another client");
        }
        return new Caller(Caller.Method.CLIENT_CREDENTIALS_WITH_USER_TOKEN, client, result.user(), result.token());
    }

    private AuthResult verifyToken(String jwt) {
        AuthResult result;
        try {
            result = new AppAuthManager.BearerTokenAuthenticator(session)
                    .setRealm(realm)
                    .setUriInfo(session.getContext().getUri())
                    .setConnection(session.getContext().getConnection())
                    .setHeaders(session.getContext().getRequestHeaders())
                    .setTokenString(jwt)
                    .authenticate();
        } catch (RuntimeException e) {
            result = null;
        }
        if (result == null || result.user() == null || !result.user().isEnabled()) {
            throw new CustosException(401, "invalid_token", "the access token is invalid, expired or revoked");
        }
        return result;
    }
}
