package org.custos.keycloak.service.migrate;

import java.util.Map;
import org.custos.keycloak.model.legacy.LegacyTables;

/**
 * Where a legacy Custos database is: a JDBC URL and its account, from the operator's SPI options {@code legacy-db-url},
 * {@code legacy-db-username} and {@code legacy-db-password} — never from a request — and, for a 2021 Custos that ran
 * a database per service under other names than its own, which database holds which service's tables ({@code
 * legacy-db-schemas}, as {@link LegacyTables#parse} reads it).
 */
public record LegacySource(String url, String username, String password, Map<String, String> schemas) {

    /**
     * The operator's options as given; {@code schemas} the {@code legacy-db-schemas} text.
     *
     * @throws IllegalArgumentException naming a {@code legacy-db-schemas} pair that is not a service and a database
     */
    public static LegacySource of(String url, String username, String password, String schemas) {
        return new LegacySource(url, username, password, LegacyTables.parse(schemas));
    }

    @Override
    public String toString() {
        return "LegacySource[" + url + ", " + username + "]"; // never the password
    }
}
