package org.custos.keycloak.auth;

import org.custos.keycloak.error.CustosException;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.GroupModel;

/**
 * The caller as the sharing rules see it: authenticated, and standing as a sharing admin ({@code
 * manage-authorization}), a sharing viewer ({@code view-authorization}) or acting for itself. A resource gets it
 * with {@code auth().sharing()} on its first line and hands it to the sharing services; what the caller holds on an
 * entity is then decided by {@link SharingRules} from what those services look up.
 */
public final class SharingAccess {

    public static final String ADMIN_ROLE = AdminRoles.MANAGE_AUTHORIZATION;
    public static final String VIEWER_ROLE = AdminRoles.VIEW_AUTHORIZATION;

    private final CallerContext context;
    private final Caller caller;

    SharingAccess(CallerContext context) {
        this.context = context;
        this.caller = context.authenticate();
    }

    public Caller caller() {
        return caller;
    }

    /** A sharing admin: may do everything with the realm's types, entities and shares. */
    public boolean isAdmin() {
        return context.hasRealmManagementRole(ADMIN_ROLE);
    }

    /** A sharing viewer (or admin): may read every entity, share and check of the realm. */
    public boolean isViewer() {
        return isAdmin() || context.hasRealmManagementRole(VIEWER_ROLE);
    }

    /** Changing the realm's entity and permission types. */
    public SharingAccess requireAdmin() {
        if (!isAdmin()) {
            throw CustosException.forbidden("the caller lacks the realm-management role '" + ADMIN_ROLE + "'");
        }
        return this;
    }

    /** Whether the caller may see this group (the group rules): a share with a group it cannot see names nothing. */
    public boolean canView(GroupModel group) {
        return context.groups().canView(group);
    }
}
