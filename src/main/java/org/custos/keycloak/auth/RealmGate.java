package org.custos.keycloak.auth;

import org.custos.keycloak.error.CustosException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What Keycloak's token endpoint checks before it looks at any credential ({@code TokenEndpoint.checkSsl} and
 * {@code checkRealm}), checked before every Custos request: a disabled realm serves nothing (Keycloak answers its
 * token requests 403 "Realm not enabled"), and a request over plain HTTP from an address for which the realm's
 * <em>Require SSL</em> setting demands HTTPS is refused (403 "HTTPS required"). Both decisions are Keycloak's own:
 * {@link RealmModel#isEnabled()} and {@code SslRequired.isRequired(connection)}.
 */
public final class RealmGate {

    private RealmGate() {}

    public static void requireOpen(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        if (!realm.isEnabled()) {
            throw new CustosException(403, "access_denied", "Realm not enabled");
        }
        var uri = session.getContext().getUri();
        boolean https = uri != null && "https".equalsIgnoreCase(uri.getBaseUri().getScheme());
        if (!https && realm.getSslRequired().isRequired(session.getContext().getConnection())) {
            throw new CustosException(403, "invalid_request", "HTTPS required");
        }
    }
}
