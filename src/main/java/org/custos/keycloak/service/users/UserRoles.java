package org.custos.keycloak.service.users;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.UserRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.service.support.AdminEvents;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Role mappings of Custos users and Custos's tenant admins. Each role is checked with Keycloak's own evaluator
 * ({@code canMapRoles} for the user, {@code canMapRole} for the role), exactly as Keycloak's role-mapping API does.
 */
public final class UserRoles {

    private final UserService service;
    private final RealmModel realm;
    private final UserRules rules;
    private final Caller caller;
    private final AdminEvents events;

    UserRoles(UserService users, RealmModel realm, UserRules rules, Caller caller, AdminEvents events) {
        this.service = users;
        this.realm = realm;
        this.rules = rules;
        this.caller = caller;
        this.events = events;
    }

    /**
     * The users of the request, each one Keycloak lets the caller manage and map roles onto (its role-mapping rule,
     * fine-grained permissions included): checked before any role is looked up, so role names cannot be probed.
     */
    private List<UserModel> requireMappable(List<String> usernames) {
        List<UserModel> users = service.requireManageable(usernames);
        for (UserModel user : users) {
            if (!rules.canMapRoles(user)) {
                throw CustosException.forbidden("the caller may not map roles of user '" + user.getUsername() + "'");
            }
        }
        return users;
    }

    /** Grants realm roles, or the calling client's roles when {@code clientLevel}; every name must exist. */
    public void add(List<String> roleNames, List<String> usernames, boolean clientLevel) {
        List<UserModel> users = requireMappable(usernames);
        List<RoleModel> roles = resolveRoles(roleNames, clientLevel ? "client_roles" : "roles", clientLevel);
        for (UserModel user : users) {
            roles.forEach(user::grantRole);
            events.emit(
                    OperationType.CREATE,
                    ResourceType.REALM_ROLE_MAPPING,
                    AdminEvents.summary(roleNames(roles)),
                    "users",
                    user.getId(),
                    clientLevel ? "role-mappings/clients/" + caller.client().getId() : "role-mappings/realm");
        }
    }

    public void delete(List<String> usernames, List<String> realmRoleNames, List<String> clientRoleNames) {
        List<UserModel> users = requireMappable(usernames);
        List<RoleModel> realmRoles = resolveRoles(realmRoleNames, "roles", false);
        List<RoleModel> clientRoles = resolveRoles(clientRoleNames, "client_roles", true);
        if (realmRoles.isEmpty() && clientRoles.isEmpty()) {
            throw CustosException.badRequest("name at least one role in 'roles', 'realm_roles' or 'client_roles'");
        }
        for (UserModel user : users) {
            realmRoles.forEach(user::deleteRoleMapping);
            clientRoles.forEach(user::deleteRoleMapping);
            List<String> removed = new ArrayList<>(roleNames(realmRoles));
            removed.addAll(roleNames(clientRoles));
            events.emit(
                    OperationType.DELETE,
                    ResourceType.REALM_ROLE_MAPPING,
                    AdminEvents.summary(removed),
                    "users",
                    user.getId(),
                    "role-mappings");
        }
    }

    /** Makes the user a tenant admin: {@code realm-admin}, plus the realm role {@code admin} when the realm has one. */
    public void makeAdmin(String username) {
        UserModel user = service.requireManageable(username);
        RoleModel realmAdmin = realmAdminRole();
        RoleModel admin = realm.getRole(UserService.TENANT_ADMIN_ROLE);
        rules.requireGrantAll(admin == null ? List.of(realmAdmin) : List.of(realmAdmin, admin));
        user.grantRole(realmAdmin);
        if (admin != null) {
            user.grantRole(admin);
        }
        events.emit(
                OperationType.CREATE,
                ResourceType.CLIENT_ROLE_MAPPING,
                List.of(realmAdmin.getName()),
                "users",
                user.getId(),
                "role-mappings");
    }

    /** Removes {@code realm-admin}, every other direct realm-management role and the realm role {@code admin}. */
    public void removeAdmin(String username) {
        UserModel user = service.requireManageable(username);
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        List<RoleModel> removed =
                user.getClientRoleMappingsStream(realmManagement).collect(Collectors.toList());
        RoleModel admin = realm.getRole(UserService.TENANT_ADMIN_ROLE);
        if (admin != null && user.hasDirectRole(admin)) {
            removed.add(admin);
        }
        rules.requireGrantAll(removed);
        removed.forEach(user::deleteRoleMapping);
        events.emit(
                OperationType.DELETE,
                ResourceType.CLIENT_ROLE_MAPPING,
                AdminEvents.summary(roleNames(removed)),
                "users",
                user.getId(),
                "role-mappings");
    }

    private RoleModel realmAdminRole() {
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel role = realmManagement == null ? null : realmManagement.getRole("realm-admin");
        if (role == null) {
            throw new IllegalStateException("realm " + realm.getName() + " has no realm-management/realm-admin role");
        }
        return role;
    }

    private List<RoleModel> resolveRoles(List<String> names, String field, boolean clientLevel) {
        if (names == null) {
            return List.of();
        }
        List<RoleModel> roles = new ArrayList<>();
        for (String name : names) {
            UserService.requireText(field + "[]", name);
            RoleModel role = clientLevel ? caller.client().getRole(name) : realm.getRole(name);
            if (role == null) {
                throw CustosException.invalidField(
                        field,
                        "names the role '" + name + "', which does not exist"
                                + (clientLevel
                                        ? " on client '" + caller.client().getClientId() + "'"
                                        : " in this realm"));
            }
            rules.requireGrant(role);
            roles.add(role);
        }
        return roles;
    }

    private static List<String> roleNames(List<RoleModel> roles) {
        return roles.stream().map(RoleModel::getName).toList();
    }
}
