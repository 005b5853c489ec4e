package org.custos.keycloak.auth;

import org.custos.keycloak.error.CustosException;
import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * Which Custos pages of the admin console an administrator may open, each decided by Keycloak's evaluator for the
 * administrator (the one Keycloak's admin API hands over) with the role the Custos API asks for the same data. What
 * is done on a page — a share, a membership type, an agent switched off — is then decided by the same rules as
 * through the Custos API ({@link SharingRules}, {@link GroupPermissions}, {@link AgentRules}); a secret's deletion has
 * its own console rule ({@link SecretRules#requireMayDeleteAsAdmin}).
 */
public final class ConsoleRules {

    public static final String SHARING_VIEWER = AdminRoles.VIEW_AUTHORIZATION;
    public static final String SHARING_ADMIN = AdminRoles.MANAGE_AUTHORIZATION;
    public static final String AGENTS_ADMIN = AdminRoles.MANAGE_CLIENTS;

    /** What the navigation shows: one flag per page. */
    public record Pages(
            boolean sharing,
            boolean sharingAdmin,
            boolean groups,
            boolean agents,
            boolean secrets,
            boolean keys,
            boolean audit) {}

    private final CallerContext caller;

    public ConsoleRules(CallerContext caller) {
        this.caller = caller;
    }

    public Pages pages() {
        AdminAccess admin = caller.admin();
        return new Pages(
                admin.hasRole(SHARING_VIEWER, SHARING_ADMIN),
                admin.hasRole(SHARING_ADMIN),
                admin.canListGroups(),
                admin.canManageClients(),
                admin.canManageRealm(),
                admin.canViewRealm(),
                admin.canViewEvents());
    }

    /** The console's entry: any administrator of the realm (Keycloak's rule for opening its admin console). */
    public void requireAnyAdmin() {
        Pages p = pages();
        if (!(p.sharing() || p.groups() || p.agents() || p.secrets() || p.keys() || p.audit())) {
            throw CustosException.forbidden("the caller administers nothing Custos shows in this realm");
        }
    }

    /** Sharing pages: a sharing viewer ({@code view-authorization}) or admin ({@code manage-authorization}). */
    public SharingAccess requireSharing() {
        if (!caller.admin().hasRole(SHARING_VIEWER, SHARING_ADMIN)) {
            throw CustosException.forbidden("the sharing pages need the realm-management role '" + SHARING_VIEWER
                    + "' (or '" + SHARING_ADMIN + "')");
        }
        return caller.sharing();
    }

    /** Agents are clients: the Custos API's rule ({@code manage-clients}). */
    public void requireAgents() {
        if (!caller.admin().canManageClients()) {
            throw CustosException.forbidden("the agents page needs the realm-management role '" + AGENTS_ADMIN + "'");
        }
    }

    /**
     * Exporting the realm's Custos bundle: Keycloak's rule for a realm's export ({@code manage-realm}, also the admin
     * role the realm's secrets are listed to), and what the same data needs to be read through Keycloak and Custos —
     * the sharing graph (a sharing viewer), the users it names ({@code view-users}) and the groups ({@code
     * query-groups} or more).
     */
    public void requireBundleExport() {
        AdminAccess admin = caller.admin();
        if (!admin.canManageRealm()
                || !admin.hasRole(SHARING_VIEWER, SHARING_ADMIN)
                || !admin.canViewUsers()
                || !admin.canListGroups()) {
            throw CustosException.forbidden("exporting Custos data needs the realm-management roles 'manage-realm', '"
                    + SHARING_VIEWER + "', 'view-users' and 'query-groups'");
        }
    }

    /**
     * Importing a bundle writes shares, membership types (OWNER and ADMIN among them) and secrets for any user: it
     * needs what each of those changes needs alone, decided by Keycloak's evaluator — {@code manage-realm} (Keycloak's
     * partial import, and the secrets admin's role), the sharing admin's role, and managing every group.
     */
    public void requireBundleImport() {
        AdminAccess admin = caller.admin();
        if (!admin.canManageRealm() || !admin.hasRole(SHARING_ADMIN) || !admin.canManageGroups()) {
            throw CustosException.forbidden("importing Custos data needs the realm-management roles 'manage-realm', '"
                    + SHARING_ADMIN + "' and the right to manage every group ('manage-users')");
        }
    }

    /**
     * Migrating a legacy Custos tenant imports a bundle and also creates the tenant's groups and joins its members in
     * Keycloak: what a bundle import needs, and managing users ({@code manage-users}, Keycloak's rule for a
     * membership change of any user).
     */
    public void requireLegacyMigration() {
        requireBundleImport();
        if (!caller.admin().canManageUsers()) {
            throw CustosException.forbidden(
                    "migrating a legacy Custos tenant also needs the realm-management role " + "'manage-users'");
        }
    }

    /**
     * The legacy tenant a migration reads into this realm: the one Custos named this realm after (its id). Another
     * tenant only for the server's own administrators (role {@code admin} of Keycloak's admin realm), who may read
     * every realm already: a realm's administrator never reads another tenant's data out of the shared legacy
     * database.
     */
    public void requireLegacyTenant(String tenant, RealmModel realm) {
        if (tenant.equals(realm.getName())) {
            return;
        }
        Caller who = caller.authenticate();
        RealmModel home = who.client() == null ? null : who.client().getRealm();
        RoleModel serverAdmin =
                home == null || !Config.getAdminRealm().equals(home.getName()) ? null : home.getRole(AdminRoles.ADMIN);
        if (serverAdmin == null || who.user() == null || !who.user().hasRole(serverAdmin)) {
            throw CustosException.forbidden("this realm migrates the legacy tenant '" + realm.getName()
                    + "' (its name); another tenant only by an administrator of the server's admin realm");
        }
    }

    /** The audit log: Keycloak's rule for its admin events ({@code view-events} or {@code manage-events}). */
    public void requireAudit() {
        if (!caller.admin().canViewEvents()) {
            throw CustosException.forbidden("the audit log needs the realm-management role 'view-events'");
        }
    }
}
