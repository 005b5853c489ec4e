package org.custos.keycloak.service.groups;

import static org.custos.keycloak.auth.GroupPermissions.ADMIN;
import static org.custos.keycloak.auth.GroupPermissions.MEMBER;
import static org.custos.keycloak.auth.GroupPermissions.OWNER;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.auth.GroupPermissions;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.MembershipStore;
import org.custos.keycloak.service.support.AdminEvents;
import org.custos.keycloak.service.support.Paging;
import org.custos.keycloak.service.support.UserSearch;
import org.custos.keycloak.service.users.UserService;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

/**
 * Members of Custos groups: Keycloak membership plus the Custos membership type (OWNER, ADMIN, MEMBER or a type the
 * realm defines) kept in our store. Joining passes Keycloak's own checks for putting the user in the group and for
 * every role the group carries; a group never loses its last OWNER.
 */
public final class GroupMembers {

    private final GroupService groups;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final GroupPermissions permissions;
    private final MembershipStore memberships;
    private final AdminEvents events;

    GroupMembers(
            GroupService groups,
            KeycloakSession session,
            RealmModel realm,
            GroupPermissions permissions,
            MembershipStore memberships,
            AdminEvents events) {
        this.groups = groups;
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
        this.memberships = memberships;
        this.events = events;
    }

    public void add(String groupId, String username, String requestedType) {
        GroupModel group = groups.require(groupId);
        String type = membershipType(requestedType, "membership_type");
        permissions.requireManageSomeMembers(group);
        if (isPowerType(type)) {
            permissions.requireSetPowerType(group);
        }
        UserModel user = groups.requireUser(username);
        permissions.requireManageMembers(group, user);
        if (GroupService.isDirectMember(user, group)) {
            return; // Custos: joining again changes nothing, the type included.
        }
        permissions.requireCanGrantRolesOf(group);
        user.joinGroup(group);
        memberships.setType(realm.getId(), group.getId(), user.getId(), type);
        membershipEvent(OperationType.CREATE, Map.of("membership_type", type), user, group);
    }

    public void remove(String groupId, String username) {
        GroupModel group = groups.require(groupId);
        permissions.requireManageSomeMembers(group);
        UserModel user = groups.requireUser(username);
        String current = typeOf(group, user);
        permissions.requireManageMembers(group, user);
        if (isPowerType(current)) {
            permissions.requireSetPowerType(group); // removing an ADMIN or OWNER takes power: as giving it
        }
        if (current.equals(OWNER)) {
            requireAnotherOwner(group);
        }
        if (!GroupService.isDirectMember(user, group)) {
            throw CustosException.notFound("user '" + username + "' is not a member of group '" + groupId + "'");
        }
        permissions.requireCanGrantRolesOf(group);
        user.leaveGroup(group);
        memberships.remove(realm.getId(), group.getId(), user.getId());
        membershipEvent(OperationType.DELETE, null, user, group);
    }

    public void changeType(String groupId, String username, String requestedType) {
        GroupModel group = groups.require(groupId);
        String type = membershipType(requestedType, "type");
        permissions.requireManageSomeMembers(group);
        UserModel user = groups.requireUser(username);
        permissions.requireManageMembers(group, user);
        if (!GroupService.isDirectMember(user, group)) {
            throw CustosException.notFound("user '" + username + "' is not a member of group '" + groupId + "'");
        }
        String current = typeOf(group, user);
        if (isPowerType(type) || isPowerType(current)) {
            permissions.requireSetPowerType(group);
        }
        if (current.equals(OWNER) && !type.equals(OWNER)) {
            requireAnotherOwner(group);
        }
        memberships.setType(realm.getId(), group.getId(), user.getId(), type);
        membershipEvent(OperationType.UPDATE, Map.of("membership_type", type), user, group);
    }

    /** As {@link #changeType}, for a member named by Keycloak user id (the admin console). */
    public void changeTypeByUserId(String groupId, String userId, String requestedType) {
        // Who may not manage the group's members learns nothing of user ids here.
        permissions.requireManageMembers(groups.require(groupId));
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            throw CustosException.notFound("user '" + userId + "' not found");
        }
        changeType(groupId, user.getUsername(), requestedType);
    }

    /**
     * A member as the caller may see them: {@code details} (e-mail, readable attributes) for callers Keycloak lets
     * view the group's members, {@code roles} for callers Keycloak lets view the user; a plain member of the group
     * sees names and types only.
     */
    public record Member(UserModel user, String type, boolean details, boolean roles) {}

    /** Direct members and their types (MEMBER for a Keycloak member added outside Custos). */
    public Paging.Page<Member> list(String groupId, Paging page) {
        GroupModel group = groups.require(groupId);
        permissions.requireViewMembers(group);
        boolean details = permissions.seesMemberDetails(group);
        Map<String, String> types = memberships.types(realm.getId(), group.getId());
        UserProvider users = UserSearch.of(session, realm); // an outage is 503, not "no members"
        List<Member> rows = users.getGroupMembersStream(realm, group, page.offset(), page.limit())
                .filter(UserService::isPerson)
                .map(u -> new Member(
                        u, types.getOrDefault(u.getId(), MEMBER), details, details && permissions.seesRolesOf(u)))
                .toList();
        // One count query, not every member loaded (it counts a group's service accounts too, as Keycloak's does).
        long total = users.getUsersCount(realm, Set.of(group.getId()));
        return new Paging.Page<>(rows, total);
    }

    /** A user's groups: direct ones plus all their ancestors (sharing depends on it). Self or user viewers only. */
    public List<GroupModel> groupsOf(String username) {
        // Another user's groups need Keycloak's view right on them: asked before the name is looked up.
        permissions.requireViewGroupsOfNamed(username);
        UserModel user = groups.requireUser(username);
        permissions.requireViewGroupsOf(user);
        Set<GroupModel> all = new LinkedHashSet<>();
        user.getGroupsStream().forEach(g -> {
            for (GroupModel x = g; x != null; x = x.getParent()) {
                all.add(x);
            }
        });
        // Ancestors the caller may not see (a member of a sub-group is no member of its parent) are left out.
        return all.stream().filter(permissions::canView).toList();
    }

    /** Whether the user is a direct member of the group with exactly this type (false for an unknown user). */
    public boolean hasAccess(String groupId, String username, String requestedType) {
        GroupModel group = groups.require(groupId);
        permissions.requireViewMembers(group);
        String type = membershipType(requestedType, "type");
        if (username == null || username.isBlank()) {
            throw CustosException.invalidField("username", "is required");
        }
        UserModel user = session.users().getUserByUsername(realm, username);
        return user != null
                && GroupService.isDirectMember(user, group)
                && typeOf(group, user).equals(type);
    }

    /** OWNER and ADMIN manage the group's members; other types are labels. */
    private static boolean isPowerType(String type) {
        return type.equals(OWNER) || type.equals(ADMIN);
    }

    public String typeOf(GroupModel group, UserModel user) {
        return memberships.type(realm.getId(), group.getId(), user.getId()).orElse(MEMBER);
    }

    /** The group's first OWNER's username (Custos's {@code ownerId}), or empty. */
    public String ownerOf(GroupModel group) {
        return memberships.types(realm.getId(), group.getId()).entrySet().stream()
                .filter(e -> e.getValue().equals(OWNER))
                .map(e -> session.users().getUserById(realm, e.getKey()))
                .filter(u -> u != null)
                .map(UserModel::getUsername)
                .sorted()
                .findFirst()
                .orElse("");
    }

    /** OWNER, ADMIN, MEMBER, or a type the realm defines; upper-cased; empty means MEMBER. */
    public String membershipType(String requested, String field) {
        return membershipType(realm.getAttribute(GroupService.EXTRA_TYPES_ATTRIBUTE), requested, field);
    }

    /** As {@link #membershipType(String, String)}, with the realm's own types ({@code extra}, comma-separated). */
    public static String membershipType(String extra, String requested, String field) {
        if (requested == null || requested.isBlank()) {
            return MEMBER;
        }
        String type = requested.trim().toUpperCase(Locale.ROOT);
        Set<String> allowed = new LinkedHashSet<>(List.of(OWNER, ADMIN, MEMBER));
        if (extra != null) {
            for (String t : extra.split(",")) {
                if (!t.isBlank()) {
                    allowed.add(t.trim().toUpperCase(Locale.ROOT));
                }
            }
        }
        if (!allowed.contains(type)) {
            throw CustosException.invalidField(field, "must be one of " + allowed);
        }
        return type;
    }

    private void requireAnotherOwner(GroupModel group) {
        if (memberships.count(realm.getId(), group.getId(), OWNER) <= 1) {
            throw CustosException.conflict("a group never loses its last OWNER: make another member OWNER first");
        }
    }

    void membershipEvent(OperationType operation, Object representation, UserModel user, GroupModel group) {
        events.emit(
                operation,
                ResourceType.GROUP_MEMBERSHIP,
                representation,
                "users",
                user.getId(),
                "groups",
                group.getId());
    }
}
