package org.custos.keycloak.auth;

import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Who may use a stored secret. A secret belongs to its owner's Keycloak user id (a rename, or a new user taking an
 * old name, changes nothing). Its value is opened, replaced or deleted by:
 * <ul>
 *   <li>the owner, acting with their own token (or as the {@code user-token} beside client credentials);</li>
 *   <li>a secrets admin: a caller holding the realm role {@value #SECRETS_ADMIN_ROLE} within its client's scope and
 *       {@code realm-management/manage-realm};</li>
 *   <li>the client that stored it, with its credentials alone, only while the current value is one that client
 *       wrote (the client by its internal id: a new client under an old client id gets nothing) — a value a user
 *       writes is never readable by a client that merely created the row.</li>
 * </ul>
 * To anyone else the secret does not exist (404). From the admin console a secret is also deleted (never read) by a
 * holder of {@code manage-realm} who may manage the owner's account ({@link #requireMayDeleteAsAdmin}).
 */
public final class SecretRules {

    public static final String SECRETS_ADMIN_ROLE = CustosRoles.SECRETS_ADMIN;

    /** The Keycloak admin role a secrets admin needs besides ours: one a user-admin cannot hand out. */
    public static final String SECRETS_ADMIN_KEYCLOAK_ROLE = AdminRoles.MANAGE_REALM;

    private final Caller caller;
    private final AdminAccess admin;
    private final RoleModel secretsAdmin;

    public SecretRules(Caller caller, RealmModel realm, AdminAccess admin) {
        this.caller = caller;
        this.admin = admin;
        this.secretsAdmin = realm.getRole(SECRETS_ADMIN_ROLE);
    }

    /** The caller these rules are about. */
    public Caller caller() {
        return caller;
    }

    /** Re-sealing every secret of the realm: Keycloak's {@code manage-realm}. */
    public void requireMayReEncrypt() {
        if (!admin.canManageRealm()) {
            throw CustosException.forbidden("the caller lacks Keycloak's manage-realm");
        }
    }

    /**
     * Holds {@value #SECRETS_ADMIN_ROLE} within its client's scope (never from a token claim) <em>and</em>
     * {@code realm-management/manage-realm}. Keycloak lets any user-admin map a plain realm role such as ours, through
     * its own admin API too; requiring an admin role that only realm admins hand out keeps every secret out of a
     * user-admin's reach, by any path.
     */
    public boolean isSecretsAdmin() {
        return caller.holdsInScope(secretsAdmin) && admin.canManageRealm();
    }

    public boolean mayAccess(StoredSecret secret) {
        if (caller.isUser() && caller.user().getId().equals(secret.ownerUserId())) {
            return true;
        }
        if (isSecretsAdmin()) {
            return true;
        }
        return !caller.isUser()
                && caller.presentedClientSecret()
                && caller.client().getClientId().equals(secret.clientId())
                && clientWriter(caller).equals(secret.valueWriter());
    }

    /** Who is writing a value now: the acting person, else the client (by its internal id, never reused). */
    public String writer() {
        return caller.isUser() ? "user:" + caller.user().getId() : clientWriter(caller);
    }

    /**
     * Naming an owner: a person acts for themselves only, unless a secrets admin; a client acting for a user must be
     * allowed to see that user (Keycloak's view-users), so that no role-less client plants or probes secrets.
     */
    public void requireMayOwn(UserModel owner) {
        if (caller.isUser()) {
            if (!caller.user().getId().equals(owner.getId()) && !isSecretsAdmin()) {
                throw CustosException.forbidden("a user may store and read secrets only for themselves");
            }
        } else if (!admin.canView(owner)) {
            throw CustosException.forbidden("a client acts for a user's secrets only if it may see users (view-users)");
        }
    }

    /**
     * Before an owner is even looked up, so that nobody probes usernames: a client that may see no user names none;
     * a person names only themselves unless a secrets admin.
     */
    public void requireMayNameOwners(String name) {
        if (!caller.isUser() && !admin.canQueryUsers()) {
            throw CustosException.forbidden("a client acts for a user's secrets only if it may see users (view-users)");
        }
        if (caller.isUser() && !caller.user().getUsername().equalsIgnoreCase(name) && !isSecretsAdmin()) {
            throw CustosException.forbidden("a user may store and read secrets only for themselves");
        }
    }

    /** Whether the caller may learn that this user exists: itself, a secrets admin, or Keycloak's view right. */
    public boolean mayKnow(UserModel user) {
        return caller.isUser() && caller.user().getId().equals(user.getId()) || isSecretsAdmin() || admin.canView(user);
    }

    /**
     * A secret's token is its name in every later call; a caller-chosen one that is taken answers 409. Only the
     * tenant's client (its credentials) and secrets admins choose tokens, so that a person can neither probe other
     * users' tokens nor claim one a gateway will use; everyone else gets a generated token.
     */
    public void requireMayChooseToken() {
        if (!caller.presentedClientSecret() && !isSecretsAdmin()) {
            throw CustosException.forbidden(
                    "metadata.token: only the tenant's client or a secrets admin chooses a secret's token");
        }
    }

    /**
     * Listing every secret's summary in the admin console (never a value): Keycloak's {@value
     * #SECRETS_ADMIN_KEYCLOAK_ROLE}, the admin role a secrets admin needs — whoever holds it may make itself a secrets
     * admin. A user-admin (view-users, manage-users) sees no other user's secrets, as through the Custos API.
     */
    public boolean mayListAll() {
        return admin.canManageRealm();
    }

    public void requireMayListAll() {
        if (!mayListAll()) {
            throw CustosException.forbidden(
                    "the realm's secrets are listed to holders of " + SECRETS_ADMIN_KEYCLOAK_ROLE);
        }
    }

    /** The key ring's state (key ids, rows per key): Keycloak's view-realm. */
    public void requireMayViewKeys() {
        if (!admin.canViewRealm()) {
            throw CustosException.forbidden("the key ring's state needs view-realm");
        }
    }

    /**
     * Deleting a secret from the admin console, without reading it: whoever may manage its owner's account (as
     * {@link AdminAccess#requireManage} decides), since deleting that account deletes the secret too; a secret whose
     * owner is gone, a user-admin.
     */
    public void requireMayDeleteAsAdmin(UserModel owner) {
        if (owner != null) {
            admin.requireManage(owner);
        } else if (!admin.canManageUsers()) {
            throw CustosException.forbidden("deleting a secret whose owner is gone needs manage-users");
        }
    }

    private static String clientWriter(Caller caller) {
        return "client:" + caller.client().getId();
    }
}
