package org.custos.keycloak.service.support;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Custos's operation catalogue: every RPC of the 2022–2023 integration services with the HTTP verb and path its
 * gateway served it at. Custos logged each call as {@code service_name} = the gRPC service and {@code event_type} =
 * the RPC name; we record each mutation as a Keycloak admin event carrying the operation's name (detail
 * {@value #DETAIL}), so both filters of {@code GET logs} keep Custos's meaning.
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

    /** One Custos operation: its service, verb, path under {@code <service>/v1.0.0/} and RPC name. */
    public record Operation(String service, String method, String path, String name) {

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

    static final List<Operation> ALL = List.of(
            op(AGENTS, "POST", "enable", "enableAgents"),
            op(AGENTS, "POST", "token/configuration", "configureAgentClient"),
            op(AGENTS, "POST", "roles", "addRolesToClient"),
            op(AGENTS, "POST", "agent", "registerAndEnableAgent"),
            op(AGENTS, "GET", "agent/{id}", "getAgent"),
            op(AGENTS, "DELETE", "agent/{id}", "deleteAgent"),
            op(AGENTS, "POST", "agent/deactivation/{id}", "disableAgent"),
            op(AGENTS, "POST", "agent/activation/{id}", "enableAgent"),
            op(AGENTS, "POST", "agent/attributes", "addAgentAttributes"),
            op(AGENTS, "DELETE", "agent/attributes", "deleteAgentAttributes"),
            op(AGENTS, "POST", "agent/roles", "addRolesToAgent"),
            op(AGENTS, "DELETE", "agent/roles", "deleteRolesFromAgent"),
            op(AGENTS, "POST", "protocol/mapper", "addProtocolMapper"),
            op(AGENTS, "GET", "agents", "getAllAgents"),
            op(AGENTS, "POST", "db/synchronize", "synchronizeAgentDBs"),
            op(GROUPS, "POST", "keycloak/groups", "createKeycloakGroups"),
            op(GROUPS, "PUT", "keycloak/group/{id}", "updateKeycloakGroup"),
            op(GROUPS, "DELETE", "keycloak/group/{id}", "deleteKeycloakGroup"),
            op(GROUPS, "GET", "keycloak/group", "findKeycloakGroup"),
            op(GROUPS, "GET", "keycloak/groups", "getAllKeycloakGroups"),
            op(GROUPS, "POST", "keycloak/user/group/membership", "addUserToKeycloakGroup"),
            op(GROUPS, "DELETE", "keycloak/user/group/membership", "removeUserFromKeycloakGroup"),
            op(GROUPS, "POST", "group", "createGroup"),
            op(GROUPS, "PUT", "group/{id}", "updateGroup"),
            op(GROUPS, "DELETE", "group/{id}", "deleteGroup"),
            op(GROUPS, "GET", "group", "findGroup"),
            op(GROUPS, "GET", "groups", "getAllGroups"),
            op(GROUPS, "POST", "user/group/membership", "addUserToGroup"),
            op(GROUPS, "DELETE", "user/group/membership", "removeUserFromGroup"),
            op(GROUPS, "POST", "group/membership", "addChildGroupToParentGroup"),
            op(GROUPS, "DELETE", "group/membership", "removeChildGroupFromParentGroup"),
            op(GROUPS, "GET", "user/group/memberships", "getAllGroupsOfUser"),
            op(GROUPS, "GET", "groups/memberships", "getAllParentGroupsOfGroup"),
            op(GROUPS, "GET", "user/group/memberships/child", "getAllChildUsers"),
            op(GROUPS, "GET", "groups/memberships/child", "getAllChildGroups"),
            op(GROUPS, "PUT", "user/group/membership", "changeUserMembershipType"),
            op(GROUPS, "GET", "user/group/access", "hasAccess"),
            op(GROUPS, "POST", "user/group/membership/type", "addGroupMembershipType"),
            op(GROUPS, "DELETE", "user/group/membership/type", "removeUserGroupMembershipType"),
            op(IDENTITY, "POST", "authenticate", "authenticate"),
            op(IDENTITY, "POST", "authenticate/status", "isAuthenticated"),
            op(IDENTITY, "GET", "user", "getUser"),
            op(IDENTITY, "GET", "account/token", "getUserManagementServiceAccountAccessToken"),
            op(IDENTITY, "POST", "user/logout", "endUserSession"),
            op(IDENTITY, "GET", "authorize", "authorize"),
            op(IDENTITY, "POST", "token", "token"),
            op(IDENTITY, "GET", "credentials", "getCredentials"),
            op(IDENTITY, "GET", ".well-known/openid-configuration", "getOIDCConfiguration"),
            op(IDENTITY, "POST", "agent/token/{client_id}", "getAgentToken"),
            op(IDENTITY, "POST", "agent/logout/{client_id}", "endAgentSession"),
            op(IDENTITY, "POST", "agent/authentication/status", "isAgentAuthenticated"),
            op(LOGS, "GET", "logs", "getLogEvents"),
            op(LOGS, "GET", "status", "isLogEnabled"),
            op(LOGS, "POST", "status", "enable"),
            op(SECRETS, "GET", "secret", "getSecret"),
            op(SECRETS, "GET", "secret/kv", "getKVCredential"),
            op(SECRETS, "POST", "secret/kv", "addKVCredential"),
            op(SECRETS, "PUT", "secret/kv", "updateKVCredential"),
            op(SECRETS, "DELETE", "secret/kv", "deleteKVCredential"),
            op(SECRETS, "GET", "openid-connect/certs", "getJWKS"),
            op(SECRETS, "GET", "secret/summary", "getResourceCredentialSummary"),
            op(SECRETS, "GET", "secret/summaries", "getAllResourceCredentialSummaries"),
            op(SECRETS, "POST", "secret/ssh", "addSSHCredential"),
            op(SECRETS, "POST", "secret/password", "addPasswordCredential"),
            op(SECRETS, "POST", "secret/certificate", "addCertificateCredential"),
            op(SECRETS, "PUT", "secret/certificate", "updateCertificateCredential"),
            op(SECRETS, "GET", "secret/ssh", "getSSHCredential"),
            op(SECRETS, "GET", "secret/password", "getPasswordCredential"),
            op(SECRETS, "GET", "secret/certificate", "getCertificateCredential"),
            op(SECRETS, "DELETE", "secret/ssh", "deleteSSHCredential"),
            op(SECRETS, "DELETE", "secret/password", "deletePWDCredential"),
            op(SECRETS, "DELETE", "secret/certificate", "deleteCertificateCredential"),
            op(SECRETS, "GET", "secret/map", "getCredentialMap"),
            op(SECRETS, "POST", "secret/map", "addCredentialMap"),
            op(SECRETS, "PUT", "secret/map", "updateCredentialMap"),
            op(SECRETS, "DELETE", "secret/map", "deleteCredentialMap"),
            op(SHARING, "POST", "entity/type", "createEntityType"),
            op(SHARING, "PUT", "entity/type", "updateEntityType"),
            op(SHARING, "DELETE", "entity/type", "deleteEntityType"),
            op(SHARING, "GET", "entity/type", "getEntityType"),
            op(SHARING, "GET", "entity/types", "getEntityTypes"),
            op(SHARING, "POST", "permission/type", "createPermissionType"),
            op(SHARING, "PUT", "permission/type", "updatePermissionType"),
            op(SHARING, "DELETE", "permission/type", "deletePermissionType"),
            op(SHARING, "GET", "permission/type", "getPermissionType"),
            op(SHARING, "GET", "permission/types", "getPermissionTypes"),
            op(SHARING, "POST", "entity", "createEntity"),
            op(SHARING, "PUT", "entity", "updateEntity"),
            op(SHARING, "GET", "entity/existence", "isEntityExists"),
            op(SHARING, "GET", "entity", "getEntity"),
            op(SHARING, "DELETE", "entity", "deleteEntity"),
            op(SHARING, "POST", "entities", "searchEntities"),
            op(SHARING, "GET", "users/share", "getListOfSharedUsers"),
            op(SHARING, "GET", "users/share/direct", "getListOfDirectlySharedUsers"),
            op(SHARING, "GET", "groups/share", "getListOfSharedGroups"),
            op(SHARING, "GET", "groups/share/direct", "getListOfDirectlySharedGroups"),
            op(SHARING, "GET", "share/direct", "getAllDirectSharings"),
            op(SHARING, "GET", "share", "getAllSharings"),
            op(SHARING, "POST", "users/share", "shareEntityWithUsers"),
            op(SHARING, "POST", "groups/share", "shareEntityWithGroups"),
            op(SHARING, "DELETE", "users/share", "revokeEntitySharingFromUsers"),
            op(SHARING, "DELETE", "groups/share", "revokeEntitySharingFromGroups"),
            op(SHARING, "GET", "entity/user/access", "userHasAccess"),
            op(USERS, "POST", "user", "registerUser"),
            op(USERS, "POST", "users", "registerAndEnableUsers"),
            op(USERS, "POST", "attributes", "addUserAttributes"),
            op(USERS, "DELETE", "attributes", "deleteUserAttributes"),
            op(USERS, "POST", "user/activation", "enableUser"),
            op(USERS, "POST", "user/deactivation", "disableUser"),
            op(USERS, "POST", "user/admin", "grantAdminPrivileges"),
            op(USERS, "DELETE", "user/admin", "removeAdminPrivileges"),
            op(USERS, "DELETE", "users/federatedIDPs", "deleteExternalIDPsOfUsers"),
            op(USERS, "POST", "users/federatedIDPs", "addExternalIDPsOfUsers"),
            op(USERS, "GET", "users/federatedIDPs", "getExternalIDPsOfUsers"),
            op(USERS, "POST", "users/roles", "addRolesToUsers"),
            op(USERS, "GET", "user/activation/status", "isUserEnabled"),
            op(USERS, "GET", "user/availability", "isUsernameAvailable"),
            op(USERS, "GET", "user", "getUser"),
            op(USERS, "GET", "users", "findUsers"),
            op(USERS, "PUT", "user/password", "resetPassword"),
            op(USERS, "DELETE", "user", "deleteUser"),
            op(USERS, "DELETE", "user/roles", "deleteUserRoles"),
            op(USERS, "PUT", "user/profile", "updateUserProfile"),
            op(USERS, "GET", "user/profile", "getUserProfile"),
            op(USERS, "DELETE", "user/profile", "deleteUserProfile"),
            op(USERS, "GET", "users/profile", "getAllUserProfilesInTenant"),
            op(USERS, "POST", "user/profile/mapper", "linkUserProfile"),
            op(USERS, "GET", "user/profile/audit", "getUserProfileAuditTrails"),
            op(USERS, "POST", "db/synchronize", "synchronizeUserDBs"),
            op(TENANTS, "POST", "oauth2/tenant", "createTenant"),
            op(TENANTS, "GET", "oauth2/tenant", "getTenant"),
            op(TENANTS, "PUT", "oauth2/tenant", "updateTenant"),
            op(TENANTS, "DELETE", "oauth2/tenant", "deleteTenant"),
            op(TENANTS, "POST", "tenant/credentials/status", "validateTenant"),
            op(TENANTS, "POST", "roles", "addTenantRoles"),
            op(TENANTS, "GET", "roles", "getTenantRoles"),
            op(TENANTS, "DELETE", "role", "deleteRole"),
            op(TENANTS, "POST", "protocol/mapper", "addProtocolMapper"),
            op(TENANTS, "POST", "events", "configureEventPersistence"),
            op(TENANTS, "POST", "messaging", "enableMessaging"),
            op(TENANTS, "POST", "status", "updateTenantStatus"),
            op(TENANTS, "GET", "tenants", "getAllTenants"),
            op(TENANTS, "GET", "child/tenants", "getChildTenants"),
            op(TENANTS, "GET", "tenants/{requesterEmail}", "getAllTenantsForUser"),
            op(TENANTS, "GET", "audit/status/{tenantId}", "getTenantStatusUpdateAuditTrail"),
            op(TENANTS, "GET", "audit/attributes/{tenantId}", "getTenantAttributeUpdateAuditTrail"),
            op(TENANTS, "POST", "cache/institutions/CILogon", "addToCache"),
            op(TENANTS, "DELETE", "cache/institutions/CILogon", "removeFromCache"),
            op(TENANTS, "GET", "cache/institutions/CILogon", "getFromCache"),
            op(TENANTS, "GET", "institutions/CILogon", "getInstitutions"),
            op(TENANTS, "POST", "email/activation", "enableEmail"),
            op(TENANTS, "POST", "email/deactivation", "disableEmail"),
            op(TENANTS, "GET", "email/templates", "getEmailTemplates"),
            op(TENANTS, "GET", "email/events", "getEmailFriendlyEvents"),
            // Our own spellings of Custos operations (deviation 13; the portal's role list).
            op(USERS, "DELETE", "users/roles", "deleteUserRoles"),
            op(GROUPS, "POST", "groups", "createGroups"),
            op(USERS, "GET", "roles", "getTenantRoles"));

    private CustosOperations() {}

    private static Operation op(String service, String method, String path, String name) {
        return new Operation(service, method, path, name);
    }

    /** The operation a request path such as {@code user-management/v1.0.0/user/activation} served, if any. */
    public static Optional<Operation> of(String method, String servicePath) {
        String[] parts = servicePath.split("/", 3);
        if (parts.length < 3) {
            return Optional.empty();
        }
        String service = serviceOf(parts[0]);
        String[] segments = parts[2].split("/");
        String verb = method.toUpperCase(Locale.ROOT);
        return ALL.stream()
                .filter(o -> o.service().equals(service) && o.matches(verb, segments))
                .findFirst();
    }

    /** The operations of this name (a few names, such as {@code getUser}, exist in two services or at two paths). */
    public static List<Operation> named(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).toList();
    }

    private static String serviceOf(String pathSegment) {
        return switch (pathSegment) {
            case "user-management" -> USERS;
            case "group-management" -> GROUPS;
            case "resource-secret-management" -> SECRETS;
            case "agent-management" -> AGENTS;
            case "sharing-management" -> SHARING;
            case "log-management" -> LOGS;
            case "identity-management" -> IDENTITY;
            case "tenant-management" -> TENANTS;
            default -> "";
        };
    }
}
