package org.custos.keycloak.service.migrate;

/**
 * Where a legacy Custos database is: a JDBC URL and its account, from the operator's SPI options {@code legacy-db-url},
 * {@code legacy-db-username} and {@code legacy-db-password} — never from a request.
 */
public record LegacySource(String url, String username, String password) {

    @Override
    public String toString() {
        return "LegacySource[" + url + ", " + username + "]"; // never the password
    }
}
