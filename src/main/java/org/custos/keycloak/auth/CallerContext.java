package org.custos.keycloak.auth;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.error.StorageFailure;
import org.custos.keycloak.model.CustosStores;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The request-scoped answer to "who is calling?" — the only place that authenticates — and the hand-out of the rules
 * ({@link #agents()}, {@link #users()}, {@link #roles()}, {@link #realm()}, {@link #groups()}, {@link #sharing()},
 * {@link #secrets()}, {@link #decisions()}, {@link #console()}) that each resource method names on the first line of
 * the work it hands to {@code run}.
 *
 * <ul>
 *   <li>{@code Bearer <JWT>}: verified by Keycloak's own bearer authenticator for <em>this</em> realm
 *       (signature, expiry, issuer, active session).</li>
 *   <li>{@code Bearer base64(id:secret)} (Custos) and {@code Basic base64(id:secret)}: an enabled confidential
 *       client of this realm, authenticated as Keycloak's token endpoint authenticates it
 *       ({@link ClientAuthentication}). It acts as its service account, with the roles a client-credentials token
 *       would carry.</li>
 *   <li>{@code user-token: <JWT>} beside client credentials: the acting user, whose token must have been issued
 *       to that same client.</li>
 * </ul>
 * Failures to authenticate are 401; an authenticated caller that lacks a right is 403; a storage outage while
 * authenticating is 503. Admin-level decisions go to {@link AdminAccess} (Keycloak's evaluator), Custos group
 * rules to {@link GroupPermissions} (Keycloak's side through {@link GroupRights}), sharing to {@link SharingAccess}
 * with {@link SharingRules}, secrets to {@link SecretRules}.
 */
public final class CallerContext {

    public static final String USER_TOKEN_HEADER = "user-token";

    private final KeycloakSession session;
    private final RealmModel realm;
    private Caller caller;
    private GroupPermissions groups;
    private AdminAccess admin;
    private boolean presentedCurrentSecret;
    private String userTokenParameter;

    public CallerContext(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /**
     * The caller of the admin console's Custos endpoints, authenticated by Keycloak's admin API, which hands over
     * its evaluator: every admin-level decision is that evaluator's, and the Custos rules see the admin as the acting
     * user (a master-realm admin is no user of this realm, so it owns and holds nothing here).
     */
    public CallerContext(KeycloakSession session, AdminPermissionEvaluator evaluator) {
        this(session);
        AdminAuth auth = evaluator.adminAuth();
        this.caller = new Caller(Caller.Method.ADMIN_CONSOLE, auth.getClient(), auth.getUser(), auth.getToken());
        this.admin = new AdminAccess(caller, evaluator);
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

    /**
     * As {@link #requireClientCredentials}, with the client's current secret: a rotated-out secret, which Keycloak
     * still accepts until it expires, does not read the new one.
     */
    public ClientModel requireCurrentClientSecret() {
        ClientModel client = requireClientCredentials();
        if (!presentedCurrentSecret) {
            throw CustosException.forbidden("only the client's current secret may read its credentials");
        }
        return client;
    }

    /**
     * As {@link #requireUser()}, where the user's token may also come as Custos's {@code access_token} query
     * parameter (its userinfo call): checked exactly like the {@code user-token} header. Two different user tokens
     * in one request are 400.
     */
    public Caller requireUser(String accessTokenParameter) {
        if (accessTokenParameter != null && !accessTokenParameter.isBlank()) {
            String header = session.getContext().getRequestHeaders().getHeaderString(USER_TOKEN_HEADER);
            if (header != null && !header.isBlank() && !header.trim().equals(accessTokenParameter.trim())) {
                throw CustosException.invalidField("access_token", "differs from the user-token header");
            }
            userTokenParameter = accessTokenParameter.trim();
        }
        Caller c = requireUser();
        if (userTokenParameter != null
                && c.method() == Caller.Method.BEARER_TOKEN
                && !userTokenParameter.equals(bearerValue())) {
            throw CustosException.invalidField("access_token", "differs from the bearer token");
        }
        return c;
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

    /**
     * Requires an admin-level right, as Keycloak's evaluator decides it for this caller (roles as its token carries
     * them, fine-grained admin permissions included): e.g. {@code requireAdmin(AdminAccess::canViewEvents,
     * "Keycloak's view-events")}. 403 names the right.
     */
    public Caller requireAdmin(java.util.function.Predicate<AdminAccess> right, String what) {
        Caller c = authenticate();
        if (!right.test(admin())) {
            throw CustosException.forbidden("the caller lacks " + what);
        }
        return c;
    }

    /**
     * Whether the caller's token carries this {@code realm-management} role (composites expanded): only for the
     * sharing roles ({@code manage-authorization}, {@code view-authorization}), whose Keycloak evaluator question
     * needs a Keycloak resource server that Custos sharing does not have.
     */
    public boolean hasRealmManagementRole(String roleName) {
        return admin().hasRole(roleName);
    }

    /**
     * Granting or revoking {@code role} is checked as Keycloak checks a direct role mapping (see {@link AdminAccess}).
     */
    public void requireCanGrant(RoleModel role) {
        admin().requireGrant(role);
    }

    /** Acting on a user's account: Keycloak must allow it, and the user holds no power the caller could not grant. */
    public void requireCanManage(UserModel target) {
        admin().requireManage(target);
    }

    /** A request's {@code client_id}, when given, must name the authenticated client (the realm is the tenant). */
    public void requireOwnClientId(String clientId) {
        if (clientId != null
                && !clientId.isBlank()
                && !clientId.equals(authenticate().client().getClientId())) {
            throw CustosException.invalidField("client_id", "does not match the authenticated client");
        }
    }

    /** Admin-level decisions of Keycloak's evaluator for this caller. */
    public AdminAccess admin() {
        if (admin == null) {
            admin = new AdminAccess(session, realm, authenticate());
        }
        return admin;
    }

    /** The agent rules: agents are clients, so Keycloak's evaluator decides. */
    public AgentRules agents() {
        return new AgentRules(this);
    }

    /** What the caller may do with the realm's users (Keycloak's evaluator). */
    public UserRules users() {
        return new UserRules(this);
    }

    /** The caller as the sharing rules see it (authenticated, with its sharing admin or viewer standing). */
    public SharingAccess sharing() {
        return new SharingAccess(this);
    }

    /** The decision-point rules: who may ask about whom. */
    public DecisionPointRules decisions() {
        return new DecisionPointRules(this);
    }

    /** The secret rules for this caller: which secrets it may see, own, name and delete. */
    public SecretRules secrets() {
        return new SecretRules(authenticate(), realm, admin());
    }

    /** The tenant-role rules: Keycloak's evaluator, as for the same container through its admin API. */
    public RoleRules roles() {
        return new RoleRules(this, realm);
    }

    /** Realm-level rights Keycloak's evaluator decides: events, realm settings. */
    public RealmRules realm() {
        return new RealmRules(this);
    }

    /** Which Custos pages of the admin console the administrator may open. */
    public ConsoleRules console() {
        return new ConsoleRules(this);
    }

    /** The group rules ({@link GroupPermissions}; Keycloak's evaluator through {@link GroupRights}). */
    public GroupPermissions groups() {
        if (groups == null) {
            groups = new GroupPermissions(
                    this::authenticate,
                    this::admin,
                    realm.getId(),
                    CustosStores.of(session).memberships());
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
            ClientCredentials presented =
                    credentials.orElseThrow(() -> CustosException.unauthorized("malformed Basic credentials"));
            ClientModel client = ClientAuthentication.authenticate(session, realm, presented);
            if (!CustosTokens.isCustosClient(realm, client)) {
                throw CustosException.forbidden("client '" + client.getClientId()
                        + "' is not one of this realm's Custos clients (realm attribute "
                        + CustosTokens.CLIENTS_ATTRIBUTE + ")");
            }
            presentedCurrentSecret = ClientAuthentication.isCurrentSecret(session, client, presented.secret());
            String userToken = headers.getHeaderString(USER_TOKEN_HEADER);
            return withOptionalUserToken(
                    client, userToken == null || userToken.isBlank() ? userTokenParameter : userToken);
        }
        if ("Bearer".equalsIgnoreCase(scheme)) {
            AuthResult result = verifyToken(value);
            return new Caller(Caller.Method.BEARER_TOKEN, result.client(), result.user(), result.token());
        }
        throw CustosException.unauthorized("unsupported Authorization scheme '" + scheme + "'");
    }

    private String bearerValue() {
        String authorization = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        String[] parts =
                authorization == null ? new String[0] : authorization.trim().split("\\s+", 2);
        return parts.length == 2 ? parts[1].trim() : null;
    }

    private Caller withOptionalUserToken(ClientModel client, String userToken) {
        if (userToken == null || userToken.isBlank()) {
            UserModel serviceAccount =
                    client.isServiceAccountsEnabled() ? session.users().getServiceAccount(client) : null;
            if (serviceAccount == null || !serviceAccount.isEnabled()) {
                return new Caller(Caller.Method.CLIENT_CREDENTIALS, client, null, null);
            }
            return new Caller(
                    Caller.Method.CLIENT_CREDENTIALS,
                    client,
                    serviceAccount,
                    ServiceAccountToken.of(session, realm, client, serviceAccount));
        }
        AuthResult result = verifyToken(userToken.trim());
        if (!client.getClientId().equals(result.token().getIssuedFor())) {
            throw CustosException.forbidden("the user-token was issued to another client");
        }
        return new Caller(Caller.Method.CLIENT_CREDENTIALS_WITH_USER_TOKEN, client, result.user(), result.token());
    }

    /** Unverified: a token of this realm's issuer that has not expired (only to decide whether to ask the database). */
    private boolean couldBeCurrent(String jwt) {
        try {
            AccessToken token = TokenVerifier.create(jwt, AccessToken.class).getToken();
            return token.isActive()
                    && Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName())
                            .equals(token.getIssuer());
        } catch (VerificationException | RuntimeException e) {
            return false;
        }
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
            if (StorageFailure.isStorage(e)) {
                throw CustosException.unavailable(e);
            }
            result = null;
        }
        if (result == null || result.user() == null || !result.user().isEnabled()) {
            // Keycloak answers "no session" when it could not read the session: a valid token is not called invalid
            // during an outage (a client would throw it away). For a token that could still be valid (this realm's,
            // not expired) the database is asked; unreachable is 503. Garbage costs no database round trip.
            if (couldBeCurrent(jwt)) {
                CustosStores.of(session).confirmReachable(realm.getId());
            }
            throw new CustosException(401, "invalid_token", "the access token is invalid, expired or revoked");
        }
        CustosTokens.require(
                realm, result.token(), realm.getClientByClientId(result.token().getIssuedFor()));
        return result;
    }
}
