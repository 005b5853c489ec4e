package org.custos.keycloak.service.users;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.service.support.AdminEvents;
import org.custos.keycloak.service.support.AttributePolicy;
import org.custos.keycloak.service.support.AttributeValues;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfileContext;

/**
 * Free attributes of Custos users and Custos's account linking. Keycloak's user fields are refused as free
 * attributes, and what Keycloak's user profile makes read-only for administrators stays read-only here.
 */
public final class UserAttributes {

    private final UserService service;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEvents events;

    UserAttributes(UserService users, KeycloakSession session, RealmModel realm, AdminEvents events) {
        this.service = users;
        this.session = session;
        this.realm = realm;
        this.events = events;
    }

    /** Sets each listed key to exactly the listed values on every listed user (Custos replaced, not merged). */
    public void add(List<AttributeValues> requested, List<String> usernames) {
        List<AttributeValues> attributes = validAttributes(requested);
        List<UserModel> users = service.requireManageable(usernames);
        ensureAttributesVisibleToAdmins();
        Map<String, List<String>> changes = new LinkedHashMap<>();
        attributes.forEach(a -> changes.put(a.key(), List.copyOf(a.values())));
        users.forEach(user -> requireAdminWritable(user, changes));
        for (UserModel user : users) {
            for (AttributeValues attribute : attributes) {
                user.setAttribute(attribute.key(), List.copyOf(attribute.values()));
            }
            events.emit(
                    OperationType.UPDATE,
                    ResourceType.USER,
                    Map.of("attributes", AdminEvents.summary(attributeNames(attributes))),
                    "users",
                    user.getId());
        }
    }

    /** Removes the listed values; a key whose last value goes is removed. */
    public void delete(List<AttributeValues> requested, List<String> usernames) {
        List<AttributeValues> attributes = validAttributes(requested);
        List<UserModel> users = service.requireManageable(usernames);
        for (UserModel user : users) {
            Map<String, List<String>> changes = new LinkedHashMap<>();
            attributes.forEach(a -> changes.put(
                    a.key(),
                    user.getAttributeStream(a.key())
                            .filter(v -> !a.values().contains(v))
                            .toList()));
            requireAdminWritable(user, changes);
        }
        for (UserModel user : users) {
            for (AttributeValues attribute : attributes) {
                List<String> kept = user.getAttributeStream(attribute.key())
                        .filter(v -> !attribute.values().contains(v))
                        .toList();
                if (kept.isEmpty()) {
                    user.removeAttribute(attribute.key());
                } else {
                    user.setAttribute(attribute.key(), kept);
                }
            }
            events.emit(
                    OperationType.UPDATE,
                    ResourceType.USER,
                    Map.of("removed_attributes", AdminEvents.summary(attributeNames(attributes))),
                    "users",
                    user.getId());
        }
    }

    /** Copies the listed attributes of the previous account to the current one: {@code name}, {@code email}, or any. */
    public void link(String previousUsername, String currentUsername, List<String> linkingAttributes) {
        // Taking over another account's attributes is managing both accounts.
        UserModel previous = service.requireManageable(previousUsername);
        UserModel current = service.requireManageable(currentUsername);
        List<String> names = linkingAttributes == null ? List.of() : linkingAttributes;
        for (String name : names) {
            UserService.requireText("linking_attributes[]", name);
            if (!name.equals("name") && !name.equals("email") && UserService.RESERVED_ATTRIBUTES.contains(name)) {
                throw CustosException.badRequest("'" + name + "' cannot be linked; use 'name' or 'email'");
            }
        }
        ensureAttributesVisibleToAdmins();
        Map<String, List<String>> copied = new LinkedHashMap<>();
        names.stream()
                .filter(n -> !n.equals("name") && !n.equals("email"))
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
        events.emit(
                OperationType.UPDATE,
                ResourceType.USER,
                Map.of("linked_from", previous.getUsername(), "linking_attributes", AdminEvents.summary(names)),
                "users",
                current.getId());
    }

    private static List<AttributeValues> validAttributes(List<AttributeValues> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            throw CustosException.invalidField("attributes", "must hold at least one {key, values}");
        }
        for (AttributeValues attribute : attributes) {
            if (attribute == null) {
                throw CustosException.invalidField("attributes[]", "must be an object");
            }
            UserService.requireText("attributes[].key", attribute.key());
            if (UserService.RESERVED_ATTRIBUTES.contains(attribute.key())) {
                throw CustosException.badRequest("attribute key '" + attribute.key() + "' is reserved"
                        + (attribute.key().equals(UserService.AGENT_ATTRIBUTE)
                                ? ""
                                : ": it is a Keycloak user field; use PUT user/profile"));
            }
            if (attribute.values() == null || attribute.values().stream().anyMatch(v -> v == null)) {
                throw CustosException.invalidField("attributes[].values", "must be an array of strings");
            }
        }
        return attributes;
    }

    /**
     * The realm's unmanaged-attribute policy is realm configuration: only a caller Keycloak lets manage every user
     * (Custos's user-admin) switches it, never a delegate allowed to manage some users.
     */
    private void ensureAttributesVisibleToAdmins() {
        if (service.mayManageAllUsers()) {
            AttributePolicy.ensureAdminEditable(session, events);
        }
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
        org.keycloak.userprofile.Attributes profile = service.profiles()
                .create(UserProfileContext.USER_API, all, user)
                .getAttributes();
        for (String name : changes.keySet()) {
            if (profile.isReadOnly(name)) {
                throw CustosException.forbidden(
                        "attribute '" + name + "' is read-only for administrators in this " + "realm's user profile");
            }
        }
    }

    private static List<String> attributeNames(List<AttributeValues> attributes) {
        return attributes.stream().map(AttributeValues::key).toList();
    }
}
