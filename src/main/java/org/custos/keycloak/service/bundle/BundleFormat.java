package org.custos.keycloak.service.bundle;

import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.BundleViews.Bundle;

/** What every bundle an import reads must be: this format and version, from a realm, with every section. */
final class BundleFormat {

    private BundleFormat() {}

    static void require(Bundle bundle) {
        if (bundle == null || !BundleViews.FORMAT.equals(bundle.format())) {
            throw CustosException.invalidField("format", "must be '" + BundleViews.FORMAT + "'");
        }
        if (bundle.version() != BundleViews.VERSION) {
            throw CustosException.invalidField("version", "this server reads version " + BundleViews.VERSION);
        }
        if (bundle.realm() == null || bundle.realm().id() == null) {
            throw CustosException.invalidField("realm.id", "is required");
        }
        for (Object list : new Object[] {
            bundle.settings(),
            bundle.entityTypes(),
            bundle.permissionTypes(),
            bundle.entities(),
            bundle.shares(),
            bundle.memberships(),
            bundle.secrets()
        }) {
            if (list == null) {
                throw CustosException.badRequest(
                        "a bundle carries every section, empty or not: see docs/operations.md");
            }
        }
    }
}
