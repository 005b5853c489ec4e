package org.custos.keycloak.auth;

import java.util.Collection;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * What the caller may do with the realm's users, as Keycloak's admin API decides the same thing ({@code
 * auth.users().canView(user)}): its evaluator answers, fine-grained admin permissions included; managing a user also
 * means being able to grant every admin role the user holds ({@link AdminAccess#requireManage}). A resource gets it
 * with {@code auth().users()} on its first line and hands it to the user services.
 */
public final class UserRules {

    private final CallerContext caller;

    UserRules(CallerContext caller) {
        this.caller = caller;
    }

    /** The caller these rules are about (authenticated on first use). */
    public Caller caller() {
        return caller.authenticate();
    }

    public boolean canView(UserModel user) {
        return caller.admin().canView(user);
    }

    /** Keycloak's right to see every user ({@code view-users}). */
    public boolean canViewAll() {
        return caller.admin().canViewUsers();
    }

    /** Searching users: {@code query-users}, {@code view-users} or a fine-grained permission. */
    public boolean canQuery() {
        return caller.admin().canQueryUsers();
    }

    /** Keycloak's right to manage every user ({@code manage-users}, or a fine-grained permission on all users). */
    public boolean canManageAll() {
        return caller.admin().canManageUsers();
    }

    public boolean canResetPassword(UserModel user) {
        return caller.admin().canResetPassword(user);
    }

    public boolean canMapRoles(UserModel user) {
        return caller.admin().canMapRoles(user);
    }

    /** Acting on the user's account: Keycloak allows it, and the user holds no power the caller could not grant. */
    public void requireManage(UserModel user) {
        caller.admin().requireManage(user);
    }

    /** Granting or revoking a role, as Keycloak checks a direct role mapping. */
    public void requireGrant(RoleModel role) {
        caller.admin().requireGrant(role);
    }

    public void requireGrantAll(Collection<RoleModel> roles) {
        caller.admin().requireGrantAll(roles);
    }
}
