package org.custos.keycloak.testing;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A small typed HTTP client for the tests: one request builder, one reply type, nothing hidden. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {}

    /**
     * JSON written in a test (a text block) as a tree, to send or to put into a realm. Strict: a typo, a trailing
     * token or a repeated key fails here, not as a 400 of the server that a test expecting a 400 would accept.
     */
    public static JsonNode parse(String json) {
        try {
            return JSON.reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    public static Request request(String method, String url) {
        return new Request(method, url);
    }

    public static String basic(String clientId, String secret) {
        return "Basic " + b64(clientId + ":" + secret);
    }

    /** Custos's client-credential form. */
    public static String custosBearer(String clientId, String secret) {
        return "Bearer " + b64(clientId + ":" + secret);
    }

    public static String bearer(String jwt) {
        return "Bearer " + jwt;
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    public static final class Request {
        private Duration timeout = Duration.ofSeconds(60);
        private final String method;
        private final String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        private Request(String method, String url) {
            this.method = method;
            this.url = url;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request auth(String authorization) {
            return header("Authorization", authorization);
        }

        public Request json(Object body) {
            try {
                return body(body instanceof String s ? s : JSON.writeValueAsString(body), "application/json");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** JSON written in the test (a text block), checked by {@link Http#parse} before it is sent. */
        public Request jsonBody(String json) {
            return json(parse(json));
        }

        public Request form(Map<String, String> fields) {
            return body(Http.form(fields), "application/x-www-form-urlencoded");
        }

        public Request body(String text, String contentType) {
            return body(text.getBytes(StandardCharsets.UTF_8), contentType);
        }

        public Request body(byte[] bytes, String contentType) {
            this.body = bytes;
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            return this;
        }

        /** How long to wait for the answer (default 60 s). */
        public Request timeout(Duration limit) {
            this.timeout = limit;
            return this;
        }

        public Reply send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            try {
                HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
                ApiContract.check(method, url, r.statusCode(), r.headers().map(), r.body());
                return new Reply(r.statusCode(), r.body(), r.headers().map());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + url + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Reply(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
