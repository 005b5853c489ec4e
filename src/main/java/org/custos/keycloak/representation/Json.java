package org.custos.keycloak.representation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.custos.keycloak.error.CustosException;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads request bodies the way a Custos client sends them: unknown fields are ignored, JSON {@code null} means
 * absent, camelCase aliases are declared on the DTOs, and a known field of the wrong type is a 400 that names it.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    static {
        // Custos's transcoder accepted "true"/"false" for booleans; numbers and booleans are never strings.
        MAPPER.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        MAPPER.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // Protobuf's JSON mapping accepts quoted integers ("10"), and prints 64-bit ones quoted.
        MAPPER.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a JSON document; an empty body yields an empty object so that all-optional requests work. */
    public static <T> T read(byte[] body, Class<T> type) {
        try {
            if (body == null || isBlank(body)) {
                return MAPPER.readValue("{}", type);
            }
            return MAPPER.readValue(body, type);
        } catch (MismatchedInputException e) {
            throw CustosException.badRequest(describe(e));
        } catch (JsonProcessingException e) {
            throw CustosException.badRequest("malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw CustosException.badRequest("unreadable request body");
        }
    }

    /**
     * Reads a request from query parameters, as Custos's gateway bound every field the body did not carry:
     * {@code entity.id=x} is {@code {"entity":{"id":"x"}}}, a repeated name is an array, one value where an array is
     * expected is an array of one, and {@code "true"} and {@code "10"} convert as in a body.
     */
    public static <T> T readQuery(java.util.Map<String, java.util.List<String>> params, Class<T> type) {
        com.fasterxml.jackson.databind.node.ObjectNode root = MAPPER.createObjectNode();
        params.forEach((name, values) -> {
            String[] path = name.split("\\.");
            com.fasterxml.jackson.databind.node.ObjectNode node = root;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = node.get(path[i]);
                if (child != null && !child.isObject()) {
                    return;
                }
                node = child != null ? (com.fasterxml.jackson.databind.node.ObjectNode) child : node.putObject(path[i]);
            }
            if (values.size() == 1) {
                node.put(path[path.length - 1], values.get(0));
            } else {
                values.forEach(node.putArray(path[path.length - 1])::add);
            }
        });
        try {
            return MAPPER.readerFor(type).with(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY).readValue(root);
        } catch (MismatchedInputException e) {
            throw CustosException.badRequest(describe(e).replace("field '", "parameter '"));
        } catch (IOException e) {
            throw CustosException.badRequest("unreadable query parameters");
        }
    }

    public static JsonNode readTree(byte[] body) {
        return read(body, JsonNode.class);
    }

    static String describe(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (path.isEmpty()) {
            return "the request body must be a JSON object";
        }
        String expected = e.getTargetType() == null ? "another type" : typeName(e.getTargetType());
        // Never echo the submitted value: the field may hold a password or secret.
        return "field '" + path + "' must be " + expected;
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
