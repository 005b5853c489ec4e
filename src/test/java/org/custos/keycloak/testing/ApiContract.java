package org.custos.keycloak.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every answer of a Custos endpoint that a test receives is checked against the OpenAPI document we serve
 * ({@code src/main/resources/custos-openapi.json}) with Atlassian's OpenAPI validator: its status must be documented
 * for the operation and its body must match the documented schema. A disagreement fails the test that made the
 * call, so the document cannot drift from what the server answers.
 */
public final class ApiContract {

    private static final Path DOCUMENT = Path.of("src/main/resources/custos-openapi.json");
    private static final List<String> VIOLATIONS = Collections.synchronizedList(new ArrayList<>());
    private static OpenApiInteractionValidator validator;

    private ApiContract() {}

    private static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            String spec;
            try {
                JsonNode document =
                        Http.JSON.readTree(Files.readString(DOCUMENT).replace("{{CUSTOS_BASE_URL}}", "/"));
                strict(document, false);
                spec = Http.JSON.writeValueAsString(document);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                    .withLevelResolver(LevelResolver.create()
                            // Requests are the tests' business: many send wrong ones on purpose.
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response", ValidationReport.Level.ERROR)
                            .build())
                    .build();
            if (Boolean.getBoolean("custos.contract.report")) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        Files.write(Path.of("target/contract-violations.txt"), violations());
                    } catch (IOException e) {
                        e.printStackTrace();
                    }
                }));
            }
        }
        return validator;
    }

    /**
     * Makes every object schema exact for the check: each documented property is required and no other is
     * allowed, so that a field the server adds, renames or drops is a disagreement. Members of an {@code allOf}
     * are left open (each sees only part of the object).
     */
    static void strict(JsonNode node, boolean inAllOf) {
        if (node instanceof ObjectNode object) {
            if (!inAllOf && object.path("properties").isObject() && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
                if (!object.has("required")) {
                    ArrayNode required = object.putArray("required");
                    object.get("properties").fieldNames().forEachRemaining(required::add);
                }
            }
            object.fields().forEachRemaining(e -> {
                if (e.getKey().equals("properties") && e.getValue() instanceof ObjectNode members) {
                    // A map of property schemas, not a schema (a property may itself be named "properties").
                    members.forEach(member -> strict(member, false));
                } else {
                    strict(e.getValue(), e.getKey().equals("allOf"));
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> strict(element, inAllOf));
        }
    }

    /** Checks one answer and fails the calling test on a disagreement (unless surveying). */
    public static void check(String method, String url, int status, Map<String, List<String>> headers, String body) {
        List<String> problems = problems(method, url, status, headers, body);
        if (!problems.isEmpty()) {
            String what = method + " " + URI.create(url).getPath() + " -> " + status + ": " + problems + " body: "
                    + (body == null ? "" : body.length() > 400 ? body.substring(0, 400) + "..." : body);
            VIOLATIONS.add(what);
            if (!Boolean.getBoolean("custos.contract.report")) {
                throw new AssertionError("the answer disagrees with custos-openapi.json: " + what);
            }
        }
    }

    /** How one answer disagrees with the document; empty when it agrees or is not a Custos endpoint. */
    static List<String> problems(
            String method, String url, int status, Map<String, List<String>> headers, String body) {
        String path = URI.create(url).getPath();
        int at = path.indexOf("/custos/");
        if (at < 0 || !path.startsWith("/realms/") || path.endsWith("/custos/openapi.json")) {
            return List.of();
        }
        String operation = path.substring(at + "/custos".length());
        Request.Method verb;
        try {
            verb = Request.Method.valueOf(method);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> response.withHeader(name, values));
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = validator().validateResponse(operation, verb, response.build());
        List<String> problems = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR && !m.getKey().startsWith("validation.request")) {
                problems.add(m.getKey() + ": " + m.getMessage());
            }
        }
        return problems;
    }

    /** What {@code -Dcustos.contract.report=true} collected instead of failing (for a one-time survey). */
    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }
}
