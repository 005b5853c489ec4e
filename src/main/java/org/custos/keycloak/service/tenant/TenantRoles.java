package org.custos.keycloak.service.tenant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.service.support.AdminEvents;
import org.custos.keycloak.service.support.NewRole;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;

/**
 * A tenant's roles: the realm's roles, or — at client level — the calling client's. The resource checked the
 * caller's rights on the container ({@link org.custos.keycloak.auth.RoleRules}); the caller here signs the events.
 */
public final class TenantRoles {

    private final Caller caller;
    private final RealmModel realm;
    private final KeycloakSession session;

    public TenantRoles(KeycloakSession session, Caller caller) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.caller = caller;
    }

    /** The container's roles by name. */
    public List<RoleModel> list(RoleContainerModel container) {
        return container
                .getRolesStream()
                .sorted(Comparator.comparing(RoleModel::getName))
                .toList();
    }

    /** Creates each role; a name that exists (or comes twice) is 409 and nothing is created. */
    public void create(RoleContainerModel container, List<NewRole> roles) {
        Set<String> names = new LinkedHashSet<>();
        for (NewRole r : roles) {
            if (!names.add(r.name()) || container.getRole(r.name()) != null) {
                throw CustosException.conflict("role '" + r.name() + "' exists in " + describe(container));
            }
        }
        List<String> created = new ArrayList<>();
        for (NewRole r : roles) {
            RoleModel role;
            try {
                role = container.addRole(r.name());
            } catch (ModelDuplicateException e) {
                throw CustosException.conflict("role '" + r.name() + "' exists in " + describe(container));
            }
            role.setDescription(r.description());
            created.add(role.getName());
        }
        new AdminEvents(session, caller)
                .emit(
                        OperationType.CREATE,
                        type(container),
                        Map.of("roles", AdminEvents.summary(created)),
                        path(container, ""));
    }

    /** The role named (or with the id) {@code nameOrId}: the Custos portal sends the name as the id. 404 if none. */
    public RoleModel find(RoleContainerModel container, String nameOrId) {
        RoleModel role = container.getRole(nameOrId);
        if (role != null) {
            return role;
        }
        return container
                .getRolesStream()
                .filter(r -> r.getId().equals(nameOrId))
                .findFirst()
                .orElseThrow(
                        () -> CustosException.notFound("role '" + nameOrId + "' not found in " + describe(container)));
    }

    public void delete(RoleContainerModel container, RoleModel role) {
        if (realm.getDefaultRole() != null && realm.getDefaultRole().getId().equals(role.getId())) {
            throw CustosException.badRequest("the realm's default role cannot be deleted");
        }
        String name = role.getName();
        container.removeRole(role);
        new AdminEvents(session, caller).emit(OperationType.DELETE, type(container), null, path(container, "/" + name));
    }

    private static ResourceType type(RoleContainerModel container) {
        return container instanceof ClientModel ? ResourceType.CLIENT_ROLE : ResourceType.REALM_ROLE;
    }

    private static String path(RoleContainerModel container, String tail) {
        return (container instanceof ClientModel client ? "clients/" + client.getId() + "/roles" : "roles") + tail;
    }

    private static String describe(RoleContainerModel container) {
        return container instanceof ClientModel client
                ? "the roles of client '" + client.getClientId() + "'"
                : "the realm's roles";
    }
}
