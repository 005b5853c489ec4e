package org.custos.keycloak.representation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.custos.keycloak.error.CustosException;

/**
 * Reads request bodies the way a Custos client sends them: unknown fields are ignored, JSON {@code null} means
 * absent, every field is read under its snake_case and its lowerCamelCase name (protobuf's JSON rule), quoted
 * numbers and booleans convert, and a known field of the wrong type is a 400 that names it.
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
        MAPPER.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
    }

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a JSON document; an empty body yields an empty object so that all-optional requests work. Every field
     * is read under its proto name and its lowerCamelCase JSON name alike ({@link #canonicalNames}).
     */
    public static <T> T read(byte[] body, Class<T> type) {
        return read(body, type, RequestLimits.REQUEST);
    }

    /** As {@link #read(byte[], Class)}, within other bounds than a request's. */
    public static <T> T read(byte[] body, Class<T> type, RequestLimits.Bounds bounds) {
        try {
            if (body == null || isBlank(body)) {
                return MAPPER.readValue("{}", type);
            }
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || tree.isNull()) {
                throw CustosException.badRequest("the request body must be a JSON object, not null");
            }
            RequestLimits.check(tree, bounds);
            return MAPPER.treeToValue(canonicalNames(tree, MAPPER.constructType(type)), type);
        } catch (MismatchedInputException e) {
            throw CustosException.badRequest(describe(e));
        } catch (JsonProcessingException e) {
            if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
                throw CustosException.badRequest("a value does not fit its field (a number out of range?)");
            }
            throw CustosException.badRequest(
                    "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw CustosException.badRequest("unreadable request body");
        }
    }

    /**
     * Reads a request from query parameters, as Custos's gateway bound every field the body did not carry:
     * {@code entity.id=x} is {@code {"entity":{"id":"x"}}}, a repeated name is an array, one value where an array is
     * expected is an array of one, and {@code "true"} and {@code "10"} convert as in a body.
     */
    public static <T> T readQuery(Map<String, List<String>> params, Class<T> type) {
        ObjectNode root = MAPPER.createObjectNode();
        params.forEach((name, values) -> RequestLimits.checkParameter(name, values.size()));
        params.forEach((name, values) -> {
            String[] path = name.split("\\.", -1);
            if (java.util.Arrays.stream(path).anyMatch(String::isEmpty)) {
                return;
            }
            ObjectNode node = root;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = node.get(path[i]);
                if (child != null && !child.isObject()) {
                    return;
                }
                node = child != null ? (ObjectNode) child : node.putObject(path[i]);
            }
            if (values.size() == 1) {
                node.put(path[path.length - 1], values.get(0));
            } else {
                values.forEach(node.putArray(path[path.length - 1])::add);
            }
        });
        try {
            return MAPPER.readerFor(type)
                    .with(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    .readValue(canonicalNames(root, MAPPER.constructType(type)));
        } catch (MismatchedInputException e) {
            throw CustosException.badRequest(describe(e).replace("field '", "parameter '"));
        } catch (IOException e) {
            throw CustosException.badRequest("unreadable query parameters");
        }
    }

    /**
     * Protobuf's JSON parser — Custos's gateway — accepts every field under its proto name ({@code client_id}) and
     * its lowerCamelCase JSON name ({@code clientId}). A key the target type does not know is renamed to the other
     * spelling when the type knows that one (and the body does not already carry it), in nested objects and lists
     * too; everything else is left as sent.
     */
    static JsonNode canonicalNames(JsonNode node, JavaType type) {
        if (node == null || type == null) {
            return node;
        }
        if (node.isArray() && type.isContainerType() && type.getContentType() != null) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(item -> out.add(canonicalNames(item, type.getContentType())));
            return out;
        }
        if (!node.isObject()
                || type.isContainerType()
                || type.isJavaLangObject()
                || JsonNode.class.isAssignableFrom(type.getRawClass())
                || type.getRawClass().getName().startsWith("java.")) {
            return node;
        }
        Map<String, JavaType> known = PROPERTIES.computeIfAbsent(type, Json::propertiesOf);
        ObjectNode out = MAPPER.createObjectNode();
        node.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (!known.containsKey(name)) {
                String other = name.contains("_") ? lowerCamel(name) : snake(name);
                if (known.containsKey(other) && !node.has(other)) {
                    name = other;
                }
            }
            out.set(name, canonicalNames(field.getValue(), known.get(name)));
        });
        return out;
    }

    /** Each request type's property names (aliases included) and their types, introspected once. */
    private static final Map<JavaType, Map<String, JavaType>> PROPERTIES = new ConcurrentHashMap<>();

    private static Map<String, JavaType> propertiesOf(JavaType type) {
        Map<String, JavaType> known = new HashMap<>();
        for (BeanPropertyDefinition property :
                MAPPER.getDeserializationConfig().introspect(type).findProperties()) {
            known.put(property.getName(), property.getPrimaryType());
            property.findAliases().forEach(alias -> known.put(alias.getSimpleName(), property.getPrimaryType()));
        }
        return known;
    }

    private static String lowerCamel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    private static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public static JsonNode readTree(byte[] body) {
        return read(body, JsonNode.class);
    }

    static String describe(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
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
