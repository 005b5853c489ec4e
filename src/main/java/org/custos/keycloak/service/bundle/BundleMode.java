package org.custos.keycloak.service.bundle;

import org.custos.keycloak.error.CustosException;

/** What an import does with conflicts: only report them, refuse the import, or keep the realm's rows. */
public enum BundleMode {
    DRY_RUN,
    REFUSE,
    MERGE;

    public static BundleMode of(String value) {
        if (value == null || value.isBlank()) {
            return REFUSE;
        }
        for (BundleMode m : values()) {
            if (m.label().equals(value)) {
                return m;
            }
        }
        throw CustosException.invalidField("mode", "must be one of dry-run, refuse, merge");
    }

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
