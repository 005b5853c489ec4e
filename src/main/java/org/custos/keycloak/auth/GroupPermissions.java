package org.custos.keycloak.auth;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.MembershipStore;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Who may do what with a group. Tenant user-admins ({@code manage-users}, as Keycloak's evaluator decides, fine-grained
 * permissions included) may do everything; a group's OWNER and ADMINs manage its members; only an OWNER makes another
 * OWNER, changes or removes an OWNER, or deletes the group. Rights on a group give nothing over its parent or
 * siblings: re-parenting needs rights on both groups. Adding a member grants them the group's roles (and its
 * ancestors'), so the caller must be able to grant those roles exactly as a direct mapping; a group's own roles and
 * attributes are changed only by callers Keycloak lets manage the group.
 */
public final class GroupPermissions {

    public static final String OWNER = "OWNER";
    public static final String ADMIN = "ADMIN";
    public static final String MEMBER = "MEMBER";

    private final Supplier<Caller> caller;
    private final Supplier<GroupRights> rights;
    private final String realmId;
    private final MembershipStore memberships;

    /**
     * {@code caller} authenticates on first use (401 without a credential of this realm); {@code rights} answers the
     * evaluator's questions about that caller.
     */
    GroupPermissions(
            Supplier<Caller> caller, Supplier<GroupRights> rights, String realmId, MembershipStore memberships) {
        this.caller = caller;
        this.rights = rights;
        this.realmId = realmId;
        this.memberships = memberships;
    }

    /** The caller these rules are about (authenticated on first use: 401 without a credential of this realm). */
    public Caller caller() {
        return caller.get();
    }

    /** Every role a member would gain (or lose) through a group, each checked as a direct role mapping. */
    public void requireGrantAll(Collection<RoleModel> roles) {
        rights.get().requireGrantAll(roles);
    }

    /**
     * A tenant user-admin ({@code manage-users}, as Keycloak's evaluator decides it): may do everything with groups.
     */
    public boolean isUserAdmin() {
        return rights.get().canManageGroups();
    }

    private boolean canViewAll() {
        return rights.get().canListGroups();
    }

    /** The caller's own membership type in {@code group}, if the caller is a person and (still) a direct member. */
    public Optional<String> callerType(GroupModel group) {
        Caller c = caller.get();
        if (!c.isUser() || c.user().getGroupsStream().noneMatch(g -> g.getId().equals(group.getId()))) {
            return Optional.empty();
        }
        return memberships.type(realmId, group.getId(), c.user().getId());
    }

    /**
     * A direct member of the group. Membership of a sub-group is not membership of its parent here: Keycloak's
     * {@code isMemberOf} counts it (for roles), but it gives no sight of the parent's members or details.
     */
    public boolean isMember(GroupModel group) {
        Caller c = caller.get();
        return c.isUser() && c.user().getGroupsStream().anyMatch(g -> g.getId().equals(group.getId()));
    }

    /** The caller is an OWNER of the group (a direct member of that type). */
    public boolean isOwner(GroupModel group) {
        return callerType(group).orElse("").equals(OWNER);
    }

    /** Listing every group of the realm: {@code query-groups}, {@code view-users} or {@code manage-users}. */
    public void requireViewAll() {
        if (!canViewAll()) {
            throw CustosException.forbidden("listing groups needs the realm-management role 'query-groups'");
        }
    }

    /**
     * Seeing one group: group viewers, or its members. Others get 404, as if it did not exist, so that group ids
     * cannot be probed.
     */
    public void requireView(GroupModel group) {
        if (!canView(group)) {
            throw CustosException.notFound("group not found");
        }
    }

    /** Whether the caller sees this group: group viewers, Keycloak's rights on it, or a direct member. */
    public boolean canView(GroupModel group) {
        GroupRights admin = rights.get();
        return canViewAll() || isMember(group) || admin.canView(group) || admin.canManageMembership(group);
    }

    public void requireCreate() {
        if (!isUserAdmin()) {
            throw CustosException.forbidden("creating groups needs the realm-management role 'manage-users'");
        }
    }

    /**
     * Changing the group's name and description, or moving it: callers Keycloak lets manage the group, and the
     * group's OWNER and ADMINs.
     */
    public void requireManageMembers(GroupModel group) {
        requireView(group);
        if (isUserAdmin() || rights.get().canManage(group)) {
            return;
        }
        requireOwnerOrAdminType(group);
    }

    /**
     * Adding or removing {@code member}: callers Keycloak would let join the user to the group (both its checks, the
     * user's group membership and the group's membership, so fine-grained permissions delegate and a "manage groups"
     * permission alone is not enough), and the group's OWNER and ADMINs. The roles the member gains or loses are
     * checked separately ({@link #requireCanGrantRolesOf}).
     */
    public void requireManageMembers(GroupModel group, UserModel member) {
        requireView(group);
        GroupRights admin = rights.get();
        if (admin.canManageGroupMembership(member) && admin.canManageMembership(group)) {
            return;
        }
        requireOwnerOrAdminType(group);
    }

    /**
     * Managing the group's members at all, before any member is looked up (so that who may not learns nothing of
     * usernames): Keycloak's membership right on the group, its manage right, or the group's OWNER or ADMIN type.
     */
    public void requireManageSomeMembers(GroupModel group) {
        requireView(group);
        GroupRights admin = rights.get();
        if (admin.canManageMembership(group) || admin.canManage(group)) {
            return;
        }
        requireOwnerOrAdminType(group);
    }

    /**
     * Giving or taking a type that carries power over the group (OWNER, ADMIN): only the group's OWNER or a caller
     * Keycloak lets manage the group. Keycloak's right to manage one membership (a fine-grained delegate's, for
     * itself) is not the right to make someone manage everyone's.
     */
    public void requireSetPowerType(GroupModel group) {
        requireOwner(group);
    }

    /**
     * Whether the caller sees members in full (e-mail, attributes the user profile lets admins read): Keycloak's
     * view-members right. A plain member of the group sees names and types only.
     */
    public boolean seesMemberDetails(GroupModel group) {
        return rights.get().canViewMembers(group);
    }

    /** Whether the caller sees this user's role mappings: Keycloak's view right on the user. */
    public boolean seesRolesOf(UserModel user) {
        return rights.get().canView(user);
    }

    /** Putting {@code user} into a new group as its owner: Keycloak's right to manage the user's group membership. */
    public void requireJoin(UserModel user) {
        if (!rights.get().canManageGroupMembership(user)) {
            throw CustosException.forbidden(
                    "the caller may not manage the group membership of '" + user.getUsername() + "'");
        }
    }

    private void requireOwnerOrAdminType(GroupModel group) {
        String type = callerType(group).orElse("");
        if (!type.equals(OWNER) && !type.equals(ADMIN)) {
            throw CustosException.forbidden("only the group's OWNER or ADMINs (or a user-admin) may do this");
        }
    }

    /** Making or unmaking an OWNER, deleting the group: user-admins and the group's OWNER. */
    public void requireOwner(GroupModel group) {
        requireView(group);
        if (!rights.get().canManage(group) && !callerType(group).orElse("").equals(OWNER)) {
            throw CustosException.forbidden("only the group's OWNER (or a user-admin) may do this");
        }
    }

    /**
     * Re-parenting: the child's OWNER (or a caller Keycloak lets manage it) and rights on the parent. A move changes
     * who may delete the group (the parent's OWNER deletes sub-groups with it), so an ADMIN may not move it.
     */
    public void requireReparent(GroupModel child, GroupModel parent) {
        requireOwner(child);
        requireManageMembers(parent);
    }

    /**
     * Seeing who is in a group (members, their types): callers Keycloak lets view the group's members
     * ({@code view-users} or a fine-grained permission), and the group's own members.
     */
    public void requireViewMembers(GroupModel group) {
        requireView(group);
        if (!rights.get().canViewMembers(group) && !isMember(group)) {
            throw CustosException.forbidden("seeing a group's members needs the realm-management role 'view-users' "
                    + "or membership of the group");
        }
    }

    /**
     * Before a user named by another caller is looked up: the caller itself, or a caller Keycloak lets query users
     * (so that nobody else learns which usernames exist).
     */
    public void requireViewGroupsOfNamed(String username) {
        Caller c = caller.get();
        boolean self = c.isUser() && c.user().getUsername().equalsIgnoreCase(String.valueOf(username));
        if (!self && !rights.get().canQueryUsers()) {
            throw CustosException.forbidden(
                    "seeing another user's groups needs the realm-management role 'view-users'");
        }
    }

    /** Seeing a user's groups: the user, or callers Keycloak lets view that user. */
    public void requireViewGroupsOf(UserModel user) {
        Caller c = caller.get();
        boolean self = c.isUser() && c.user().getId().equals(user.getId());
        if (!self && !rights.get().canView(user)) {
            throw CustosException.forbidden(
                    "seeing another user's groups needs the realm-management role 'view-users'");
        }
    }

    /**
     * Joining a group grants its roles and its ancestors' roles, leaving it takes them away: the caller must be able
     * to grant each, as a direct role mapping (composites expanded). Custos ownership gives no right to grant roles.
     */
    public void requireCanGrantRolesOf(GroupModel group) {
        rights.get().requireGrantAll(AdminAccess.rolesThrough(group));
    }

    /**
     * A group's roles and attributes are Keycloak's: they change only for a caller Keycloak lets manage the group
     * ({@code manage-users} or a fine-grained permission), never through Custos ownership; each role added or removed
     * must be one the caller may grant.
     */
    public void requireChangeRolesAndAttributes(GroupModel group, Collection<RoleModel> changedRoles) {
        if (!rights.get().canManage(group)) {
            throw CustosException.forbidden("a group's roles and attributes change only for a caller that Keycloak "
                    + "lets manage the group (realm-management 'manage-users'); Custos ownership does not give it");
        }
        rights.get().requireGrantAll(changedRoles);
    }

    /** The acting person, if any (used to refuse removing oneself as the last OWNER and the like). */
    public Optional<UserModel> person() {
        Caller c = caller.get();
        return c.isUser() ? Optional.of(c.user()) : Optional.empty();
    }
}
