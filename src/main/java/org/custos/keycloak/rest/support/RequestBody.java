package org.custos.keycloak.rest.support;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.Json;

/**
 * A request body as our endpoints accept it: at most the configured number of bytes (else 413), JSON or — where an
 * endpoint allows it — form-encoded (else 415), and empty when the client sends nothing. Resource methods take the
 * raw bytes so that these rules, not the JAX-RS runtime, decide every answer.
 */
public final class RequestBody {

    private final byte[] bytes;
    private final MediaType type;
    private final MultivaluedMap<String, String> query;
    private final boolean readsQuery;

    private RequestBody(byte[] bytes, MediaType type, MultivaluedMap<String, String> query, boolean readsQuery) {
        this.bytes = bytes == null ? new byte[0] : bytes;
        this.type = type;
        this.query = query;
        this.readsQuery = readsQuery;
    }

    public static RequestBody of(byte[] bytes, HttpHeaders headers, long maxBytes) {
        return of(bytes, headers, maxBytes, null, null);
    }

    /** With the request's verb and query parameters, which stand in for an empty body (see {@link #json}). */
    public static RequestBody of(
            byte[] bytes, HttpHeaders headers, long maxBytes, MultivaluedMap<String, String> query, String method) {
        if (bytes != null && bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        MediaType type = null;
        String contentType = headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.isBlank()) {
            try {
                type = MediaType.valueOf(contentType);
            } catch (IllegalArgumentException e) {
                throw unsupported();
            }
        }
        return new RequestBody(bytes, type, query, "DELETE".equals(method) || "GET".equals(method));
    }

    public static CustosException tooLarge(long maxBytes) {
        return new CustosException(413, "request_too_large", "the request body exceeds " + maxBytes + " bytes");
    }

    private static CustosException unsupported() {
        return new CustosException(415, "unsupported_media_type", "send the request body as application/json");
    }

    public boolean isEmpty() {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    public boolean isForm() {
        return type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    }

    private boolean isJson() {
        return type == null
                || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || (type.getSubtype().endsWith("+json"));
    }

    /**
     * The body as a JSON object of the given type; an empty body (of any declared type) is an empty object — or, for
     * a DELETE or GET with query parameters, the object they spell ({@link Json#readQuery}), as Custos's gateway read
     * those calls' fields from the query. A POST or PUT never is: its fields (passwords among them) belong in a body.
     */
    public <T> T json(Class<T> dto) {
        if (!isEmpty() && !isJson()) {
            throw unsupported();
        }
        if (isEmpty()
                && query != null
                && !query.isEmpty()
                && readsQuery
                && dto != com.fasterxml.jackson.databind.JsonNode.class) {
            return Json.readQuery(query, dto);
        }
        return Json.read(bytes, dto);
    }

    /** The body as a JSON document of the given type, within {@code bounds}; an empty body is an empty object. */
    public <T> T json(Class<T> dto, org.custos.keycloak.representation.RequestLimits.Bounds bounds) {
        if (!isEmpty() && !isJson()) {
            throw unsupported();
        }
        return Json.read(bytes, dto, bounds);
    }

    /** The body as form parameters; only valid when {@link #isForm()}. */
    public MultivaluedMap<String, String> form() {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return form;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                form.add(
                        URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw CustosException.badRequest("malformed form-encoded body");
            }
        }
        return form;
    }
}
