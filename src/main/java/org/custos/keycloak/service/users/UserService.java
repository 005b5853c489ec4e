package org.custos.keycloak.service.users;

import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.CallerContext;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.users.AttributesRequest;
import org.custos.keycloak.representation.users.LinkAccountsRequest;
import org.custos.keycloak.representation.users.ProfileRequest;
import org.custos.keycloak.representation.users.RegisterUserRequest;
import org.custos.keycloak.representation.users.UserAttribute;
import org.custos.keycloak.service.AdminEvents;
import org.custos.keycloak.service.AttributePolicy;
import org.custos.keycloak.service.KeycloakMessages;
import org.custos.keycloak.service.Paging;
import org.custos.keycloak.service.selfservice.SelfServiceDirectory;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Custos user management on Keycloak's own users: no shadow table. Every lookup is scoped to the request's realm
 * (another realm's users are simply not found), service accounts and agents are not users here, and each change is
 * recorded as a Keycloak admin event.
 */
public final class UserService {

    /** Marks a Custos agent (a user that is really a machine identity); user APIs do not touch agents. */
    public static final String AGENT_ATTRIBUTE = "custos-realm-agent";

    /** Attribute names that are Keycloak user fields or ours: writing them as free attributes is refused. */
    static final Set<String> RESERVED_ATTRIBUTES = Set.of(UserModel.USERNAME, UserModel.EMAIL, UserModel.FIRST_NAME,
            UserModel.LAST_NAME, UserModel.EMAIL_VERIFIED, UserModel.ENABLED, UserModel.CREATED_TIMESTAMP,
            UserModel.EMAIL_PENDING, UserModel.LOCALE, AGENT_ATTRIBUTE, SelfServiceDirectory.REGISTERED_AT);

    /** Realm role that Custos gave its tenant admins, granted with {@code realm-admin} when the realm has it. */
    static final String TENANT_ADMIN_ROLE = "admin";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final CallerContext callerContext;
    private final Caller caller;
    private final AdminEvents events;

    public UserService(KeycloakSession session, CallerContext callerContext) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.callerContext = callerContext;
        this.caller = callerContext.authenticate();
        this.events = new AdminEvents(session, caller);
    }

    /** The user named {@code username} in this realm; 404 for unknown names, service accounts and agents. */
    public UserModel require(String username) {
        requireText("username", username);
        UserModel user = session.users().getUserByUsername(realm, username);
        if (user == null || !isPerson(user)) {
            throw CustosException.notFound("user '" + username + "' not found");
        }
        return user;
    }

    /** As {@link #require}, and the caller must hold every realm-management role the user holds. */
    public UserModel requireManageable(String username) {
        UserModel user = require(username);
        callerContext.requireCanManage(user);
        return user;
    }

    /**
     * Attributes that Keycloak's user profile makes read-only for administrators (an LDAP or Kerberos id, a
     * federation link, what the realm's profile marks read-only) are not ours to change: Keycloak's profile decides,
     * from the values the change would write, exactly as its admin API does.
     */
    private void requireAdminWritable(UserModel user, Map<String, List<String>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, List<String>> all = new HashMap<>(user.getAttributes());
        all.putAll(changes);
        org.keycloak.userprofile.Attributes profile = profiles().create(UserProfileContext.USER_API, all, user)
                .getAttributes();
        for (String name : changes.keySet()) {
            if (profile.isReadOnly(name)) {
                throw CustosException.forbidden("attribute '" + name + "' is read-only for administrators in this "
                        + "realm's user profile");
            }
        }
    }

    public static boolean isPerson(UserModel user) {
        return user.getServiceAccountClientLink() == null
                && !"true".equals(user.getFirstAttribute(AGENT_ATTRIBUTE));
    }

    public UserModel register(RegisterUserRequest request) {
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
            if (Boolean.TRUE.equals(request.temporaryPassword())) {
                user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
            }
        }
        events.emit(OperationType.CREATE, ResourceType.USER, Map.of("username", user.getUsername(),
                "enabled", false), "users", user.getId());
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
        // Agents count: their names are taken too.
        return session.users().getUserByUsername(realm, username) == null;
    }

    public void resetPassword(String username, String password) {
        requireText("password", password);
        UserModel user = requireManageable(username);
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

    /** Sets each listed key to exactly the listed values on every listed user (Custos replaced, not merged). */
    public void addAttributes(AttributesRequest request) {
        List<UserAttribute> attributes = validAttributes(request);
        List<UserModel> users = manageableUsers(request.users());
        ensureAttributesVisibleToAdmins();
        Map<String, List<String>> changes = new LinkedHashMap<>();
        attributes.forEach(a -> changes.put(a.key(), List.copyOf(a.values())));
        users.forEach(user -> requireAdminWritable(user, changes));
        for (UserModel user : users) {
            for (UserAttribute attribute : attributes) {
                user.setAttribute(attribute.key(), List.copyOf(attribute.values()));
            }
            events.emit(OperationType.UPDATE, ResourceType.USER, Map.of("attributes", attributeNames(attributes)),
                    "users", user.getId());
        }
    }

    /** Removes the listed values; a key whose last value goes is removed. */
    public void deleteAttributes(AttributesRequest request) {
        List<UserAttribute> attributes = validAttributes(request);
        List<UserModel> users = manageableUsers(request.users());
        for (UserModel user : users) {
            Map<String, List<String>> changes = new LinkedHashMap<>();
            attributes.forEach(a -> changes.put(a.key(), user.getAttributeStream(a.key())
                    .filter(v -> !a.values().contains(v)).toList()));
            requireAdminWritable(user, changes);
        }
        for (UserModel user : users) {
            for (UserAttribute attribute : attributes) {
                List<String> kept = user.getAttributeStream(attribute.key())
                        .filter(v -> !attribute.values().contains(v)).toList();
                if (kept.isEmpty()) {
                    user.removeAttribute(attribute.key());
                } else {
                    user.setAttribute(attribute.key(), kept);
                }
            }
            events.emit(OperationType.UPDATE, ResourceType.USER, Map.of("removed_attributes", attributeNames(attributes)),
                    "users", user.getId());
        }
    }

    /** Grants realm roles, or the calling client's roles when {@code clientLevel}; every name must exist. */
    public void addRoles(List<String> roleNames, List<String> usernames, boolean clientLevel) {
        List<RoleModel> roles = resolveRoles(roleNames, clientLevel ? "client_roles" : "roles", clientLevel);
        List<UserModel> users = manageableUsers(usernames);
        for (UserModel user : users) {
            roles.forEach(user::grantRole);
            events.emit(OperationType.CREATE, ResourceType.REALM_ROLE_MAPPING, roleNames(roles),
                    "users", user.getId(), clientLevel ? "role-mappings/clients/" + caller.client().getId() : "role-mappings/realm");
        }
    }

    public void deleteRoles(List<String> usernames, List<String> realmRoleNames, List<String> clientRoleNames) {
        List<RoleModel> realmRoles = resolveRoles(realmRoleNames, "roles", false);
        List<RoleModel> clientRoles = resolveRoles(clientRoleNames, "client_roles", true);
        if (realmRoles.isEmpty() && clientRoles.isEmpty()) {
            throw CustosException.badRequest("name at least one role in 'roles', 'realm_roles' or 'client_roles'");
        }
        List<UserModel> users = manageableUsers(usernames);
        for (UserModel user : users) {
            realmRoles.forEach(user::deleteRoleMapping);
            clientRoles.forEach(user::deleteRoleMapping);
            List<String> removed = new ArrayList<>(roleNames(realmRoles));
            removed.addAll(roleNames(clientRoles));
            events.emit(OperationType.DELETE, ResourceType.REALM_ROLE_MAPPING, removed, "users", user.getId(), "role-mappings");
        }
    }

    /** Updates names and email through Keycloak's user profile (its validators apply); absent fields stay. */
    public UserModel updateProfile(ProfileRequest request) {
        UserModel user = requireManageable(request.username());
        if (request.email() != null && !request.email().equalsIgnoreCase(nullToEmpty(user.getEmail()))
                && !realm.isDuplicateEmailsAllowed() && session.users().getUserByEmail(realm, request.email()) != null) {
            throw CustosException.conflict("email '" + request.email() + "' is already used");
        }
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(UserModel.USERNAME, List.of(user.getUsername()));
        attributes.put(UserModel.FIRST_NAME, listOf(request.firstName() != null ? request.firstName() : user.getFirstName()));
        attributes.put(UserModel.LAST_NAME, listOf(request.lastName() != null ? request.lastName() : user.getLastName()));
        attributes.put(UserModel.EMAIL, listOf(request.email() != null ? request.email() : user.getEmail()));
        try {
            UserProfile profile = profiles().create(UserProfileContext.USER_API, attributes, user);
            profile.update(false);
        } catch (ValidationException e) {
            throw validationFailure(e);
        }
        events.emit(OperationType.UPDATE, ResourceType.USER, Map.of("first_name", nullToEmpty(user.getFirstName()),
                "last_name", nullToEmpty(user.getLastName()), "email", nullToEmpty(user.getEmail())), "users", user.getId());
        return user;
    }

    /**
     * A page of users (no service accounts). {@code id} is Custos's {@code user.id}: an exact user id when one
     * matches, otherwise Keycloak's free-text search, as Custos did.
     */
    public Paging.Page<UserModel> find(String id, Map<String, String> filters, Paging page) {
        if (id != null && !id.isBlank()) {
            UserModel byId = session.users().getUserById(realm, id);
            if (byId != null && isPerson(byId)) {
                return new Paging.Page<>(page.offset() == 0 ? List.of(byId) : List.of(), 1);
            }
        }
        Map<String, String> params = new LinkedHashMap<>(filters);
        if (id != null && !id.isBlank()) {
            params.put(UserModel.SEARCH, id);
        }
        return search(params, page);
    }

    /** Users whose attributes match every key/value pair (Custos's {@code users/profile}); all users when none. */
    public Paging.Page<UserModel> findByAttributes(Map<String, String> pairs, Paging page) {
        for (String key : pairs.keySet()) {
            if (RESERVED_ATTRIBUTES.contains(key)) {
                throw CustosException.badRequest("'" + key + "' is not an attribute; use GET users to search by it");
            }
        }
        return search(new LinkedHashMap<>(pairs), page);
    }

    private Paging.Page<UserModel> search(Map<String, String> params, Paging page) {
        params.put(UserModel.INCLUDE_SERVICE_ACCOUNT, "false");
        List<UserModel> found = session.users().searchForUserStream(realm, params, page.offset(), page.limit()).toList();
        List<UserModel> users = found.stream().filter(UserService::isPerson).toList();
        // A first page that is not full holds every match: its size is the total, without a count query.
        long total = page.offset() == 0 && found.size() < page.limit() ? users.size()
                : session.users().getUsersCount(realm, params);
        return new Paging.Page<>(users, total);
    }

    /** Copies the listed attributes of the previous account to the current one: {@code name}, {@code email}, or any. */
    public void linkAccounts(LinkAccountsRequest request) {
        // Taking over another account's attributes is managing both accounts.
        UserModel previous = requireManageable(request.previousUsername());
        UserModel current = requireManageable(request.currentUsername());
        List<String> names = request.linkingAttributes() == null ? List.of() : request.linkingAttributes();
        for (String name : names) {
            requireText("linking_attributes[]", name);
            if (!name.equals("name") && !name.equals("email") && RESERVED_ATTRIBUTES.contains(name)) {
                throw CustosException.badRequest("'" + name + "' cannot be linked; use 'name' or 'email'");
            }
        }
        ensureAttributesVisibleToAdmins();
        Map<String, List<String>> copied = new LinkedHashMap<>();
        names.stream().filter(n -> !n.equals("name") && !n.equals("email"))
                .forEach(n -> copied.put(n, previous.getAttributeStream(n).toList()));
        requireAdminWritable(current, copied);
        for (String name : names) {
            switch (name) {
                case "name" -> {
                    current.setFirstName(previous.getFirstName());
                    current.setLastName(previous.getLastName());
                }
                case "email" -> {
                    String email = previous.getEmail();
                    if (email != null && !realm.isDuplicateEmailsAllowed()) {
                        UserModel holder = session.users().getUserByEmail(realm, email);
                        if (holder != null && !holder.getId().equals(current.getId())) {
                            throw CustosException.conflict("email of '" + previous.getUsername()
                                    + "' is in use by another account and the realm forbids duplicate emails");
                        }
                    }
                    current.setEmail(email);
                }
                default -> {
                    List<String> values = previous.getAttributeStream(name).toList();
                    if (values.isEmpty()) {
                        current.removeAttribute(name);
                    } else {
                        current.setAttribute(name, values);
                    }
                }
            }
        }
        events.emit(OperationType.UPDATE, ResourceType.USER, Map.of("linked_from", previous.getUsername(),
                "linking_attributes", names), "users", current.getId());
    }

    /** Makes the user a tenant admin: {@code realm-admin}, plus the realm role {@code admin} when the realm has one. */
    public void makeAdmin(String username) {
        UserModel user = requireManageable(username);
        RoleModel realmAdmin = realmAdminRole();
        RoleModel admin = realm.getRole(TENANT_ADMIN_ROLE);
        callerContext.admin().requireGrantAll(admin == null ? List.of(realmAdmin) : List.of(realmAdmin, admin));
        user.grantRole(realmAdmin);
        if (admin != null) {
            user.grantRole(admin);
        }
        events.emit(OperationType.CREATE, ResourceType.CLIENT_ROLE_MAPPING, List.of(realmAdmin.getName()),
                "users", user.getId(), "role-mappings");
    }

    /** Removes {@code realm-admin}, every other direct realm-management role and the realm role {@code admin}. */
    public void removeAdmin(String username) {
        UserModel user = requireManageable(username);
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        List<RoleModel> removed = user.getClientRoleMappingsStream(realmManagement).collect(Collectors.toList());
        RoleModel admin = realm.getRole(TENANT_ADMIN_ROLE);
        if (admin != null && user.hasDirectRole(admin)) {
            removed.add(admin);
        }
        callerContext.admin().requireGrantAll(removed);
        removed.forEach(user::deleteRoleMapping);
        events.emit(OperationType.DELETE, ResourceType.CLIENT_ROLE_MAPPING, roleNames(removed),
                "users", user.getId(), "role-mappings");
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
            requireText(field + "[]", name);
            RoleModel role = clientLevel ? caller.client().getRole(name) : realm.getRole(name);
            if (role == null) {
                throw CustosException.invalidField(field, "names the role '" + name + "', which does not exist"
                        + (clientLevel ? " on client '" + caller.client().getClientId() + "'" : " in this realm"));
            }
            callerContext.requireCanGrant(role);
            roles.add(role);
        }
        return roles;
    }

    private List<UserModel> manageableUsers(List<String> usernames) {
        if (usernames == null || usernames.isEmpty()) {
            throw CustosException.invalidField("users", "must name at least one user");
        }
        return usernames.stream().distinct().map(this::requireManageable).toList();
    }

    private static List<UserAttribute> validAttributes(AttributesRequest request) {
        if (request.attributes() == null || request.attributes().isEmpty()) {
            throw CustosException.invalidField("attributes", "must hold at least one {key, values}");
        }
        for (UserAttribute attribute : request.attributes()) {
            if (attribute == null) {
                throw CustosException.invalidField("attributes[]", "must be an object");
            }
            requireText("attributes[].key", attribute.key());
            if (RESERVED_ATTRIBUTES.contains(attribute.key())) {
                throw CustosException.badRequest("attribute key '" + attribute.key() + "' is reserved"
                        + (attribute.key().equals(AGENT_ATTRIBUTE) ? "" : ": it is a Keycloak user field; use PUT user/profile"));
            }
            if (attribute.values() == null || attribute.values().stream().anyMatch(v -> v == null)) {
                throw CustosException.invalidField("attributes[].values", "must be an array of strings");
            }
        }
        return request.attributes();
    }

    private void ensureAttributesVisibleToAdmins() {
        AttributePolicy.ensureAdminEditable(session, events);
    }

    private void setPassword(UserModel user, String password) {
        PolicyError error = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, password);
        if (error != null) {
            throw CustosException.invalidField("password", "violates the password policy: "
                    + KeycloakMessages.format(session, error.getMessage(), error.getParameters()));
        }
        try {
            user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        } catch (ModelException e) {
            throw CustosException.invalidField("password", "violates the password policy: "
                    + KeycloakMessages.format(session, e.getMessage(), e.getParameters()));
        }
    }

    private CustosException validationFailure(ValidationException e) {
        boolean duplicate = e.getErrors().stream().anyMatch(err ->
                err.getMessage().equals("usernameExistsMessage") || err.getMessage().equals("emailExistsMessage"));
        String description = e.getErrors().stream()
                .map(err -> err.getAttribute() + ": " + KeycloakMessages.format(session, err.getMessage(),
                        err.getMessageParameters()))
                .collect(Collectors.joining("; "));
        return duplicate ? CustosException.conflict(description) : CustosException.badRequest(description);
    }

    private UserProfileProvider profiles() {
        return session.getProvider(UserProfileProvider.class);
    }

    static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw CustosException.invalidField(field, "is required");
        }
    }

    private static List<String> roleNames(List<RoleModel> roles) {
        return roles.stream().map(RoleModel::getName).toList();
    }

    private static List<String> attributeNames(List<UserAttribute> attributes) {
        return attributes.stream().map(UserAttribute::key).toList();
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
