package org.custos.keycloak.service.support;

import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.custos.keycloak.model.SharingTypeStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Changes our services announce, in the transaction of the change, through Keycloak's own provider-event bus
 * ({@code KeycloakSessionFactory.publish}). Whoever keeps a copy — the admin console's rows — listens; the
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

    /** An entity type or permission type was created, changed or ({@code removed}) deleted. */
    public record SharingTypeChanged(
            KeycloakSession session,
            RealmModel realm,
            SharingTypeStore.Kind kind,
            SharingTypeStore.SharingType type,
            boolean removed)
            implements ProviderEvent {
        @Override
        public KeycloakSession getKeycloakSession() {
            return session;
        }
    }

    /** A secret was stored or re-sealed (its metadata: never a value). */
    public record SecretChanged(KeycloakSession session, RealmModel realm, StoredSecret secret)
            implements ProviderEvent {
        @Override
        public KeycloakSession getKeycloakSession() {
            return session;
        }
    }

    /** A secret was deleted. */
    public record SecretRemoved(KeycloakSession session, RealmModel realm, String token) implements ProviderEvent {
        @Override
        public KeycloakSession getKeycloakSession() {
            return session;
        }
    }
}
