package org.custos.keycloak.service.secrets;

/** The kinds of resource secret Custos stores; the stored type is the constant's name. */
public enum SecretType {
    SSH,
    PASSWORD,
    X509_CERTIFICATE,
    KV;

    /** Whether {@code name} is one of the stored types (a bundle's or a query's value). */
    public static boolean isKnown(String name) {
        for (SecretType t : values()) {
            if (t.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
