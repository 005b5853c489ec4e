package org.custos.keycloak.service.support;

import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/**
 * Custos's services and operations as the audit log names them. Custos logged each call as {@code service_name} =
 * the gRPC service and {@code event_type} = the RPC name; we record each mutation as a Keycloak admin event carrying
 * both (details {@value #SERVICE_DETAIL} and {@value #DETAIL}), so both filters of {@code GET logs} keep Custos's
 * meaning. Which operation a request serves is decided by the rest layer from the resource method's
 * {@code @OperationId} and handed down in the session attribute {@link #ATTRIBUTE}.
 */
public final class CustosOperations {

    /** The admin-event detail holding the Custos operation that recorded the event. */
    public static final String DETAIL = "custos_operation";

    public static final String USERS = "org.apache.custos.user.management.service.UserManagementService";
    public static final String GROUPS = "org.apache.custos.group.management.service.GroupManagementService";
    public static final String SECRETS =
            "org.apache.custos.resource.secret.management.service.ResourceSecretManagementService";
    public static final String AGENTS = "org.apache.custos.agent.management.service.AgentManagementService";
    public static final String SHARING = "org.apache.custos.sharing.management.service.SharingManagementService";
    public static final String LOGS = "org.apache.custos.log.management.service.LogManagementService";
    public static final String IDENTITY = "org.apache.custos.identity.management.service.IdentityManagementService";
    public static final String TENANTS = "org.apache.custos.tenant.management.service.TenantManagementService";

    /** The session attribute holding the {@link Operation} the current request serves (set by the rest layer). */
    public static final String ATTRIBUTE = CustosOperations.class.getName();

    /** The admin-event detail holding the Custos service that recorded the event. */
    public static final String SERVICE_DETAIL = "custos_service";

    /**
     * One operation of a Custos service: the service (its gRPC name), the HTTP verb it is served with, and its RPC
     * name. The catalogue is read from the JAX-RS resources (rest.RouteTable), never written out here.
     */
    public record Operation(String service, String method, String name) {

        public boolean isRead() {
            return method.equals("GET");
        }
    }

    private CustosOperations() {}

    /** The operation the current request serves, if it is one of a Custos service's. */
    public static Optional<Operation> current(KeycloakSession session) {
        return Optional.ofNullable(session.getAttribute(ATTRIBUTE, Operation.class));
    }

    /** The Custos service served below {@code /custos/<pathSegment>/v1.0.0}, or null for our own services. */
    public static String serviceAt(String pathSegment) {
        return switch (pathSegment) {
            case "user-management" -> USERS;
            case "group-management" -> GROUPS;
            case "resource-secret-management" -> SECRETS;
            case "agent-management" -> AGENTS;
            case "sharing-management" -> SHARING;
            case "log-management" -> LOGS;
            case "identity-management" -> IDENTITY;
            case "tenant-management" -> TENANTS;
            default -> null;
        };
    }
}
