package org.custos.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The hand-written OpenAPI document must describe exactly the endpoints the JAX-RS classes implement: walks every
 * resource reachable from {@link CustosRootResource} through its locators.
 */
class OpenApiDocumentTest {

    @Test
    void documentsEveryImplementedEndpointAndNothingElse() throws Exception {
        Set<String> implemented = new TreeSet<>();
        collect(CustosRootResource.class, "", implemented);
        assertTrue(implemented.contains("POST /identity-management/v1.0.0/token"), implemented.toString());

        JsonNode doc = new ObjectMapper().readTree(CustosRootResource.readOpenApi());
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            doc.get("paths")
                    .get(path)
                    .fieldNames()
                    .forEachRemaining(verb -> documented.add(verb.toUpperCase() + " " + path));
        }
        assertEquals(implemented, documented);
        assertEquals("{{CUSTOS_BASE_URL}}", doc.at("/servers/0/url").asText());
    }

    /** Resource methods with literal paths count; catch-alls ({@code {x: .+}}) are not endpoints. */
    private static void collect(Class<?> type, String prefix, Set<String> out) {
        for (Method m : type.getMethods()) {
            Path path = m.getAnnotation(Path.class);
            if (path == null || path.value().contains(": .+}")) {
                continue;
            }
            String full = prefix + "/" + path.value().replaceAll("^/|/$", "");
            String verb = httpMethod(m);
            if (verb != null) {
                out.add(verb + " " + full);
            } else {
                collect(m.getReturnType(), full, out);
            }
        }
    }

    private static String httpMethod(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }
}
