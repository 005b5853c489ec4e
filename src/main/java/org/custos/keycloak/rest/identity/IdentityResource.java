package org.custos.keycloak.rest.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.Json;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.identity.CredentialsResponse;
import org.custos.keycloak.representation.identity.LogoutRequest;
import org.custos.keycloak.representation.identity.TokenRequest;
import org.custos.keycloak.representation.identity.UserInfoResponse;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.PublicEndpoint;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.identity.TokenService;
import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.wellknown.WellKnownProvider;

/**
 * Custos Identity Management ({@code /identity-management/v1.0.0}): discovery, tokens, credentials, logout and
 * userinfo, all served by Keycloak's own OIDC machinery for the realm the request names.
 */
public class IdentityResource extends ServiceResource {

    /** Alias of the identity provider Custos provisioned for CILogon. */
    static final String CILOGON_ALIAS = "oidc";

    private final KeycloakSession session;

    public IdentityResource(RequestContext request) {
        super(request);
        this.session = request.session();
    }

    /** The realm's OIDC discovery document plus Custos's own endpoint names. Public, like Keycloak's. */
    @GET
    @PublicEndpoint("the realm's discovery document, public as Keycloak's own")
    @OperationId("getOIDCConfiguration")
    @Path(".well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> openIdConfiguration(@QueryParam("client_id") String clientId) {
        return run(() -> {
            if (clientId == null || clientId.isBlank()) {
                throw CustosException.invalidField("client_id", "is required");
            }
            // The document is the realm's, whatever client asks (as Keycloak's discovery): an anonymous caller learns
            // nothing about which client ids exist.
            Object config = session.getProvider(WellKnownProvider.class, "openid-configuration")
                    .getConfig();
            Map<String, Object> document =
                    Json.mapper().convertValue(config, new TypeReference<LinkedHashMap<String, Object>>() {});
            String base = request.serviceUrl("identity-management");
            document.put("custos_token_endpoint", base + "/token");
            document.put("custos_userinfo_endpoint", base + "/user");
            document.put("custos_logout_endpoint", base + "/user/logout");
            return document;
        });
    }

    /** Keycloak's token response for the authenticated client; parameters from the query, a form or JSON body. */
    @POST
    @OperationId("token")
    @Path("token")
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(byte[] bytes) {
        return run(() -> {
            ClientModel client = auth().requireClientCredentials();
            TokenRequest params = tokenParameters(bytes);
            String namedClient = params.params().getFirst("client_id");
            if (namedClient != null && !namedClient.isBlank() && !namedClient.equals(client.getClientId())) {
                throw CustosException.invalidField("client_id", "does not match the authenticated client");
            }
            return new TokenService(session).grant(client, params.params());
        });
    }

    /** The calling client's own credentials, as Custos returned them. */
    @GET
    @OperationId("getCredentials")
    @Path("credentials")
    @Produces(MediaType.APPLICATION_JSON)
    public CredentialsResponse credentials(@QueryParam("client_id") String clientId) {
        return run(() -> {
            ClientModel client = auth().requireCurrentClientSecret();
            if (clientId != null && !clientId.isBlank() && !clientId.equals(client.getClientId())) {
                throw CustosException.forbidden("a client may read only its own credentials");
            }
            IdentityProviderModel ciLogon = session.identityProviders().getByAlias(CILOGON_ALIAS);
            String ciLogonClientId = ciLogon == null ? "" : ciLogon.getConfig().getOrDefault("clientId", "");
            return new CredentialsResponse(
                    client.getClientId(),
                    client.getSecret(),
                    ciLogonClientId,
                    "",
                    client.getClientId(),
                    client.getSecret(),
                    numberAttribute(client, "client.secret.creation.time"),
                    numberAttribute(client, "client.secret.expiration.time"));
        });
    }

    /** Ends the session behind a refresh token issued to the calling client. */
    @POST
    @OperationId("endUserSession")
    @Path("user/logout")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse logout(byte[] bytes) {
        return run(() -> {
            ClientModel client = auth().requireClientCredentials();
            LogoutRequest body = request.body(bytes).json(LogoutRequest.class);
            if (body.refreshToken() == null || body.refreshToken().isBlank()) {
                throw CustosException.invalidField("refresh_token", "is required");
            }
            new TokenService(session).logout(client, body.refreshToken());
            return StatusResponse.OK;
        });
    }

    /**
     * An agent's token ({@code client_credentials}, or {@code refresh_token}), authenticated with the agent's own
     * {@code base64(agentId:agentSecret)}. {@code client_id} is the tenant's client id, as in Custos.
     */
    @POST
    @OperationId("getAgentToken")
    @Path("agent/token/{client_id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response agentToken(@PathParam("client_id") String tenantClientId, byte[] bytes) {
        return run(() -> {
            ClientModel agent = auth().agents().requireAgentCredentials();
            requireTenantClient(tenantClientId);
            TokenRequest params = tokenParameters(bytes);
            String grant = params.params().getFirst("grant_type");
            if (!"client_credentials".equals(grant) && !"refresh_token".equals(grant)) {
                throw new CustosException(
                        400, "unsupported_grant_type", "agents use grant_type client_credentials or refresh_token");
            }
            params.params().remove("client_id");
            return new TokenService(session).grant(agent, params.params());
        });
    }

    /** Ends an agent's session: its refresh token stops working. */
    @POST
    @OperationId("endAgentSession")
    @Path("agent/logout/{client_id}")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse agentLogout(@PathParam("client_id") String tenantClientId, byte[] bytes) {
        return run(() -> {
            ClientModel agent = auth().agents().requireAgentCredentials();
            requireTenantClient(tenantClientId);
            LogoutRequest body = request.body(bytes).json(LogoutRequest.class);
            if (body.refreshToken() == null || body.refreshToken().isBlank()) {
                throw CustosException.invalidField("refresh_token", "is required");
            }
            new TokenService(session).logout(agent, body.refreshToken());
            return StatusResponse.OK;
        });
    }

    /** Token parameters from the query string and a form or JSON body (later sources win). */
    private TokenRequest tokenParameters(byte[] bytes) {
        TokenRequest params = new TokenRequest().addAll(request.uri().getQueryParameters());
        var body = request.body(bytes);
        if (body.isForm()) {
            params.addAll(body.form());
        } else {
            params.addJson(body.json(com.fasterxml.jackson.databind.JsonNode.class));
        }
        return params;
    }

    /** Custos's path names the tenant's client: one of this realm, or 404. */
    private void requireTenantClient(String tenantClientId) {
        if (request.realm().getClientByClientId(tenantClientId) == null) {
            throw CustosException.notFound("client '" + tenantClientId + "' not found");
        }
    }

    /**
     * Custos's userinfo for the calling user: a user's bearer token, or client credentials with the user's token in
     * the {@code user-token} header or Custos's {@code access_token} query parameter (JupyterHub's authenticator).
     */
    @GET
    @OperationId(value = "getUserInfo", rpc = "getUser")
    @Path("user")
    @Produces(MediaType.APPLICATION_JSON)
    public UserInfoResponse userInfo() {
        return run(() -> {
            Caller c = auth().requireUser(query().first("access_token"));
            UserModel user = c.user();
            String first = nullToEmpty(user.getFirstName());
            String last = nullToEmpty(user.getLastName());
            return new UserInfoResponse(
                    user.getId(),
                    (first + " " + last).trim(),
                    first,
                    last,
                    nullToEmpty(user.getEmail()),
                    user.getUsername(),
                    c.token() != null ? c.token().getIssuedFor() : c.client().getClientId());
        });
    }

    private static double numberAttribute(ClientModel client, String name) {
        String value = client.getAttribute(name);
        try {
            return value == null ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
