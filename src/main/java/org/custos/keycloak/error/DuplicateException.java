package org.custos.keycloak.error;

/** A store refused a row because one with the same key exists (a concurrent request may have made it first). */
public class DuplicateException extends RuntimeException {

    private final String field;

    public DuplicateException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The request field whose value is taken. */
    public String getField() {
        return field;
    }
}
