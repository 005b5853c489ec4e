package org.custos.keycloak.error;

/** A move would put a node below itself; nothing was changed. */
public class CycleException extends RuntimeException {

    public CycleException(String message) {
        super(message, null, false, false);
    }
}
