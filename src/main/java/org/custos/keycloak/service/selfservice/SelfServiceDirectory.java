package org.custos.keycloak.service.selfservice;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.service.support.AdminEvents;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The self-service registry of the CI/CD-user flow. A user is registered on their first {@code GET /api/user}: the
 * moment is kept as a user attribute (shown to admins in the console when the realm's user profile shows unmanaged
 * attributes; a user's call never changes that realm setting), so later calls return the same
 * {@code uid} (the Keycloak user id) and {@code created_at}.
 */
public final class SelfServiceDirectory {

    public static final String REGISTERED_AT = "custos-self-service-registered-at";

    /** Keycloak's own roles, which every user has and which say nothing about the self-service. */
    private static final Set<String> BUILT_IN_ROLES =
            Set.of(Constants.OFFLINE_ACCESS_ROLE, Constants.AUTHZ_UMA_AUTHORIZATION);

    private final KeycloakSession session;
    private final RealmModel realm;

    public SelfServiceDirectory(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** Registers {@code user} if this is their first call (emitting an admin event) and returns their record. */
    public Registration register(UserModel user, Caller caller) {
        if (registeredAt(user) == null) {
            // A user's own call changes their record only: the realm's user-profile policy stays as the admin set it
            // (with unmanaged attributes off, the attribute is kept but not shown in the console).
            AdminEvents events = new AdminEvents(session, caller);
            user.setSingleAttribute(
                    REGISTERED_AT,
                    String.valueOf(Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli()));
            events.emit(
                    OperationType.UPDATE,
                    ResourceType.USER,
                    Map.of("self_service_registered", true),
                    "users",
                    user.getId());
        }
        return describe(user);
    }

    public boolean isRegistered(UserModel user) {
        return registeredAt(user) != null;
    }

    /** When the user was registered, or null (also for a value an admin mangled in the console). */
    private static Long registeredAt(UserModel user) {
        try {
            String value = user.getFirstAttribute(REGISTERED_AT);
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A registered user: the account, when they were registered (epoch milliseconds), their realm roles. */
    public record Registration(UserModel user, long registeredAt, List<String> roles) {}

    /** The record of a registered user (see {@link #isRegistered}). */
    public Registration describe(UserModel user) {
        Long at = registeredAt(user);
        return new Registration(user, at == null ? 0 : at, roles(user));
    }

    /** The user's effective realm roles, without Keycloak's built-in and default-roles composites. */
    private List<String> roles(UserModel user) {
        String defaultRoles =
                realm.getDefaultRole() == null ? "" : realm.getDefaultRole().getName();
        return realm.getRolesStream()
                .filter(user::hasRole)
                .map(RoleModel::getName)
                .filter(name -> !BUILT_IN_ROLES.contains(name) && !name.equals(defaultRoles))
                .sorted()
                .toList();
    }
}
