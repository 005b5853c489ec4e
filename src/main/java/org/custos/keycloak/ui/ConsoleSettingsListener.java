package org.custos.keycloak.ui;

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
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.storage.ImportRealmFromRepresentationEvent;

/**
 * Keeps the Custos tab equal to the realm when the realm changes outside the Custos API: a new realm gets its tab
 * row at creation (import included), and a change of the realm's settings in Keycloak's own pages (e.g. admin events
 * on Realm settings → Events) is written to the tab in the same transaction. Before a realm is imported, rows of the
 * retired read-only pages an old export carries are left out ({@link CustosConsole#beforeImport}). A global listener:
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
        registerFirst(factory, event -> {
            if (event instanceof ImportRealmFromRepresentationEvent importing && importing.getRealmModel() == null) {
                CustosConsole.beforeImport(importing.getRealmRepresentation());
            }
        });
        // The tab's row follows what our services announce (the services never call the console).
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                CustosConsole.realmCreated(created.getKeycloakSession(), created.getCreatedRealm());
            } else {
                CustosConsole.onEvent(event);
            }
        });
    }

    /**
     * Registers a listener ahead of Keycloak's own: the import listener must see a realm's representation before
     * Keycloak imports it, and Keycloak calls listeners in the order of its factories' postInit, which varies from one
     * start to the next. Keycloak has no API for this, so the one reflective access of the jar puts it first in the
     * session factory's listener list; should that fail (another Keycloak version), it is registered as usual and an
     * old export with retired rows may then be refused, which the log says.
     */
    @SuppressWarnings("unchecked")
    private static void registerFirst(KeycloakSessionFactory factory, ProviderEventListener listener) {
        try {
            java.lang.reflect.Field listeners =
                    org.keycloak.services.DefaultKeycloakSessionFactory.class.getDeclaredField("listeners");
            listeners.setAccessible(true);
            ((java.util.List<ProviderEventListener>) listeners.get(factory)).add(0, listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            org.jboss.logging.Logger.getLogger(ConsoleSettingsListener.class)
                    .warnf(
                            "could not put the realm-import listener first (%s); realms exported with the retired "
                                    + "Custos console rows may fail to import",
                            e.toString());
            factory.register(listener);
        }
    }

    @Override
    public void close() {}

    @Override
    public String getId() {
        return ID;
    }
}
