package org.custos.keycloak.service.users;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.UserRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.error.StorageFailure;
import org.custos.keycloak.service.selfservice.SelfServiceDirectory;
import org.custos.keycloak.service.support.AdminEvents;
import org.custos.keycloak.service.support.KeycloakMessages;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * Custos user management on Keycloak's own users: no shadow table. Every lookup is scoped to the request's realm
 * (another realm's users are simply not found), service accounts and agents are not users here, and each change is
 * recorded as a Keycloak admin event.
 */
public final class UserService {

    /** Marks a Custos agent (a user that is really a machine identity); user APIs do not touch agents. */
    public static final String AGENT_ATTRIBUTE = "custos-realm-agent";

    /** Attribute names that are Keycloak user fields or ours: writing them as free attributes is refused. */
    public static final Set<String> RESERVED_ATTRIBUTES = Set.of(
            UserModel.USERNAME,
            UserModel.EMAIL,
            UserModel.FIRST_NAME,
            UserModel.LAST_NAME,
            UserModel.EMAIL_VERIFIED,
            UserModel.ENABLED,
            UserModel.CREATED_TIMESTAMP,
            UserModel.EMAIL_PENDING,
            UserModel.LOCALE,
            AGENT_ATTRIBUTE,
            SelfServiceDirectory.REGISTERED_AT);

    /** Realm role that Custos gave its tenant admins, granted with {@code realm-admin} when the realm has it. */
    static final String TENANT_ADMIN_ROLE = "admin";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserRules rules;
    private final Caller caller;
    private final AdminEvents events;

    public UserService(KeycloakSession session, UserRules rules) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.rules = rules;
        this.caller = rules.caller();
        this.events = new AdminEvents(session, caller);
    }

    /**
     * The user named {@code username}, for a caller Keycloak lets view them. As Keycloak's admin API answers: a caller
     * that may not query users gets 403 whether or not the user exists; one that may gets 404 for unknown names,
     * service accounts and agents, and 403 for a user it may not view.
     */
    public UserModel require(String username) {
        UserModel user = lookup(username, "view");
        if (!rules.canView(user)) {
            throw refused("view", username);
        }
        return user;
    }

    /**
     * The user, existing for the caller. A caller that may not query users gets, for a name that does not exist, the
     * same 403 as for a user it may not {@code verb}: nothing tells the two apart.
     */
    private UserModel lookup(String username, String verb) {
        requireText("username", username);
        UserModel user = session.users().getUserByUsername(realm, username);
        if (user == null || !isPerson(user)) {
            if (!rules.canQuery()) {
                throw refused(verb, username);
            }
            throw CustosException.notFound("user '" + username + "' not found");
        }
        return user;
    }

    private static CustosException refused(String verb, String username) {
        return CustosException.forbidden("the caller may not " + verb + " user '" + username + "'");
    }

    /** Keycloak's right to manage every user ({@code manage-users}, or a fine-grained permission on all users). */
    boolean mayManageAllUsers() {
        return rules.canManageAll();
    }

    /** Searching users: Keycloak's query right ({@code query-users}, {@code view-users}, fine-grained). */
    public void requireQuery() {
        if (!rules.canQuery()) {
            throw CustosException.forbidden("the caller may not query users (Keycloak's query-users or view-users)");
        }
    }

    /** Realm and client role mappings of users, and tenant admins. */
    public UserRoles roles() {
        return new UserRoles(this, realm, rules, caller, events);
    }

    /** Free attributes of users, and account linking. */
    public UserAttributes attributes() {
        return new UserAttributes(this, session, realm, events);
    }

    /** The users of a batch, each one the caller may manage; at least one. */
    List<UserModel> requireManageable(List<String> usernames) {
        if (usernames == null || usernames.isEmpty()) {
            throw CustosException.invalidField("users", "must name at least one user");
        }
        return usernames.stream().distinct().map(this::requireManageable).toList();
    }

    /** The user, whom Keycloak lets the caller manage, holding no admin role the caller could not grant. */
    public UserModel requireManageable(String username) {
        UserModel user = lookup(username, "manage");
        rules.requireManage(user);
        return user;
    }

    public static boolean isPerson(UserModel user) {
        return user.getServiceAccountClientLink() == null && !"true".equals(user.getFirstAttribute(AGENT_ATTRIBUTE));
    }

    public UserModel register(NewUser request) {
        if (!rules.canManageAll()) {
            throw CustosException.forbidden("creating users needs Keycloak's manage-users");
        }
        requireText("username", request.username());
        requireText("first_name", request.firstName());
        requireText("last_name", request.lastName());
        requireText("email", request.email());
        if (session.users().getUserByUsername(realm, request.username()) != null) {
            throw CustosException.conflict("username '" + request.username() + "' is taken");
        }
        if (!realm.isDuplicateEmailsAllowed() && session.users().getUserByEmail(realm, request.email()) != null) {
            throw CustosException.conflict("email '" + request.email() + "' is already used");
        }
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(UserModel.USERNAME, List.of(request.username()));
        attributes.put(UserModel.EMAIL, List.of(request.email()));
        attributes.put(UserModel.FIRST_NAME, List.of(request.firstName()));
        attributes.put(UserModel.LAST_NAME, List.of(request.lastName()));
        UserModel user;
        try {
            user = profiles().create(UserProfileContext.USER_API, attributes).create();
        } catch (ValidationException e) {
            throw validationFailure(e);
        }
        // Custos semantics: a registered user stays disabled until user/activation.
        user.setEnabled(false);
        if (request.password() != null && !request.password().isEmpty()) {
            setPassword(user, request.password());
            if (request.temporaryPassword()) {
                user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
            }
        }
        events.emit(
                OperationType.CREATE,
                ResourceType.USER,
                Map.of("username", user.getUsername(), "enabled", false),
                "users",
                user.getId());
        return user;
    }

    public UserModel setEnabled(String username, boolean enabled) {
        UserModel user = requireManageable(username);
        user.setEnabled(enabled);
        events.emit(OperationType.UPDATE, ResourceType.USER, Map.of("enabled", enabled), "users", user.getId());
        return user;
    }

    public boolean isAvailable(String username) {
        requireText("username", username);
        requireQuery();
        // Agents count: their names are taken too.
        return session.users().getUserByUsername(realm, username) == null;
    }

    public void resetPassword(String username, String password) {
        requireText("password", password);
        UserModel user = requireManageable(username);
        if (!rules.canResetPassword(user)) {
            throw refused("reset the password of", username);
        }
        setPassword(user, password);
        user.removeRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        events.emit(OperationType.ACTION, ResourceType.USER, null, "users", user.getId(), "reset-password");
    }

    public void delete(String username) {
        UserModel user = requireManageable(username);
        String id = user.getId();
        new UserManager(session).removeUser(realm, user);
        events.emit(OperationType.DELETE, ResourceType.USER, null, "users", id);
    }

    /** Updates names and email through Keycloak's user profile (its validators apply); absent fields stay. */
    public UserModel updateProfile(ProfileChange request) {
        UserModel user = requireManageable(request.username());
        if (request.email() != null
                && !request.email().equalsIgnoreCase(nullToEmpty(user.getEmail()))
                && !realm.isDuplicateEmailsAllowed()
                && session.users().getUserByEmail(realm, request.email()) != null) {
            throw CustosException.conflict("email '" + request.email() + "' is already used");
        }
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(UserModel.USERNAME, List.of(user.getUsername()));
        attributes.put(
                UserModel.FIRST_NAME, listOf(request.firstName() != null ? request.firstName() : user.getFirstName()));
        attributes.put(
                UserModel.LAST_NAME, listOf(request.lastName() != null ? request.lastName() : user.getLastName()));
        attributes.put(UserModel.EMAIL, listOf(request.email() != null ? request.email() : user.getEmail()));
        try {
            UserProfile profile = profiles().create(UserProfileContext.USER_API, attributes, user);
            profile.update(false);
        } catch (ValidationException e) {
            throw validationFailure(e);
        }
        events.emit(
                OperationType.UPDATE,
                ResourceType.USER,
                Map.of(
                        "first_name",
                        nullToEmpty(user.getFirstName()),
                        "last_name",
                        nullToEmpty(user.getLastName()),
                        "email",
                        nullToEmpty(user.getEmail())),
                "users",
                user.getId());
        return user;
    }

    /** Searches of users, as the caller may see them. */
    public UserQueries queries() {
        return new UserQueries(this, session, realm, rules);
    }

    private void setPassword(UserModel user, String password) {
        PolicyError error =
                session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, password);
        if (error != null) {
            throw CustosException.invalidField(
                    "password",
                    "violates the password policy: "
                            + KeycloakMessages.format(session, error.getMessage(), error.getParameters()));
        }
        try {
            user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        } catch (ModelException e) {
            if (StorageFailure.isStorage(e)) {
                throw e; // the database failed: the one error path answers it (503 for an outage)
            }
            throw CustosException.invalidField(
                    "password",
                    "violates the password policy: "
                            + KeycloakMessages.format(session, e.getMessage(), e.getParameters()));
        }
    }

    private CustosException validationFailure(ValidationException e) {
        boolean duplicate = e.getErrors().stream()
                .anyMatch(err -> err.getMessage().equals("usernameExistsMessage")
                        || err.getMessage().equals("emailExistsMessage"));
        String description = e.getErrors().stream()
                .map(err -> err.getAttribute() + ": "
                        + KeycloakMessages.format(session, err.getMessage(), err.getMessageParameters()))
                .collect(Collectors.joining("; "));
        return duplicate ? CustosException.conflict(description) : CustosException.badRequest(description);
    }

    UserProfileProvider profiles() {
        return session.getProvider(UserProfileProvider.class);
    }

    static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw CustosException.invalidField(field, "is required");
        }
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
