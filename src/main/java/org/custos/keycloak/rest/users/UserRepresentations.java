package org.custos.keycloak.rest.users;

import java.util.List;
import java.util.Map;
import org.custos.keycloak.representation.users.CustosUser;
import org.custos.keycloak.representation.users.CustosUserProfile;
import org.custos.keycloak.representation.users.UserAttribute;
import org.custos.keycloak.service.users.UserService;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleMapperModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;

/** Keycloak users in Custos's two shapes: {@code UserRepresentation} and {@code UserProfile}. */
public final class UserRepresentations {

    private UserRepresentations() {}

    /** ACTIVE if enabled, CONFIRMED if disabled with a verified email, otherwise PENDING_CONFIRMATION (Custos). */
    public static String state(UserModel user) {
        if (user.isEnabled()) {
            return "ACTIVE";
        }
        return user.isEmailVerified() ? "CONFIRMED" : "PENDING_CONFIRMATION";
    }

    /**
     * @param client        whose roles are the user's {@code client_roles} (the calling tenant client)
     * @param withLastLogin compute {@code last_login_at} from the user's sessions (single-user answers only)
     */
    public static CustosUser toUser(
            KeycloakSession session, UserModel user, ClientModel client, boolean withLastLogin) {
        double lastLogin = 0;
        if (withLastLogin) {
            lastLogin = session.sessions()
                    .getUserSessionsStream(session.getContext().getRealm(), user)
                    .mapToLong(s -> s.getLastSessionRefresh() * 1000L)
                    .max()
                    .orElse(0);
        }
        boolean temporary = user.getRequiredActionsStream()
                .anyMatch(a -> a.equals(UserModel.RequiredAction.UPDATE_PASSWORD.name()));
        return new CustosUser(
                user.getId(),
                user.getUsername(),
                nullToEmpty(user.getFirstName()),
                nullToEmpty(user.getLastName()),
                "",
                nullToEmpty(user.getEmail()),
                temporary,
                realmRoles(user),
                clientRoles(user, client),
                attributes(user),
                state(user),
                user.getCreatedTimestamp() == null ? 0 : user.getCreatedTimestamp(),
                lastLogin);
    }

    public static CustosUserProfile toProfile(UserModel user, ClientModel client) {
        return toProfile(user, client, "");
    }

    /** The profile of a group member, with their Custos membership type. */
    public static CustosUserProfile toProfile(UserModel user, ClientModel client, String membershipType) {
        String created = String.valueOf(user.getCreatedTimestamp() == null ? 0 : user.getCreatedTimestamp());
        List<CustosUserProfile.ProfileAttribute> attributes = attributes(user).stream()
                .map(a -> new CustosUserProfile.ProfileAttribute(user.getId() + ":" + a.key(), a.key(), a.values()))
                .toList();
        return new CustosUserProfile(
                user.getUsername(),
                nullToEmpty(user.getEmail()),
                nullToEmpty(user.getFirstName()),
                nullToEmpty(user.getLastName()),
                created,
                created,
                user.isEnabled() ? "ACTIVE" : "SUSPENDED",
                attributes,
                clientRoles(user, client),
                realmRoles(user),
                "END_USER",
                membershipType);
    }

    /**
     * A group member as the caller may see them: the username and membership type
     * always; e-mail, names and the attributes Keycloak's user profile lets an administrator read only with
     * {@code details}; role mappings only with {@code roles}.
     */
    public static CustosUserProfile toMember(
            KeycloakSession session, UserModel user, String type, boolean details, boolean roles, ClientModel client) {
        String created = String.valueOf(user.getCreatedTimestamp() == null ? 0 : user.getCreatedTimestamp());
        List<CustosUserProfile.ProfileAttribute> attributes = !details
                ? List.of()
                : readableAttributes(session, user).stream()
                        .map(a -> new CustosUserProfile.ProfileAttribute(
                                user.getId() + ":" + a.key(), a.key(), a.values()))
                        .toList();
        return new CustosUserProfile(
                user.getUsername(),
                details ? nullToEmpty(user.getEmail()) : "",
                details ? nullToEmpty(user.getFirstName()) : "",
                details ? nullToEmpty(user.getLastName()) : "",
                created,
                created,
                user.isEnabled() ? "ACTIVE" : "SUSPENDED",
                attributes,
                roles ? clientRoles(user, client) : List.of(),
                roles ? realmRoles(user) : List.of(),
                "END_USER",
                type);
    }

    /**
     * The free attributes Keycloak's user profile lets an administrator read ({@code USER_API} context): an attribute
     * the profile hides from admins, or an unmanaged one the realm does not show, is left out.
     */
    public static List<UserAttribute> readableAttributes(KeycloakSession session, UserModel user) {
        Map<String, List<String>> readable = session.getProvider(UserProfileProvider.class)
                .create(UserProfileContext.USER_API, user)
                .getAttributes()
                .getReadable();
        return readable.entrySet().stream()
                .filter(e -> !UserService.RESERVED_ATTRIBUTES.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new UserAttribute(e.getKey(), List.copyOf(e.getValue())))
                .toList();
    }

    /** Free attributes only: Keycloak's own user fields are not attributes in Custos's shape. */
    public static List<UserAttribute> attributes(UserModel user) {
        return user.getAttributes().entrySet().stream()
                .filter(e -> !UserService.RESERVED_ATTRIBUTES.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new UserAttribute(e.getKey(), List.copyOf(e.getValue())))
                .toList();
    }

    /** The names of the realm roles mapped to a user or a group, sorted. */
    public static List<String> realmRoles(RoleMapperModel user) {
        return user.getRealmRoleMappingsStream()
                .map(RoleModel::getName)
                .sorted()
                .toList();
    }

    /** The names of {@code client}'s roles mapped to a user or a group, sorted; none without a client. */
    public static List<String> clientRoles(RoleMapperModel user, ClientModel client) {
        return client == null
                ? List.of()
                : user.getClientRoleMappingsStream(client)
                        .map(RoleModel::getName)
                        .sorted()
                        .toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
