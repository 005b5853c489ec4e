package org.custos.keycloak.settingstab;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Keeps the Custos tab equal to the realm when the realm changes outside the Custos API: a new realm gets its tab
 * row at creation (import included), and a change of the realm's settings in Keycloak's own pages (e.g. admin events
 * on Realm settings → Events) is written to the tab in the same transaction. A global listener:
 * it sees every realm's admin events whether or not the realm stores them, and needs no per-realm configuration.
 */
public final class ConsoleSettingsListener implements EventListenerProviderFactory {

    public static final String ID = "custos-console";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {}

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                if (event.getResourceType() == ResourceType.REALM
                        && event.getOperationType() == OperationType.UPDATE
                        && event.getRealmId() != null) {
                    RealmModel realm = session.realms().getRealm(event.getRealmId());
                    if (realm != null) {
                        CustosConsole.settingsChanged(session, realm);
                    }
                }
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // The tab's row follows what our services announce (the services never call the console).
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                CustosConsole.realmCreated(created.getKeycloakSession(), created.getCreatedRealm());
            } else {
                CustosConsole.onEvent(event);
            }
        });
    }

    @Override
    public void close() {}

    @Override
    public String getId() {
        return ID;
    }
}
