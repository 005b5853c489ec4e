package org.custos.keycloak.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way our code reports a failure: an HTTP status, an error code and a description a client can act on.
 * It only describes the failure; {@code rest/CustosExceptionMapper} turns it into the JSON body
 * {@code {"error": ..., "error_description": ...}}, marks the transaction rollback-only and logs refusals.
 */
public class CustosException extends RuntimeException {

    private final int status;
    private final String error;
    private final String description;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public CustosException(int status, String error, String description) {
        this(status, error, description, null);
    }

    public CustosException(int status, String error, String description, Throwable cause) {
        super(description, cause, false, false);
        this.status = status;
        this.error = error;
        this.description = description;
    }

    /** A response header the answer carries (e.g. {@code Allow} on a 405). */
    public CustosException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int getStatus() {
        return status;
    }

    public String getError() {
        return error;
    }

    public String getDescription() {
        return description;
    }

    public Map<String, String> getHeaders() {
        return Map.copyOf(headers);
    }

    public static CustosException badRequest(String description) {
        return new CustosException(400, "invalid_request", description);
    }

    public static CustosException invalidField(String field, String problem) {
        return badRequest("field '" + field + "' " + problem);
    }

    public static CustosException unauthorized(String description) {
        return new CustosException(401, "unauthorized", description);
    }

    public static CustosException forbidden(String description) {
        return new CustosException(403, "forbidden", description);
    }

    public static CustosException notFound(String description) {
        return new CustosException(404, "not_found", description);
    }

    public static CustosException conflict(String description) {
        return new CustosException(409, "conflict", description);
    }

    /** Another request changed the same row first (optimistic lock): nothing was written, the client may retry. */
    public static CustosException concurrentChange(String what) {
        return new CustosException(409, "conflict", what + " was changed concurrently; nothing was written, retry");
    }

    /** The database could not be reached: nothing was written, the client may retry later. */
    public static CustosException unavailable(Throwable cause) {
        return new CustosException(
                503, "temporarily_unavailable", "the server cannot reach its storage right now; retry later", cause);
    }
}
