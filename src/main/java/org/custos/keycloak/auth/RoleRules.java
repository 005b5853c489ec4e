package org.custos.keycloak.auth;

import org.custos.keycloak.error.CustosException;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;

/**
 * Who may list, create and delete a tenant's roles: the realm's roles, or — at client level — the calling client's.
 * Exactly what Keycloak's admin API needs for the same container, as its evaluator decides.
 */
public final class RoleRules {

    private final CallerContext caller;
    private final RealmModel realm;

    RoleRules(CallerContext caller, RealmModel realm) {
        this.caller = caller;
        this.realm = realm;
    }

    /** The roles a request is about: the realm's, or with {@code clientLevel} the calling client's. */
    public RoleContainerModel container(boolean clientLevel) {
        Caller c = caller.authenticate();
        return clientLevel ? c.client() : realm;
    }

    /** Listing the container's roles; returns the container. */
    public RoleContainerModel requireList(boolean clientLevel) {
        RoleContainerModel container = container(clientLevel);
        if (!caller.admin().canListRoles(container)) {
            throw CustosException.forbidden("listing " + describe(container) + " needs what Keycloak's admin API "
                    + "needs (view-realm, view-clients or another admin role)");
        }
        return container;
    }

    /** Creating or deleting roles in the container; returns the container. */
    public RoleContainerModel requireManage(boolean clientLevel) {
        RoleContainerModel container = container(clientLevel);
        if (!caller.admin().canManageRoles(container)) {
            throw CustosException.forbidden("changing " + describe(container) + " needs what Keycloak's admin API "
                    + "needs (" + (clientLevel ? AdminRoles.MANAGE_CLIENTS : AdminRoles.MANAGE_REALM) + ")");
        }
        return container;
    }

    /** Deleting this role. */
    public void requireManage(RoleModel role) {
        if (!caller.admin().canManageRole(role)) {
            throw CustosException.forbidden(
                    "deleting role '" + role.getName() + "' needs what Keycloak's admin API needs to delete it");
        }
    }

    /** How messages name a container of roles. */
    private static String describe(RoleContainerModel container) {
        return container instanceof ClientModel client
                ? "the roles of client '" + client.getClientId() + "'"
                : "the realm's roles";
    }
}
