package org.custos.keycloak.auth;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.custos.keycloak.error.CustosException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;

/**
 * Which access tokens act in Custos: the one rule for every path that takes a token (a {@code Bearer} JWT, the
 * {@code user-token} header, Custos's {@code ?access_token=}, AuthZEN). Keycloak's Account API counts a token only
 * when its audience names the account service; Custos is a resource server the same way. A token counts when
 * <ol>
 *   <li>its audience ({@code aud}) contains {@value #AUDIENCE} — what an operator grants any client with Keycloak's
 *       <em>Audience</em> protocol mapper (included custom audience {@value #AUDIENCE}), e.g. in a client scope; or
 *   <li>it was issued ({@code azp}) to one of the realm's Custos clients: the client ids listed in the realm
 *       attribute {@value #CLIENTS_ATTRIBUTE} (the <em>Custos clients</em> field of the realm's Custos settings tab;
 *       registering a Custos agent adds it there). A realm that lists none keeps Custos's own definition — a
 *       tenant's Custos client is a confidential client of the realm — so every enabled confidential client counts
 *       until the operator names them. A client's own attributes never make it count: anyone who may register a
 *       client (Keycloak's client registration) could write them.
 * </ol>
 * A token issued to a client that no longer exists or is disabled is no token (401, as Keycloak's userinfo answers);
 * any other token that does not count is refused with the reason (403) and gains nothing.
 */
public final class CustosTokens {

    /** The audience that lets any client's tokens act in Custos. */
    public static final String AUDIENCE = "custos";
    /** Realm attribute: the client ids whose tokens act in Custos (comma- or space-separated). */
    public static final String CLIENTS_ATTRIBUTE = "custos.clients";
    /** Client attribute marking a Custos agent (what the agent endpoints list; it gives no standing in Custos). */
    public static final String AGENT_MARKER = "custos.agent";

    private CustosTokens() {}

    /** The list's value when the realm lists no client at all (its last listed agent was deleted): none counts. */
    public static final String NONE = "(none)";

    /** Whether the realm lists its Custos clients (else every enabled confidential client counts). */
    public static boolean listsClients(RealmModel realm) {
        String value = realm.getAttribute(CLIENTS_ATTRIBUTE);
        return value != null && !value.isBlank();
    }

    /** The realm's listed Custos clients; empty when it lists none (see {@link #listsClients}). */
    public static Set<String> listedClients(RealmModel realm) {
        String value = realm.getAttribute(CLIENTS_ATTRIBUTE);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split("[,\\s]+"))
                .filter(s -> !s.isBlank() && !s.equals(NONE))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** Whether tokens issued to {@code client} act in Custos by the client alone (rule 2). */
    public static boolean isCustosClient(RealmModel realm, ClientModel client) {
        if (client == null || !client.isEnabled()) {
            return false;
        }
        return listsClients(realm)
                ? listedClients(realm).contains(client.getClientId())
                : !client.isPublicClient() && !client.isBearerOnly();
    }

    /** Refuses a verified token of this realm that may not act in Custos; {@code issuedTo} is its {@code azp}. */
    static void require(RealmModel realm, AccessToken token, ClientModel issuedTo) {
        if (issuedTo == null || !issuedTo.isEnabled()) {
            throw new CustosException(401, "invalid_token", "the client the token was issued to is disabled or gone");
        }
        if (token.hasAudience(AUDIENCE) || isCustosClient(realm, issuedTo)) {
            return;
        }
        throw CustosException.forbidden("the token was issued to client '" + issuedTo.getClientId()
                + "', which is not a Custos client of this realm, and its audience does not include '" + AUDIENCE
                + "' (an administrator adds the client to the realm's Custos clients, or gives it Keycloak's "
                + "Audience mapper for '" + AUDIENCE + "')");
    }
}
