package org.custos.keycloak.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.custos.keycloak.error.CustosException;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Admin-level decisions for the caller, asked of Keycloak's own {@link AdminPermissionEvaluator} — the one its admin
 * REST API uses — for an {@link AdminAuth} built from what authenticated the caller (its token, or the token its
 * client credentials would give its service account). So roles count only as the token carries them, admin roles
 * are granted only by callers holding them, and a realm with fine-grained admin permissions delegates through
 * them. A caller with no user behind it, or a realm without its {@code realm-management} client, is denied.
 *
 * <p>On top of Keycloak's rules there is one of ours: roles that give power through Custos endpoints
 * ({@link #CUSTOS_POWER_ROLES}) are admin roles too — granted, by any path, only by a caller who holds them within
 * its client's scope (decided from the models as Keycloak's {@link AdminAuth#hasRealmRole} does, never from a
 * token claim a protocol mapper could write), or by a realm admin.
 */
public final class AdminAccess implements GroupRights {

    /** Realm roles that open Custos data to their holders (every stored secret). */
    public static final Set<String> CUSTOS_POWER_ROLES = CustosRoles.POWER_ROLES;

    private final Caller caller;
    private final AdminPermissionEvaluator evaluator;

    /** For an admin-console caller: the evaluator Keycloak's admin API built for it. */
    AdminAccess(Caller caller, AdminPermissionEvaluator evaluator) {
        this.caller = caller;
        this.evaluator = evaluator;
    }

    AdminAccess(KeycloakSession session, RealmModel realm, Caller caller) {
        this.caller = caller;
        boolean hasRealmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID) != null;
        this.evaluator = caller.user() == null || caller.token() == null || !hasRealmManagement
                ? null
                : AdminPermissions.evaluator(
                        session, realm, new AdminAuth(realm, caller.token(), caller.user(), caller.client()));
    }

    /** Whether the caller's token carries one of these {@code realm-management} roles (composites expanded). */
    public boolean hasRole(String... realmManagementRoles) {
        return evaluator != null && evaluator.hasOneAdminRole(realmManagementRoles);
    }

    public boolean isRealmAdmin() {
        return evaluator != null && evaluator.isRealmAdmin();
    }

    /** Manage users in general ({@code manage-users}, or a fine-grained permission on all users). */
    public boolean canManageUsers() {
        return evaluator != null && evaluator.users().canManage();
    }

    public boolean canViewUsers() {
        return evaluator != null && evaluator.users().canView();
    }

    public boolean canView(UserModel user) {
        return evaluator != null && evaluator.users().canView(user);
    }

    /** Keycloak's manage-realm (or a fine-grained equivalent): the realm's configuration and its secrets' keys. */
    public boolean canManageRealm() {
        return evaluator != null && evaluator.realm().canManageRealm();
    }

    /** Keycloak's manage-events: turning the realm's event recording on or off. */
    public boolean canManageEvents() {
        return evaluator != null && evaluator.realm().canManageEvents();
    }

    /** Keycloak's manage-clients (or a fine-grained permission on all clients): creating and configuring clients. */
    public boolean canManageClients() {
        return evaluator != null && evaluator.clients().canManage();
    }

    /** Keycloak's rule for changing one user's password. */
    public boolean canResetPassword(UserModel user) {
        return evaluator != null && evaluator.users().canResetPassword(user);
    }

    /** Keycloak's view-realm (or manage-realm): the realm's configuration. */
    public boolean canViewRealm() {
        return evaluator != null && evaluator.realm().canViewRealm();
    }

    /** Keycloak's view-events (or manage-events): the realm's admin and login events. */
    public boolean canViewEvents() {
        return evaluator != null && evaluator.realm().canViewEvents();
    }

    /** See the members of this group (Keycloak's view-members: {@code view-users}, or a fine-grained permission). */
    public boolean canViewMembers(GroupModel group) {
        return evaluator != null && evaluator.groups().canViewMembers(group);
    }

    /** Map roles onto this user (the user side of Keycloak's role-mapping check). */
    public boolean canMapRoles(UserModel user) {
        return evaluator != null && evaluator.users().canMapRoles(user);
    }

    public boolean canQueryUsers() {
        return evaluator != null && evaluator.users().canQuery();
    }

    /** Keycloak's rule for listing a realm's or a client's roles ({@code GET .../roles} of its admin API). */
    public boolean canListRoles(RoleContainerModel container) {
        return evaluator != null && evaluator.roles().canList(container);
    }

    /** Keycloak's rule for creating roles in a realm or client. */
    public boolean canManageRoles(RoleContainerModel container) {
        return evaluator != null && evaluator.roles().canManage(container);
    }

    /** Keycloak's rule for changing or deleting one role. */
    public boolean canManageRole(RoleModel role) {
        return evaluator != null && evaluator.roles().canManage(role);
    }

    /** List every group of the realm ({@code query-groups}, {@code view-users}, {@code manage-users}). */
    public boolean canListGroups() {
        return evaluator != null && evaluator.groups().canList();
    }

    public boolean canView(GroupModel group) {
        return evaluator != null && evaluator.groups().canView(group);
    }

    /** Create, rename, re-parent or delete groups in general; change a group's roles and attributes. */
    public boolean canManageGroups() {
        return evaluator != null && evaluator.groups().canManage();
    }

    public boolean canManage(GroupModel group) {
        return evaluator != null && evaluator.groups().canManage(group);
    }

    /** Add and remove members of this group (the group side of Keycloak's join-group check). */
    public boolean canManageMembership(GroupModel group) {
        return evaluator != null && evaluator.groups().canManageMembership(group);
    }

    /** Put this user into groups or take them out (the user side of Keycloak's join-group check). */
    public boolean canManageGroupMembership(UserModel user) {
        return evaluator != null && evaluator.users().canManageGroupMembership(user);
    }

    /**
     * The caller may manage this user: Keycloak allows it, and the user holds no admin role (nor Custos power role)
     * that the caller could not have granted — managing a user means being able to take over what they hold.
     */
    public void requireManage(UserModel user) {
        if (evaluator == null || !evaluator.users().canManage(user)) {
            throw CustosException.forbidden("the caller may not manage user '" + user.getUsername() + "'");
        }
        Set<RoleModel> held = user.getRoleMappingsStream().collect(Collectors.toCollection(LinkedHashSet::new));
        user.getGroupsStream().forEach(group -> held.addAll(rolesThrough(group)));
        for (RoleModel role : RoleUtils.expandCompositeRoles(held)) {
            if (isPowerRole(role) && !mayGrant(role)) {
                throw CustosException.forbidden("user '" + user.getUsername() + "' holds '" + role.getName()
                        + "', which the caller could not grant, so the caller may not manage them");
            }
        }
    }

    /** Grant (or revoke) {@code role} to a principal: every role it carries, composites expanded, must pass. */
    public void requireGrant(RoleModel role) {
        requireGrantAll(Set.of(role));
    }

    /** Every role a principal would gain (or lose), each checked as Keycloak checks a direct role mapping. */
    public void requireGrantAll(Collection<RoleModel> roles) {
        if (roles.isEmpty()) {
            return;
        }
        if (evaluator == null) {
            throw CustosException.forbidden("the caller may not grant roles");
        }
        for (RoleModel role : roles) {
            if (!evaluator.roles().canMapRole(role)) {
                throw CustosException.forbidden("the caller may not grant or revoke the role '" + role.getName() + "'");
            }
        }
        for (RoleModel role : RoleUtils.expandCompositeRoles(new LinkedHashSet<>(roles))) {
            if (!mayGrant(role)) {
                throw CustosException.forbidden("the caller may not grant or revoke the role '" + role.getName()
                        + "': it carries admin power the caller's token does not hold");
            }
        }
    }

    /** The roles a member of {@code group} holds through it: its own and every ancestor's mappings. */
    public static Set<RoleModel> rolesThrough(GroupModel group) {
        Set<RoleModel> roles = new LinkedHashSet<>();
        for (GroupModel g = group; g != null; g = g.getParent()) {
            g.getRoleMappingsStream().forEach(roles::add);
        }
        return roles;
    }

    /** Admin roles of Keycloak and Custos power roles need the caller to hold them (or, for ours, realm-admin). */
    private boolean mayGrant(RoleModel role) {
        if (isCustosPowerRole(role)) {
            return isRealmAdmin() || caller.holdsInScope(role);
        }
        return !isKeycloakAdminRole(role) || evaluator.roles().canMapRole(role);
    }

    private boolean isPowerRole(RoleModel role) {
        return isCustosPowerRole(role) || isKeycloakAdminRole(role);
    }

    private static boolean isCustosPowerRole(RoleModel role) {
        return !role.isClientRole() && CUSTOS_POWER_ROLES.contains(role.getName());
    }

    private static boolean isKeycloakAdminRole(RoleModel role) {
        return AdminRoles.isAdminRole(role);
    }
}
