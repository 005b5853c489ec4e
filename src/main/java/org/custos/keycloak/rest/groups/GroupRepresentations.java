package org.custos.keycloak.rest.groups;

import java.util.List;
import org.custos.keycloak.representation.groups.GroupViews;
import org.custos.keycloak.representation.users.CustosUserProfile;
import org.custos.keycloak.rest.users.UserRepresentations;
import org.custos.keycloak.service.groups.GroupFields;
import org.custos.keycloak.service.groups.GroupService;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;

/** Keycloak groups in Custos's group shape. */
final class GroupRepresentations {

    /** How deep {@code sub_groups} are expanded in a {@code GroupRepresentation}. */
    static final int MAX_DEPTH = 5;

    private final GroupService groups;
    private final ClientModel tenantClient;

    GroupRepresentations(GroupService groups, ClientModel tenantClient) {
        this.groups = groups;
        this.tenantClient = tenantClient;
    }

    /** A group with its sub-groups, as Custos's {@code GroupRepresentation} endpoints gave it. */
    public GroupViews.Group group(GroupModel group) {
        return group(group, MAX_DEPTH);
    }

    /**
     * A group in a list of related groups (a user's, a group's parents or children), as Custos's {@code Group}:
     * {@code sub_groups} is empty there — each group's own children are one call away, and who may see this list
     * may not see them.
     */
    public GroupViews.Group listed(GroupModel group) {
        return group(group, 1);
    }

    private GroupViews.Group group(GroupModel group, int depth) {
        List<GroupViews.Group> subGroups = depth <= 1
                ? List.of()
                : group.getSubGroupsStream()
                        .filter(groups.permissions()::canView)
                        .map(g -> group(g, depth - 1))
                        .toList();
        List<CustosUserProfile.ProfileAttribute> attributes = GroupFields.attributes(group).entrySet().stream()
                .map(a -> new CustosUserProfile.ProfileAttribute(
                        group.getId() + ":" + a.getKey(), a.getKey(), a.getValue()))
                .toList();
        return new GroupViews.Group(
                group.getId(),
                group.getName(),
                nullToEmpty(group.getDescription()),
                UserRepresentations.realmRoles(group),
                UserRepresentations.clientRoles(group, tenantClient),
                attributes,
                group.getParent() != null && groups.permissions().canView(group.getParent()) ? group.getParentId() : "",
                "0",
                "0",
                groups.permissions().seesMemberDetails(group)
                                || groups.permissions().isMember(group)
                        ? groups.members().ownerOf(group)
                        : "",
                List.of(),
                subGroups);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
