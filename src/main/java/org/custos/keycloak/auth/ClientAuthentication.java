package org.custos.keycloak.auth;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.custos.keycloak.error.CustosException;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;
import org.keycloak.services.cors.Cors;
import org.keycloak.vault.VaultStringSecret;

/**
 * Authenticates a client from the id and secret of a Custos {@code Authorization} header exactly as Keycloak's token
 * endpoint would: the id and secret are handed to {@link AuthorizeClientUtil}, which runs the client's configured
 * authenticator (so a signed-JWT or X.509 client is refused a secret), checks secret expiry and the rotated
 * secret, and resolves vault references. We write none of those rules ourselves.
 */
final class ClientAuthentication {

    private ClientAuthentication() {}

    static ClientModel authenticate(KeycloakSession session, RealmModel realm, ClientCredentials credentials) {
        HttpRequest original = session.getContext().getHttpRequest();
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle(OAuth2Constants.CLIENT_ID, credentials.clientId());
        form.putSingle(OAuth2Constants.CLIENT_SECRET, credentials.secret());
        // Keycloak's authenticators read the form of a POST: give them the credentials as one, without our header.
        session.getContext()
                .setHttpRequest(new FormPostRequest(original, form, new FormPostHeaders(original.getHttpHeaders())));
        ClientModel client;
        try {
            EventBuilder event = new EventBuilder(
                            realm, session, session.getContext().getConnection())
                    .event(EventType.CLIENT_LOGIN);
            client = AuthorizeClientUtil.authorizeClient(session, event, Cors.builder())
                    .getClient();
        } catch (WebApplicationException e) {
            throw refused(realm, credentials.clientId());
        } finally {
            session.getContext().setHttpRequest(original);
        }
        // Keycloak lets a public client "authenticate" with its id alone; Custos credentials need a secret.
        if (client == null || client.isPublicClient() || client.isBearerOnly()) {
            throw refused(realm, credentials.clientId());
        }
        session.getContext().setClient(client);
        return client;
    }

    /**
     * Whether {@code secret} is the client's current secret (vault references resolved), not a rotated-out one that
     * Keycloak still accepts for a while: only the current secret may read the secret back.
     */
    static boolean isCurrentSecret(KeycloakSession session, ClientModel client, String secret) {
        String stored = client.getSecret();
        if (stored == null) {
            return false;
        }
        try (VaultStringSecret resolved = session.vault().getStringSecret(stored)) {
            String current = resolved.get().orElse(stored);
            return MessageDigest.isEqual(
                    current.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * One answer for unknown, disabled, public and wrong-secret clients (nothing to enumerate). A client that does
     * not authenticate with a secret at all is told which credential it needs, as Keycloak's token endpoint does.
     */
    private static CustosException refused(RealmModel realm, String clientId) {
        ClientModel client = realm.getClientByClientId(clientId);
        String type = client == null || !client.isEnabled() ? null : client.getClientAuthenticatorType();
        if (type != null && !type.equals("client-secret") && !client.isPublicClient()) {
            return new CustosException(
                    401,
                    "invalid_client",
                    "this client authenticates with '" + type
                            + "', not with a client secret: use Keycloak's token endpoint with that credential and "
                            + "send the "
                            + "access token");
        }
        return new CustosException(401, "invalid_client", "invalid client credentials");
    }
}
