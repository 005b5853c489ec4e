package org.custos.keycloak.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.service.support.CustosOperations;

/**
 * Every endpoint below {@code /realms/{realm}/custos}, read from the JAX-RS annotations of {@link CustosRootResource}
 * and the resources its locators return — the route table is written once, as JAX-RS paths with an
 * {@link OperationId} each. The OpenAPI document is checked against it (OpenApiDocumentTest), and a request finds the
 * operation it serves here, for its audit record.
 */
public final class RouteTable {

    private static final Map<Class<? extends Annotation>, String> VERBS =
            Map.of(GET.class, "GET", POST.class, "POST", PUT.class, "PUT", DELETE.class, "DELETE");

    /**
     * One endpoint: its verb, its path below {@code /custos} (templates in braces), its operation id, and the
     * Custos RPC it serves (the audit log's name for it), and the Custos service that served it (the gRPC service
     * name; null for our own services: AuthZEN, self-service).
     */
    public record Route(String method, String path, String operationId, String rpc, String service) {

        boolean matches(String verb, String[] segments) {
            String[] own = path.split("/");
            if (!method.equals(verb) || own.length != segments.length) {
                return false;
            }
            for (int i = 0; i < own.length; i++) {
                if (!own[i].startsWith("{") && !own[i].equals(segments[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    static final List<Route> ALL = read();
    private static final List<CustosOperations.Operation> OPERATIONS = ALL.stream()
            .filter(r -> r.service() != null)
            .map(r -> new CustosOperations.Operation(r.service(), r.method(), r.rpc()))
            .toList();

    private RouteTable() {}

    public static List<Route> all() {
        return ALL;
    }

    /** The operations of the Custos services (not AuthZEN's or self-service's): the audit log's catalogue. */
    public static List<CustosOperations.Operation> operations() {
        return OPERATIONS;
    }

    /** The Custos operation a request serves, from its verb and its path below {@code /custos}. */
    public static Optional<CustosOperations.Operation> operation(String verb, String pathBelowCustos) {
        return find(verb, pathBelowCustos)
                .filter(r -> r.service() != null)
                .map(r -> new CustosOperations.Operation(r.service(), r.method(), r.rpc()));
    }

    /**
     * The route a request served, from its verb and its path below {@code /custos} (e.g.
     * {@code user-management/v1.0.0/user/activation}). Literal segments win over templates, as in JAX-RS.
     */
    public static Optional<Route> find(String verb, String pathBelowCustos) {
        String[] segments = strip(pathBelowCustos).split("/");
        return ALL.stream()
                .filter(r -> r.matches(verb, segments))
                .min(Comparator.comparingLong(
                        r -> r.path().chars().filter(c -> c == '{').count()));
    }

    private static List<Route> read() {
        List<Route> routes = new ArrayList<>();
        for (Method locator : CustosRootResource.class.getMethods()) {
            Path prefix = locator.getAnnotation(Path.class);
            if (prefix == null || verb(locator) != null) {
                continue;
            }
            String service = CustosOperations.serviceAt(prefix.value().split("/")[0]);
            for (Method m : locator.getReturnType().getMethods()) {
                add(routes, prefix.value() + "/", m, service);
            }
        }
        for (Method m : CustosRootResource.class.getMethods()) {
            add(routes, "", m, null);
        }
        return List.copyOf(routes);
    }

    private static void add(List<Route> routes, String prefix, Method m, String service) {
        String verb = verb(m);
        Path path = m.getAnnotation(Path.class);
        if (verb == null || (path != null && path.value().contains(":"))) {
            return; // not an endpoint, or a catch-all ({unmatched: .+}) answering 404 for what no endpoint serves
        }
        OperationId id = m.getAnnotation(OperationId.class);
        if (id == null) {
            throw new IllegalStateException(m + " serves an endpoint without an @OperationId");
        }
        String rpc = id.rpc().isEmpty() ? id.value() : id.rpc();
        routes.add(new Route(verb, strip(prefix + (path == null ? "" : path.value())), id.value(), rpc, service));
    }

    private static String verb(Method m) {
        return VERBS.entrySet().stream()
                .filter(v -> m.isAnnotationPresent(v.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static String strip(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
