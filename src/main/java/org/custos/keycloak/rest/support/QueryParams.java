package org.custos.keycloak.rest.support;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.RequestLimits;

/**
 * Query parameters as Custos clients send them: dotted names ({@code user.username}), repeated keys for lists, and
 * numbers that must be numbers (a 400 naming the parameter, not JAX-RS's 404 for an unconvertible value).
 */
public final class QueryParams {

    private final MultivaluedMap<String, String> params;

    public QueryParams(MultivaluedMap<String, String> params) {
        this.params = params;
    }

    /** The first non-blank value among the given names (aliases), or null. */
    public String first(String... names) {
        for (String name : names) {
            String value = params.getFirst(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> values = params.get(name);
        if (values != null) {
            RequestLimits.checkParameter(name, values.size());
        }
        return values == null ? List.of() : values;
    }

    /** {@code true}/{@code false} (any case); absent is null; anything else is 400 naming the parameter. */
    public Boolean bool(String... names) {
        String value = first(names);
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw CustosException.invalidField(names[0], "must be true or false");
        };
    }

    public Integer integer(String name) {
        String value = first(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw CustosException.invalidField(name, "must be a whole number");
        }
    }

    /** A time in epoch milliseconds; absent is null; anything else is 400 naming the parameter. */
    public Long epochMillis(String name) {
        String value = first(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw CustosException.invalidField(name, "must be epoch milliseconds");
        }
    }
}
