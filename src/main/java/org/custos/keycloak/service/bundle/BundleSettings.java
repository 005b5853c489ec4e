package org.custos.keycloak.service.bundle;

import org.custos.keycloak.auth.CustosTokens;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.service.settings.CustosSettings;
import org.keycloak.models.RealmModel;

/**
 * A bundle's Custos settings (realm attributes {@code custos.*}): set where the realm has none, the same where it has
 * them as they are, a conflict otherwise. The list of Custos clients names only clients of this realm, as the
 * settings tab allows.
 */
final class BundleSettings {

    private final RealmModel realm;

    BundleSettings(RealmModel realm) {
        this.realm = realm;
    }

    void plan(BundleViews.Bundle bundle, BundleImport report) {
        bundle.settings().forEach((name, value) -> plan(name, value, report));
    }

    private void plan(String name, String value, BundleImport report) {
        if (!name.startsWith(BundleExport.SETTINGS_PREFIX) || value == null) {
            report.problem("setting '" + name + "' is not a Custos setting");
            return;
        }
        String current = realm.getAttribute(name);
        if (current == null && name.equals(CustosTokens.CLIENTS_ATTRIBUTE)) {
            // which clients' tokens count: only clients of this realm, as the settings tab allows
            for (String id : value.split("[,\\s]+")) {
                if (!id.isBlank() && !id.equals(CustosTokens.NONE) && realm.getClientByClientId(id) == null) {
                    report.problem("setting '" + name + "' names '" + id + "', which is not a client here");
                    return;
                }
            }
            report.add("settings", () -> CustosSettings.setCustosClients(realm, value));
        } else if (current == null) {
            report.add("settings", () -> realm.setAttribute(name, value));
        } else if (current.equals(value)) {
            report.same("settings");
        } else {
            report.conflict("setting '" + name + "' is '" + current + "' here");
        }
    }
}
