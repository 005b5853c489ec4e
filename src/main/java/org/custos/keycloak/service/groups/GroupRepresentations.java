package org.custos.keycloak.service.groups;

import org.custos.keycloak.representation.groups.GroupViews;
import org.custos.keycloak.representation.users.CustosUserProfile;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;

import java.util.List;

/** Keycloak groups in Custos's two shapes. */
public final class GroupRepresentations {

    /** How deep {@code sub_groups} are expanded in a {@code GroupRepresentation}. */
    static final int MAX_DEPTH = 5;

    private final GroupService groups;
    private final ClientModel tenantClient;

    public GroupRepresentations(GroupService groups, ClientModel tenantClient) {
        this.groups = groups;
        this.tenantClient = tenantClient;
    }

    public GroupViews.KeycloakGroup keycloakGroup(GroupModel group) {
        return keycloakGroup(group, MAX_DEPTH);
    }

    private GroupViews.KeycloakGroup keycloakGroup(GroupModel group, int depth) {
        List<GroupViews.KeycloakGroup> subGroups = depth <= 1 ? List.of()
                : group.getSubGroupsStream().map(g -> keycloakGroup(g, depth - 1)).toList();
        return new GroupViews.KeycloakGroup(group.getName(), group.getId(), realmRoles(group), clientRoles(group),
                GroupService.attributes(group), List.of(), subGroups, nullToEmpty(group.getDescription()),
                groups.ownerOf(group));
    }

    public GroupViews.Group group(GroupModel group) {
        List<CustosUserProfile.ProfileAttribute> attributes = GroupService.attributes(group).stream()
                .map(a -> new CustosUserProfile.ProfileAttribute(group.getId() + ":" + a.key(), a.key(), a.values()))
                .toList();
        return new GroupViews.Group(group.getId(), group.getName(), realmRoles(group), clientRoles(group),
                nullToEmpty(group.getParentId()), "0", "0", attributes, nullToEmpty(group.getDescription()),
                groups.ownerOf(group));
    }

    private static List<String> realmRoles(GroupModel group) {
        return group.getRealmRoleMappingsStream().map(RoleModel::getName).sorted().toList();
    }

    private List<String> clientRoles(GroupModel group) {
        return tenantClient == null ? List.of()
                : group.getClientRoleMappingsStream(tenantClient).map(RoleModel::getName).sorted().toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
