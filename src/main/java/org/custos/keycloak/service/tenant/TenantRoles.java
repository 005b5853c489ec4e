package org.custos.keycloak.service.tenant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.CallerContext;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.tenant.RoleViews;
import org.custos.keycloak.service.support.AdminEvents;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;

/**
 * A tenant's roles: the realm's roles, or — at client level — the calling client's. Listing, creating and deleting
 * them needs exactly what Keycloak's admin API needs for the same container (its permission evaluator decides).
 */
public final class TenantRoles {

    /** Keycloak keeps a role's name and description in columns of this many characters. */
    static final int MAX_LENGTH = 255;

    private final CallerContext callerContext;
    private final Caller caller;
    private final RealmModel realm;
    private final KeycloakSession session;

    public TenantRoles(KeycloakSession session, CallerContext callerContext) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.callerContext = callerContext;
        this.caller = callerContext.authenticate();
    }

    /** The roles as Custos's {@code AllRoles}, with its {@code scope} ({@code realm_level} or {@code client_level}). */
    public RoleViews.Roles list(boolean clientLevel) {
        RoleContainerModel container = container(clientLevel);
        if (!callerContext.admin().canListRoles(container)) {
            throw CustosException.forbidden("listing " + describe(clientLevel) + " needs what Keycloak's admin API "
                    + "needs (view-realm, view-clients or another admin role)");
        }
        return new RoleViews.Roles(
                container
                        .getRolesStream()
                        .sorted(Comparator.comparing(RoleModel::getName))
                        .map(r -> new RoleViews.Role(
                                r.getId(),
                                r.getName(),
                                r.getDescription() == null ? "" : r.getDescription(),
                                r.isComposite()))
                        .toList(),
                clientLevel ? "client_level" : "realm_level");
    }

    /** Creates each named role; a name that exists is 409 and nothing is created. */
    public void create(List<RoleViews.Role> roles, boolean clientLevel) {
        RoleContainerModel container = requireManage(clientLevel);
        if (roles == null || roles.isEmpty()) {
            throw CustosException.invalidField("roles", "name at least one role");
        }
        Set<String> names = new LinkedHashSet<>();
        for (RoleViews.Role r : roles) {
            if (r == null || r.name() == null || r.name().isBlank()) {
                throw CustosException.invalidField("roles[].name", "is required");
            }
            if (r.name().length() > MAX_LENGTH
                    || (r.description() != null && r.description().length() > MAX_LENGTH)) {
                throw CustosException.invalidField(
                        "roles[]", "name and description have at most " + MAX_LENGTH + " characters");
            }
            if (!names.add(r.name()) || container.getRole(r.name()) != null) {
                throw CustosException.conflict("role '" + r.name() + "' exists in " + describe(clientLevel));
            }
        }
        List<String> created = new ArrayList<>();
        for (RoleViews.Role r : roles) {
            RoleModel role;
            try {
                role = container.addRole(r.name());
            } catch (ModelDuplicateException e) {
                throw CustosException.conflict("role '" + r.name() + "' exists in " + describe(clientLevel));
            }
            role.setDescription(r.description());
            created.add(role.getName());
        }
        new AdminEvents(session, caller)
                .emit(
                        OperationType.CREATE,
                        clientLevel ? ResourceType.CLIENT_ROLE : ResourceType.REALM_ROLE,
                        Map.of("roles", AdminEvents.summary(created)),
                        clientLevel ? "clients/" + caller.client().getId() + "/roles" : "roles");
    }

    /** Deletes the role named {@code nameOrId} (the Custos portal sends the name as the id). */
    public void delete(String nameOrId, boolean clientLevel) {
        RoleContainerModel container = requireManage(clientLevel);
        if (nameOrId == null || nameOrId.isBlank()) {
            throw CustosException.invalidField("role.id", "is required");
        }
        RoleModel role = container.getRole(nameOrId);
        if (role == null) {
            role = container
                    .getRolesStream()
                    .filter(r -> r.getId().equals(nameOrId))
                    .findFirst()
                    .orElseThrow(() ->
                            CustosException.notFound("role '" + nameOrId + "' not found in " + describe(clientLevel)));
        }
        if (!callerContext.admin().canManageRole(role)) {
            throw CustosException.forbidden(
                    "deleting role '" + role.getName() + "' needs what Keycloak's admin API " + "needs to delete it");
        }
        if (realm.getDefaultRole() != null && realm.getDefaultRole().getId().equals(role.getId())) {
            throw CustosException.badRequest("the realm's default role cannot be deleted");
        }
        String name = role.getName();
        container.removeRole(role);
        new AdminEvents(session, caller)
                .emit(
                        OperationType.DELETE,
                        clientLevel ? ResourceType.CLIENT_ROLE : ResourceType.REALM_ROLE,
                        null,
                        clientLevel ? "clients/" + caller.client().getId() + "/roles/" + name : "roles/" + name);
    }

    private RoleContainerModel requireManage(boolean clientLevel) {
        RoleContainerModel container = container(clientLevel);
        if (!callerContext.admin().canManageRoles(container)) {
            throw CustosException.forbidden("changing " + describe(clientLevel) + " needs what Keycloak's admin API "
                    + "needs (" + (clientLevel ? AdminRoles.MANAGE_CLIENTS : AdminRoles.MANAGE_REALM) + ")");
        }
        return container;
    }

    private RoleContainerModel container(boolean clientLevel) {
        return clientLevel ? caller.client() : realm;
    }

    private String describe(boolean clientLevel) {
        return clientLevel ? "the roles of client '" + caller.client().getClientId() + "'" : "the realm's roles";
    }
}
