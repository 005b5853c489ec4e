package org.custos.keycloak.service.identity;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.custos.keycloak.auth.FormPostRequest;
import org.custos.keycloak.error.CustosException;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.representations.RefreshToken;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.cors.Cors;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.services.util.DPoPUtil;
import org.keycloak.util.JsonSerialization;
import org.keycloak.util.TokenUtil;

/**
 * Issues and ends tokens for an already authenticated client by running Keycloak's own grant implementations
 * in-process (the {@code OAuth2GrantType} SPI), so tokens, events, brute-force protection and client policies are
 * exactly Keycloak's. No HTTP call back to ourselves.
 */
public final class TokenService {

    /** The grants Custos's {@code /token} offered. */
    public static final Set<String> SUPPORTED_GRANTS = Set.of(
            OAuth2Constants.PASSWORD, OAuth2Constants.AUTHORIZATION_CODE,
            OAuth2Constants.REFRESH_TOKEN, OAuth2Constants.CLIENT_CREDENTIALS);

    private final KeycloakSession session;
    private final RealmModel realm;

    public TokenService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /**
     * Picks the grant Custos would have run: the explicit {@code grant_type}, or {@code authorization_code} when it
     * is missing but a {@code code} is present (real Custos clients send exactly that).
     */
    public static String resolveGrantType(MultivaluedMap<String, String> form) {
        String grantType = form.getFirst(OAuth2Constants.GRANT_TYPE);
        if ((grantType == null || grantType.isBlank()) && notBlank(form.getFirst(OAuth2Constants.CODE))) {
            grantType = OAuth2Constants.AUTHORIZATION_CODE;
        }
        if (grantType == null || grantType.isBlank()) {
            throw new CustosException(
                    400,
                    OAuthErrorException.UNSUPPORTED_GRANT_TYPE,
                    "missing grant_type; use one of " + List.copyOf(new java.util.TreeSet<>(SUPPORTED_GRANTS)));
        }
        if (!SUPPORTED_GRANTS.contains(grantType)) {
            throw new CustosException(
                    400, OAuthErrorException.UNSUPPORTED_GRANT_TYPE, "unsupported grant_type '" + grantType + "'");
        }
        return grantType;
    }

    /** Runs the grant for {@code client} and returns Keycloak's token response (or its OAuth error) verbatim. */
    public Response grant(ClientModel client, MultivaluedMap<String, String> params) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>(params);
        String grantType = resolveGrantType(form);
        form.putSingle(OAuth2Constants.GRANT_TYPE, grantType);
        form.putSingle(OAuth2Constants.CLIENT_ID, client.getClientId());
        if (grantType.equals(OAuth2Constants.PASSWORD) || grantType.equals(OAuth2Constants.REFRESH_TOKEN)) {
            form.putSingle(OAuth2Constants.SCOPE, withOpenId(form.getFirst(OAuth2Constants.SCOPE)));
        }

        OAuth2GrantType grant = session.getProvider(OAuth2GrantType.class, grantType);
        if (grant == null) {
            throw new CustosException(
                    400,
                    OAuthErrorException.UNSUPPORTED_GRANT_TYPE,
                    "grant_type '" + grantType + "' is not enabled on this server");
        }
        session.getContext().setClient(client);
        session.getContext()
                .setHttpRequest(new FormPostRequest(session.getContext().getHttpRequest(), form, null));
        EventBuilder event = new EventBuilder(
                        realm, session, session.getContext().getConnection())
                .event(grant.getEventType())
                .client(client)
                .detail(Details.GRANT_TYPE, grantType);
        Cors cors = Cors.builder().auth().allowedMethods("POST");
        try {
            grant.preProcess(session, form);
        } catch (ClientPolicyException e) {
            event.detail(Details.REASON, e.getErrorDetail()).error(e.getError());
            throw new CustosException(e.getErrorStatus().getStatusCode(), e.getError(), e.getErrorDetail());
        }
        OIDCAdvancedConfigWrapper clientConfig = OIDCAdvancedConfigWrapper.fromClientModel(client);
        // Keycloak's token endpoint reads the DPoP proof here: a client that requires DPoP gets no token without one.
        DPoPUtil.handleDPoPHeader(session, event, cors, clientConfig);
        OAuth2GrantType.Context context = new OAuth2GrantType.Context(
                session, clientConfig, new HashMap<>(), form, event, cors, new TokenManager());
        Response response;
        try {
            response = grant.process(context);
        } catch (WebApplicationException e) {
            response = e.getResponse();
            if (!isWrongPassword(grantType, response)) {
                throw e;
            }
        }
        if (isWrongPassword(grantType, response)) {
            // Keycloak answers 400; a rejected user credential is an authentication failure, so Custos clients get 401.
            return Response.fromResponse(response)
                    .status(Response.Status.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Bearer realm=\"custos\", error=\"invalid_grant\"")
                    .build();
        }
        return response;
    }

    private static boolean isWrongPassword(String grantType, Response response) {
        if (!OAuth2Constants.PASSWORD.equals(grantType) || response.getStatus() != 400 || !response.hasEntity()) {
            return false;
        }
        JsonNode body = JsonSerialization.mapper.valueToTree(response.getEntity());
        return OAuthErrorException.INVALID_GRANT.equals(body.path("error").asText());
    }

    /** Ends the user session behind {@code refreshToken}, as Keycloak's logout endpoint does for a refresh token. */
    public void logout(ClientModel client, String refreshToken) {
        EventBuilder event = new EventBuilder(
                        realm, session, session.getContext().getConnection())
                .event(EventType.LOGOUT)
                .client(client);
        HttpRequest request = session.getContext().getHttpRequest();
        RefreshToken token;
        try {
            token = new TokenManager().verifyRefreshToken(session, realm, client, request, refreshToken, false);
        } catch (OAuthErrorException e) {
            event.detail(Details.REASON, e.getDescription()).error(Errors.INVALID_TOKEN);
            throw new CustosException(400, e.getError(), e.getDescription());
        }
        boolean offline = TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType());
        UserSessionModel userSession = offline
                ? new UserSessionManager(session).findOfflineUserSession(realm, token.getSessionId())
                : session.sessions().getUserSession(realm, token.getSessionId());
        if (userSession == null) {
            event.error(Errors.SESSION_EXPIRED);
            throw new CustosException(400, OAuthErrorException.INVALID_GRANT, "the session has already ended");
        }
        AuthenticationManager.backchannelLogout(
                session,
                realm,
                userSession,
                session.getContext().getUri(),
                session.getContext().getConnection(),
                session.getContext().getRequestHeaders(),
                true,
                offline);
        event.user(userSession.getUser()).session(userSession).success();
    }

    private static String withOpenId(String scope) {
        if (scope == null || scope.isBlank()) {
            return OAuth2Constants.SCOPE_OPENID;
        }
        for (String s : scope.trim().split("\\s+")) {
            if (s.equals(OAuth2Constants.SCOPE_OPENID)) {
                return scope;
            }
        }
        return OAuth2Constants.SCOPE_OPENID + " " + scope.trim();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
