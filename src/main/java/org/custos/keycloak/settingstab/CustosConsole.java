package org.custos.keycloak.settingstab;

import java.util.Optional;
import org.custos.keycloak.service.support.CustosEvents;
import org.keycloak.common.Profile;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * The Custos settings tab of Realm settings, a declarative tab of Keycloak's admin console: its form is a component
 * of the realm, kept equal to the realm's settings in the same transaction as a change ({@link
 * CustosEvents.SettingsChanged}). Everything else Custos shows in the console comes from its admin endpoints, live;
 * nothing else is copied. With the {@code declarative-ui} feature off, nothing is written.
 */
public final class CustosConsole {

    private static final String SYNCING = CustosConsole.class.getName() + ".syncing";

    private CustosConsole() {}

    /** True while we write the tab's row: the tab's own validation then lets the write through. */
    static boolean syncing(KeycloakSession session) {
        return session.getAttribute(SYNCING) != null;
    }

    /** True for a call of the admin API's components endpoint: what the console's Save sends. */
    static boolean isComponentsRequest(KeycloakSession session) {
        try {
            return session.getContext().getUri() != null
                    && session.getContext().getUri().getPath().matches(".*/admin/realms/[^/]+/components(/.*)?");
        } catch (RuntimeException e) {
            return false; // no HTTP request: startup import, a scheduled task
        }
    }

    /** A realm was just created (or imported): its settings row is written from the realm as created. */
    public static void realmCreated(KeycloakSession session, RealmModel realm) {
        settingsChanged(session, realm);
    }

    static void onEvent(ProviderEvent event) {
        if (event instanceof CustosEvents.SettingsChanged e) {
            settingsChanged(e.session(), e.realm());
        }
    }

    static void settingsChanged(KeycloakSession session, RealmModel realm) {
        if (!Profile.isFeatureEnabled(Profile.Feature.DECLARATIVE_UI)) {
            return;
        }
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        SettingsTab.current(realm).forEach((name, value) -> config.putSingle(name, value == null ? "" : value));
        Optional<ComponentModel> existing = realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName())
                .filter(c -> SettingsTab.ID.equals(c.getProviderId()))
                .findFirst();
        writing(session, () -> {
            if (existing.isPresent()) {
                ComponentModel c = existing.get();
                if (!c.getConfig().equals(config)) {
                    c.setConfig(config);
                    realm.updateComponent(c);
                }
            } else {
                ComponentModel c = new ComponentModel();
                c.setName(SettingsTab.ID);
                c.setParentId(realm.getId());
                c.setProviderType(UiTabProvider.class.getName());
                c.setProviderId(SettingsTab.ID);
                c.setConfig(config);
                realm.addComponentModel(c);
            }
        });
    }

    private static void writing(KeycloakSession session, Runnable write) {
        session.setAttribute(SYNCING, Boolean.TRUE);
        try {
            write.run();
        } finally {
            session.removeAttribute(SYNCING);
        }
    }
}
