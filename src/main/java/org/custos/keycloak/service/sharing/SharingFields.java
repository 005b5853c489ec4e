package org.custos.keycloak.service.sharing;

import java.util.Base64;
import org.custos.keycloak.error.CustosException;

/** Validation of the sharing service's request fields: each failure is a 400 naming the field. */
final class SharingFields {

    private SharingFields() {}

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw CustosException.invalidField(field, "is required");
        }
        return value;
    }

    static <T> T requiredObject(T value, String field) {
        if (value == null) {
            throw CustosException.invalidField(field, "is required");
        }
        return value;
    }

    static String identifier(String value, String field) {
        String id = required(value, field);
        if (id.length() > 255) {
            throw CustosException.invalidField(field, "must be at most 255 characters");
        }
        if (!id.equals(id.strip())) {
            throw CustosException.invalidField(field, "must not start or end with whitespace");
        }
        return id;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String nz(String value) {
        return value == null ? "" : value;
    }

    static String binary(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return base64;
        }
        try {
            Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw CustosException.invalidField("entity.binary_data", "must be base64");
        }
        return base64;
    }
}
