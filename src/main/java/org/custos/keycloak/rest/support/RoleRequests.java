package org.custos.keycloak.rest.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.service.support.NewRole;

/** The roles a request asks to create (a tenant's, the agents'), checked once for both: named, and within length. */
public final class RoleRequests {

    private RoleRequests() {}

    /** {@code roles}' names and descriptions, read by {@code name} and {@code description}; at least one. */
    public static <R> List<NewRole> newRoles(List<R> roles, Function<R, String> name, Function<R, String> description) {
        if (roles == null || roles.isEmpty()) {
            throw CustosException.invalidField("roles", "must hold at least one {name}");
        }
        List<NewRole> typed = new ArrayList<>();
        for (R r : roles) {
            String n = r == null ? null : name.apply(r);
            if (n == null || n.isBlank()) {
                throw CustosException.invalidField("roles[].name", "is required");
            }
            String d = description.apply(r);
            if (n.length() > NewRole.MAX_LENGTH || (d != null && d.length() > NewRole.MAX_LENGTH)) {
                throw CustosException.invalidField(
                        "roles[]", "name and description have at most " + NewRole.MAX_LENGTH + " characters");
            }
            typed.add(new NewRole(n, d));
        }
        return typed;
    }
}
