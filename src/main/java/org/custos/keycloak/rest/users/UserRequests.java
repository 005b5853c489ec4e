package org.custos.keycloak.rest.users;

import java.util.ArrayList;
import java.util.List;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.representation.users.AttributesRequest;
import org.custos.keycloak.representation.users.DeleteRolesRequest;
import org.custos.keycloak.representation.users.ProfileRequest;
import org.custos.keycloak.representation.users.RegisterUserRequest;
import org.custos.keycloak.service.support.AttributeValues;
import org.custos.keycloak.service.users.NewUser;
import org.custos.keycloak.service.users.ProfileChange;

/** User-management requests read into the service's typed arguments, and the bounds of what one request changes. */
final class UserRequests {

    private UserRequests() {}

    static NewUser newUser(RegisterUserRequest r) {
        return new NewUser(
                r.username(),
                r.firstName(),
                r.lastName(),
                r.email(),
                r.password(),
                Boolean.TRUE.equals(r.temporaryPassword()));
    }

    static ProfileChange profile(ProfileRequest r) {
        return new ProfileChange(r.username(), r.firstName(), r.lastName(), r.email());
    }

    /** The attributes of the request, within the bound on users × attribute values one request may write. */
    static List<AttributeValues> attributes(AttributesRequest request) {
        long values = request.attributes() == null
                ? 0
                : request.attributes().stream()
                        .mapToLong(a -> a == null || a.values() == null
                                ? 1
                                : Math.max(1, a.values().size()))
                        .sum();
        RequestLimits.requireChanges(values * size(request.users()), "users × attribute values");
        return request.attributes() == null
                ? null
                : request.attributes().stream()
                        .map(a -> a == null ? null : new AttributeValues(a.key(), a.values()))
                        .toList();
    }

    /** Whose realm and client roles a {@code DELETE user/roles} removes, within the bound on roles × usernames. */
    record RoleRemoval(List<String> usernames, List<String> realmRoles, List<String> clientRoles) {}

    /**
     * {@code username} and {@code usernames} together; {@code roles} are realm roles, or client roles with {@code
     * client_level} when {@code client_roles} is absent; {@code realm_roles} and {@code client_roles} add to them.
     */
    static RoleRemoval roleRemoval(DeleteRolesRequest body) {
        List<String> usernames = new ArrayList<>();
        if (body.username() != null) {
            usernames.add(body.username());
        }
        if (body.usernames() != null) {
            usernames.addAll(body.usernames());
        }
        boolean rolesAreClientRoles = Boolean.TRUE.equals(body.clientLevel()) && body.clientRoles() == null;
        List<String> realmRoles = new ArrayList<>();
        List<String> clientRoles = new ArrayList<>();
        if (body.roles() != null) {
            (rolesAreClientRoles ? clientRoles : realmRoles).addAll(body.roles());
        }
        if (body.realmRoles() != null) {
            realmRoles.addAll(body.realmRoles());
        }
        if (body.clientRoles() != null) {
            clientRoles.addAll(body.clientRoles());
        }
        requireBoundedRoleChanges(realmRoles.size() + clientRoles.size(), usernames);
        return new RoleRemoval(usernames, realmRoles, clientRoles);
    }

    /** Roles × usernames: what one request may grant or remove. */
    static void requireBoundedRoleChanges(int roles, List<String> usernames) {
        RequestLimits.requireChanges((long) roles * size(usernames), "roles × usernames");
    }

    static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
