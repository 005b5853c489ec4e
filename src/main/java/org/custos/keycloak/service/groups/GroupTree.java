package org.custos.keycloak.service.groups;

import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.AdminAccess;
import org.custos.keycloak.auth.GroupPermissions;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.service.support.AdminEvents;
import org.custos.keycloak.service.support.Paging;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The Keycloak group tree as Custos's child and parent calls see it. A Keycloak group has one parent; a move is
 * checked for cycles under the realm's tree lock, so two concurrent moves can never together make a cycle.
 */
public final class GroupTree {

    private final GroupService groups;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final GroupPermissions permissions;
    private final AdminEvents events;

    GroupTree(
            GroupService groups,
            KeycloakSession session,
            RealmModel realm,
            GroupPermissions permissions,
            AdminEvents events) {
        this.groups = groups;
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
        this.events = events;
    }

    /** Makes {@code child} a Keycloak sub-group of {@code parent}. Idempotent; 409 if it has another parent. */
    public void addChild(String childId, String parentId) {
        GroupModel child = groups.require(childId);
        GroupModel parent = groups.require(parentId);
        permissions.requireReparent(child, parent);
        for (GroupModel g = parent; g != null; g = g.getParent()) {
            if (g.getId().equals(child.getId())) {
                throw CustosException.conflict("group '" + parentId + "' is '" + childId
                        + "' or one of its sub-groups: the move would make a cycle");
            }
        }
        // From here on no other move in the realm runs, and the tree is read again from the database (not from a
        // cache): a concurrent move that would now make a cycle is refused the same way, and nothing is written.
        CustosStores stores = CustosStores.of(session);
        stores.lockTrees(realm.getId());
        String currentParent = stores.storedGroupParent(realm.getId(), child.getId());
        if (parent.getId().equals(currentParent)) {
            return;
        }
        for (String g = parent.getId(); g != null; g = stores.storedGroupParent(realm.getId(), g)) {
            if (g.equals(child.getId())) {
                throw CustosException.conflict("group '" + parentId + "' became '" + childId
                        + "' or one of its sub-groups in a concurrent move: this move would make a cycle");
            }
        }
        if (currentParent != null) {
            throw CustosException.conflict("group '" + childId + "' already has a parent ('" + currentParent
                    + "'); a Keycloak group has one parent, so remove it from that parent first");
        }
        // Members of the child inherit the parent's roles from now on.
        permissions.requireCanGrantRolesOf(parent);
        groups.requireUniqueName(child.getName(), parent);
        session.groups().moveGroup(realm, child, parent);
        events.emit(
                OperationType.UPDATE, ResourceType.GROUP, Map.of("parent_id", parent.getId()), "groups", child.getId());
    }

    /** Makes {@code child} a top-level group again. */
    public void removeChild(String childId, String parentId) {
        GroupModel child = groups.require(childId);
        GroupModel parent = groups.require(parentId);
        permissions.requireReparent(child, parent);
        CustosStores.of(session).lockTrees(realm.getId());
        if (!parent.getId().equals(CustosStores.of(session).storedGroupParent(realm.getId(), child.getId()))) {
            throw CustosException.notFound("group '" + childId + "' is not a child of '" + parentId + "'");
        }
        // Members of the child lose the parent chain's roles.
        permissions.requireGrantAll(AdminAccess.rolesThrough(parent));
        groups.requireUniqueName(child.getName(), null);
        session.groups().moveGroup(realm, child, null);
        events.emit(OperationType.UPDATE, ResourceType.GROUP, Map.of("parent_id", ""), "groups", child.getId());
    }

    public List<GroupModel> children(String groupId, Paging page) {
        GroupModel group = groups.require(groupId);
        return group.getSubGroupsStream(page.offset(), page.limit())
                .filter(permissions::canView)
                .toList();
    }

    /** The parent, when the caller may see it too (seeing a group gives no sight of its parent). */
    public List<GroupModel> parents(String groupId) {
        GroupModel group = groups.require(groupId);
        GroupModel parent = group.getParent();
        return parent == null || !permissions.canView(parent) ? List.of() : List.of(parent);
    }
}
