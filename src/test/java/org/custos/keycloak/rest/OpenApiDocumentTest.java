package org.custos.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.custos.keycloak.service.support.CustosOperations;
import org.junit.jupiter.api.Test;

/**
 * The route table is written once, as JAX-RS annotations: the hand-written OpenAPI document must describe exactly the
 * endpoints {@link RouteTable} reads from the resources, each under the resource method's {@code @OperationId}.
 */
class OpenApiDocumentTest {

    private static final JsonNode DOC = read();

    @Test
    void documentsEveryImplementedEndpointUnderItsOperationIdAndNothingElse() {
        Set<String> implemented = new TreeSet<>();
        RouteTable.all().forEach(r -> implemented.add(r.method() + " /" + r.path() + " " + r.operationId()));
        assertTrue(implemented.contains("POST /identity-management/v1.0.0/token token"), implemented.toString());
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = DOC.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            DOC.get("paths")
                    .get(path)
                    .fields()
                    .forEachRemaining(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path + " "
                            + op.getValue().path("operationId").asText()));
        }
        assertEquals(implemented, documented);
        assertEquals("{{CUSTOS_BASE_URL}}", DOC.at("/servers/0/url").asText());
    }

    @Test
    void operationIdsAreUniqueAsOpenApiRequires() {
        Set<String> seen = new HashSet<>();
        List<String> repeated = RouteTable.all().stream()
                .map(RouteTable.Route::operationId)
                .filter(id -> !seen.add(id))
                .toList();
        assertEquals(List.of(), repeated);
    }

    @Test
    void aRequestFindsItsOperationAndTheCustosRpcTheAuditLogNames() {
        assertEquals(
                new CustosOperations.Operation(CustosOperations.GROUPS, "POST", "addUserToGroup"),
                RouteTable.operation("POST", "group-management/v1.0.0/user/group/membership")
                        .orElseThrow());
        // two paths, one Custos RPC; Custos's own name for the identity service's getUser
        assertEquals(
                "deleteUserRoles",
                RouteTable.operation("DELETE", "user-management/v1.0.0/users/roles")
                        .orElseThrow()
                        .name());
        assertEquals(
                CustosOperations.IDENTITY,
                RouteTable.operation("GET", "/identity-management/v1.0.0/user/")
                        .orElseThrow()
                        .service());
        // a literal segment wins over a template, as in JAX-RS
        assertEquals(
                "deleteAgentAttributes",
                RouteTable.operation("DELETE", "agent-management/v1.0.0/agent/attributes")
                        .orElseThrow()
                        .name());
        assertEquals(
                "deleteAgent",
                RouteTable.operation("DELETE", "agent-management/v1.0.0/agent/a1")
                        .orElseThrow()
                        .name());
        // our own services record no Custos operation; unknown paths have none
        assertTrue(RouteTable.operation("POST", "authzen/access/v1/evaluation").isEmpty());
        assertTrue(RouteTable.find("POST", "authzen/access/v1/evaluation").isPresent());
        assertTrue(RouteTable.operation("GET", "user-management/v1.0.0/nothing").isEmpty());
        assertTrue(RouteTable.operation("PATCH", "user-management/v1.0.0/user").isEmpty());
    }

    @Test
    void everyCustosServiceIsServed() {
        Set<String> services = new TreeSet<>();
        RouteTable.operations().forEach(o -> services.add(o.service()));
        assertEquals(
                new TreeSet<>(List.of(
                        CustosOperations.AGENTS,
                        CustosOperations.GROUPS,
                        CustosOperations.IDENTITY,
                        CustosOperations.LOGS,
                        CustosOperations.SECRETS,
                        CustosOperations.SHARING,
                        CustosOperations.TENANTS,
                        CustosOperations.USERS)),
                services);
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(CustosRootResource.readOpenApi());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
