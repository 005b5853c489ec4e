package org.custos.keycloak.service.support;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Changes our services announce, in the transaction of the change, through Keycloak's own provider-event bus
 * ({@code KeycloakSessionFactory.publish}). Whoever keeps a copy — the Custos settings tab's row — listens; the
 * services never call it.
 */
public final class CustosEvents {

    private CustosEvents() {}

    public static void publish(KeycloakSession session, ProviderEvent event) {
        session.getKeycloakSessionFactory().publish(event);
    }

    /** The realm's Custos settings changed (agents, agent token lifetime, audit log, console secret rows). */
    public record SettingsChanged(KeycloakSession session, RealmModel realm) implements ProviderEvent {
        @Override
        public KeycloakSession getKeycloakSession() {
            return session;
        }
    }
}
