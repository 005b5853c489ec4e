package org.custos.keycloak.ui;

import java.util.Map;
import java.util.Optional;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.custos.keycloak.model.SharingTypeStore;
import org.custos.keycloak.service.settings.CustosSettings;
import org.custos.keycloak.service.support.CustosEvents;
import org.keycloak.common.Profile;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * What the Keycloak admin console shows of Custos. The console's declarative pages list components, so every row
 * a Custos page shows is a component of the realm kept equal to our own data, in the same transaction as the
 * change, by listening to what the services announce ({@link CustosEvents}): the Custos settings tab (one per
 * realm), entity types, permission types and secret summaries (never a value). With the {@code declarative-ui}
 * feature off, nothing is written.
 */
public final class CustosConsole {

    private static final String SYNCING = CustosConsole.class.getName() + ".syncing";

    private CustosConsole() {}

    /** True while we write a console row: the pages' own validation then lets the write through. */
    static boolean syncing(KeycloakSession session) {
        return session.getAttribute(SYNCING) != null;
    }

    /** True for a call of the admin API's components endpoint: what the console's Save and Create send. */
    static boolean isComponentsRequest(KeycloakSession session) {
        try {
            return session.getContext().getUri() != null
                    && session.getContext().getUri().getPath().matches(".*/admin/realms/[^/]+/components(/.*)?");
        } catch (RuntimeException e) {
            return false; // no HTTP request: startup import, a scheduled task
        }
    }

    /**
     * A realm was just created (or imported): it has no Custos data yet, so rows an import brought along are
     * dropped, and its settings row is written from the realm as created.
     */
    public static void realmCreated(KeycloakSession session, RealmModel realm) {
        if (!on()) {
            return;
        }
        java.util.Set<String> pages =
                java.util.Set.of(SharingTypePage.ENTITY_TYPES, SharingTypePage.PERMISSION_TYPES, SecretsPage.ID);
        realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(c -> pages.contains(c.getProviderId()))
                .toList()
                .forEach(c -> writing(session, () -> realm.removeComponent(c)));
        settingsChanged(session, realm);
    }

    /** What the services announce, applied to the console's rows. */
    static void onEvent(ProviderEvent event) {
        if (event instanceof CustosEvents.SettingsChanged e) {
            settingsChanged(e.session(), e.realm());
        } else if (event instanceof CustosEvents.SharingTypeChanged e) {
            String page = e.kind() == SharingTypeStore.Kind.ENTITY_TYPE
                    ? SharingTypePage.ENTITY_TYPES
                    : SharingTypePage.PERMISSION_TYPES;
            if (e.removed()) {
                remove(
                        e.session(),
                        e.realm(),
                        page,
                        SharingTypePage.ID_FIELD,
                        e.type().externalId());
            } else {
                put(
                        e.session(),
                        e.realm(),
                        UiPageProvider.class.getName(),
                        page,
                        SharingTypePage.ID_FIELD,
                        e.type().externalId(),
                        SharingTypePage.row(e.type()));
            }
        } else if (event instanceof CustosEvents.SecretChanged e) {
            secretChanged(e.session(), e.realm(), e.secret());
        } else if (event instanceof CustosEvents.SecretRemoved e) {
            secretRemoved(e.session(), e.realm(), e.token());
        }
    }

    private static boolean on() {
        return Profile.isFeatureEnabled(Profile.Feature.DECLARATIVE_UI);
    }

    static void settingsChanged(KeycloakSession session, RealmModel realm) {
        put(session, realm, UiTabProvider.class.getName(), SettingsTab.ID, null, null, SettingsTab.current(realm));
    }

    /**
     * Turns the secrets page of a realm on (every stored secret gets its row, those stored earlier included) or off
     * (every row removed; secret writes then write no row).
     */
    static void secretRowsTurned(KeycloakSession session, RealmModel realm, boolean on) {
        if (!on()) {
            return;
        }
        if (on) {
            CustosStores.of(session)
                    .secrets()
                    .ofRealm(realm.getId())
                    .forEach(secret -> secretChanged(session, realm, secret));
        } else {
            realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                    .filter(c -> SecretsPage.ID.equals(c.getProviderId()))
                    .toList()
                    .forEach(c -> writing(session, () -> realm.removeComponent(c)));
        }
    }

    private static void secretChanged(KeycloakSession session, RealmModel realm, StoredSecret secret) {
        if (!CustosSettings.consoleSecretRows(realm)) {
            return;
        }
        put(
                session,
                realm,
                UiPageProvider.class.getName(),
                SecretsPage.ID,
                SecretsPage.ID_FIELD,
                secret.token(),
                SecretsPage.row(secret));
    }

    private static void secretRemoved(KeycloakSession session, RealmModel realm, String token) {
        if (!CustosSettings.consoleSecretRows(realm)) {
            return;
        }
        remove(session, realm, SecretsPage.ID, SecretsPage.ID_FIELD, token);
    }

    private static Optional<ComponentModel> find(
            RealmModel realm, String providerType, String providerId, String keyField, String key) {
        return realm.getComponentsStream(realm.getId(), providerType)
                .filter(c -> providerId.equals(c.getProviderId()) && (keyField == null || key.equals(c.get(keyField))))
                .findFirst();
    }

    private static void put(
            KeycloakSession session,
            RealmModel realm,
            String providerType,
            String providerId,
            String keyField,
            String key,
            Map<String, String> row) {
        if (!on()) {
            return;
        }
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        row.forEach((name, value) -> config.putSingle(name, value == null ? "" : value));
        Optional<ComponentModel> existing = find(realm, providerType, providerId, keyField, key);
        writing(session, () -> {
            if (existing.isPresent()) {
                ComponentModel c = existing.get();
                if (!c.getConfig().equals(config)) {
                    c.setConfig(config);
                    realm.updateComponent(c);
                }
            } else {
                ComponentModel c = new ComponentModel();
                c.setName(key == null ? providerId : key);
                c.setParentId(realm.getId());
                c.setProviderType(providerType);
                c.setProviderId(providerId);
                c.setConfig(config);
                realm.addComponentModel(c);
            }
        });
    }

    private static void remove(
            KeycloakSession session, RealmModel realm, String providerId, String keyField, String key) {
        if (!on()) {
            return;
        }
        find(realm, UiPageProvider.class.getName(), providerId, keyField, key)
                .ifPresent(c -> writing(session, () -> realm.removeComponent(c)));
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
