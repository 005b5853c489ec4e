package org.custos.keycloak.service.groups;

import static org.custos.keycloak.auth.GroupPermissions.OWNER;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.custos.keycloak.auth.AdminAccess;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.GroupPermissions;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.model.MembershipStore;
import org.custos.keycloak.service.support.AdminEvents;
import org.custos.keycloak.service.support.Paging;
import org.custos.keycloak.service.users.UserService;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Custos group management on Keycloak's groups: groups and sub-groups are Keycloak groups (the console shows the
 * tree), membership is Keycloak membership, and only the membership <em>type</em> lives in our table. Every rule of
 * who may do what is asked of {@link GroupPermissions}; every change is a Keycloak admin event.
 */
public final class GroupService {

    /** Realm attribute naming extra membership types, comma-separated (e.g. {@code READER,CURATOR}). */
    public static final String EXTRA_TYPES_ATTRIBUTE = "custos.group.membership-types";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final GroupPermissions permissions;
    private final MembershipStore memberships;
    private final AdminEvents events;
    private final Caller caller;

    /**
     * {@code permissions}: the caller's group rules, from the resource ({@code auth().groups()}). A group's visibility
     * (404 to whoever may not see it) and the rights on what a request names are asked of them as the groups are
     * looked up.
     */
    public GroupService(KeycloakSession session, GroupPermissions permissions) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.caller = permissions.caller();
        this.permissions = permissions;
        this.memberships = CustosStores.of(session).memberships();
        this.events = new AdminEvents(session, caller);
    }

    /** Members of the realm's groups and their Custos membership types. */
    public GroupMembers members() {
        return new GroupMembers(this, session, realm, permissions, memberships, events);
    }

    /** The group tree: sub-groups and parents. */
    /** Who may do what with groups, for this request's caller. */
    public GroupPermissions permissions() {
        return permissions;
    }

    public GroupTree tree() {
        return new GroupTree(this, session, realm, permissions, events);
    }

    /** The group with this id in this realm, visible to the caller; 404 otherwise (another realm's ids too). */
    public GroupModel require(String id) {
        if (id == null || id.isBlank()) {
            throw CustosException.invalidField("group.id", "is required");
        }
        GroupModel group = session.groups().getGroupById(realm, id);
        if (group == null) {
            throw CustosException.notFound("group not found"); // as for a group the caller may not see
        }
        permissions.requireView(group);
        return group;
    }

    /**
     * The first group with exactly this name, else the first whose name contains it (Custos), visible to the caller.
     */
    public GroupModel requireByName(String name) {
        GroupModel group = session.groups()
                .searchForGroupByNameStream(realm, name, true, 0, 1)
                .findFirst()
                .or(() -> session.groups()
                        .searchForGroupByNameStream(realm, name, false, 0, 1)
                        .findFirst())
                .orElseThrow(() -> CustosException.notFound("group not found"));
        permissions.requireView(group);
        return group;
    }

    /** Creates every group of the array (the resource checked that the caller may create groups); Custos kept only
     * the first.
     */
    public List<GroupModel> create(List<GroupSpec> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw CustosException.invalidField("groups", "must hold at least one group");
        }
        List<GroupModel> created = new ArrayList<>();
        for (GroupSpec input : inputs) {
            created.add(create(input, null));
        }
        return created;
    }

    /** Creates one group ({@code POST /group}), under {@code parent_id} when given. */
    public GroupModel createOne(GroupSpec input) {
        if (input == null) {
            throw CustosException.invalidField("group", "is required");
        }
        GroupModel parent = null;
        if (input.parentId() != null && !input.parentId().isBlank()) {
            parent = require(input.parentId());
            permissions.requireManageMembers(parent);
        }
        return create(input, parent);
    }

    private GroupModel create(GroupSpec input, GroupModel parent) {
        if (input == null) {
            throw CustosException.invalidField("groups[]", "must be a group");
        }
        GroupFields.requireName(input.name());
        if (input.id() != null && !input.id().isBlank() && session.groups().getGroupById(realm, input.id()) != null) {
            throw CustosException.conflict("a group with id '" + input.id() + "' exists");
        }
        requireUniqueName(input.name(), parent);
        UserModel owner = ownerOf(input);
        List<RoleModel> roles = roles(input);
        if (owner != null) {
            // The owner joins the group: Keycloak's right to put them in groups, and every role they gain (the group's
            // and every ancestor's), checked before anything is written.
            permissions.requireJoin(owner);
            Set<RoleModel> gained = new LinkedHashSet<>(roles);
            gained.addAll(AdminAccess.rolesThrough(parent));
            permissions.requireGrantAll(gained);
        }
        GroupModel group = session.groups()
                .createGroup(
                        realm, input.id() == null || input.id().isBlank() ? null : input.id(), input.name(), parent);
        group.setDescription(input.description());
        GroupFields.setAttributes(group, input.attributes());
        roles.forEach(group::grantRole);
        if (owner != null) {
            owner.joinGroup(group);
            memberships.setType(realm.getId(), group.getId(), owner.getId(), OWNER);
        }
        events.emit(
                OperationType.CREATE,
                ResourceType.GROUP,
                Map.of("name", group.getName(), "owner", owner == null ? "" : owner.getUsername()),
                "groups",
                group.getId());
        if (input.subGroups() != null) {
            for (GroupSpec sub : input.subGroups()) {
                create(sub, group);
            }
        }
        return group;
    }

    /**
     * Name and description are replaced; roles and attributes are replaced when the request carries them (absent
     * means unchanged). Changing roles or attributes needs Keycloak's right to manage the group, whoever owns it;
     * an {@code ownerId} becomes an OWNER.
     */
    public GroupModel update(String id, GroupSpec input) {
        GroupModel group = require(id);
        permissions.requireManageMembers(group);
        if (input == null) {
            throw CustosException.invalidField("group", "is required");
        }
        if (input.id() != null && !input.id().isBlank() && !input.id().equals(id)) {
            throw CustosException.invalidField("group.id", "differs from the group id in the path");
        }
        GroupFields.requireName(input.name());
        Set<RoleModel> current = group.getRoleMappingsStream().collect(Collectors.toCollection(LinkedHashSet::new));
        Set<RoleModel> wanted = new LinkedHashSet<>(
                input.realmRoles() == null
                        ? current.stream().filter(r -> !r.isClientRole()).toList()
                        : roles(input.realmRoles(), "realm_roles", false));
        wanted.addAll(
                input.clientRoles() == null
                        ? current.stream().filter(RoleModel::isClientRole).toList()
                        : roles(input.clientRoles(), "client_roles", true));
        Set<RoleModel> changed = new LinkedHashSet<>(current);
        changed.addAll(wanted);
        changed.removeIf(r -> current.contains(r) && wanted.contains(r));
        Map<String, List<String>> attributes =
                input.attributes() == null ? null : GroupFields.attributeMap(input.attributes());
        if (!changed.isEmpty() || (attributes != null && !attributes.equals(group.getAttributes()))) {
            permissions.requireChangeRolesAndAttributes(group, changed);
        }
        // On update only a named owner counts (the caller is not made OWNER by leaving the field out). Naming one
        // is an OWNER's act: checked before the name is looked up, so others learn nothing of usernames.
        boolean namesOwner = input.owner() != null && !input.owner().isBlank();
        if (namesOwner && !permissions.isOwner(group)) {
            permissions.requireOwner(group);
        }
        UserModel owner = namesOwner ? requireUser(input.owner()) : null;
        boolean newOwner = owner != null
                && !memberships
                        .type(realm.getId(), group.getId(), owner.getId())
                        .orElse("")
                        .equals(OWNER);
        boolean joins = newOwner && !isDirectMember(owner, group);
        if (newOwner) {
            permissions.requireOwner(group);
            permissions.requireManageMembers(group, owner);
            if (!isDirectMember(owner, group)) {
                Set<RoleModel> gained = new LinkedHashSet<>(wanted);
                gained.addAll(AdminAccess.rolesThrough(group.getParent()));
                permissions.requireGrantAll(gained);
            }
        }
        if (!input.name().equals(group.getName())) {
            requireUniqueName(input.name(), group.getParent());
            group.setName(input.name());
        }
        group.setDescription(input.description());
        current.stream().filter(r -> !wanted.contains(r)).forEach(group::deleteRoleMapping);
        wanted.stream().filter(r -> !current.contains(r)).forEach(group::grantRole);
        if (attributes != null) {
            group.getAttributes().keySet().stream().toList().forEach(group::removeAttribute);
            attributes.forEach(group::setAttribute);
        }
        if (newOwner) {
            if (joins) {
                owner.joinGroup(group);
            }
            memberships.setType(realm.getId(), group.getId(), owner.getId(), OWNER);
            // The same membership event as POST/PUT user/group/membership records for this change.
            members()
                    .membershipEvent(
                            joins ? OperationType.CREATE : OperationType.UPDATE,
                            Map.of("membership_type", OWNER),
                            owner,
                            group);
        }
        events.emit(OperationType.UPDATE, ResourceType.GROUP, Map.of("name", group.getName()), "groups", group.getId());
        return group;
    }

    /** Deletes the group and, as Keycloak does, its sub-groups; our membership rows go with them. */
    public void delete(String id) {
        GroupModel group = require(id);
        permissions.requireOwner(group);
        // Every member of the group or of a sub-group loses what it held through them.
        Set<RoleModel> lost = AdminAccess.rolesThrough(group);
        descendants(group).forEach(g -> g.getRoleMappingsStream().forEach(lost::add));
        permissions.requireGrantAll(lost);
        session.groups().removeGroup(realm, group);
        events.emit(OperationType.DELETE, ResourceType.GROUP, null, "groups", id);
    }

    /** A page of the realm's top-level groups (the resource checked that the caller may list them all). */
    public Paging.Page<GroupModel> topLevel(Paging page) {
        return new Paging.Page<>(
                session.groups()
                        .getTopLevelGroupsStream(realm, page.offset(), page.limit())
                        .toList(),
                session.groups().getGroupsCount(realm, true));
    }

    UserModel requireUser(String username) {
        if (username == null || username.isBlank()) {
            throw CustosException.invalidField("username", "is required");
        }
        UserModel user = session.users().getUserByUsername(realm, username);
        if (user == null || !UserService.isPerson(user)) {
            throw CustosException.notFound("user '" + username + "' not found");
        }
        return user;
    }

    private UserModel ownerOf(GroupSpec input) {
        if (input.owner() != null && !input.owner().isBlank()) {
            return requireUser(input.owner());
        }
        return caller.isUser() ? caller.user() : null;
    }

    private static List<GroupModel> descendants(GroupModel group) {
        List<GroupModel> out = new ArrayList<>();
        group.getSubGroupsStream().forEach(sub -> {
            out.add(sub);
            out.addAll(descendants(sub));
        });
        return out;
    }

    public static boolean isDirectMember(UserModel user, GroupModel group) {
        return user.getGroupsStream().anyMatch(g -> g.getId().equals(group.getId()));
    }

    /** The realm and client roles a new group asks for, each one the caller may grant. */
    private List<RoleModel> roles(GroupSpec input) {
        List<RoleModel> roles = new ArrayList<>(roles(input.realmRoles(), "realm_roles", false));
        roles.addAll(roles(input.clientRoles(), "client_roles", true));
        return roles;
    }

    private List<RoleModel> roles(List<String> names, String field, boolean client) {
        if (names == null) {
            return List.of();
        }
        ClientModel tenantClient = caller.client();
        List<RoleModel> roles = new ArrayList<>();
        for (String name : names) {
            RoleModel role = name == null ? null : client ? tenantClient.getRole(name) : realm.getRole(name);
            if (role == null) {
                throw CustosException.invalidField(field, "names the role '" + name + "', which does not exist");
            }
            roles.add(role);
        }
        permissions.requireGrantAll(roles);
        return roles;
    }

    void requireUniqueName(String name, GroupModel parent) {
        Optional<GroupModel> clash = parent == null
                ? session.groups()
                        .getTopLevelGroupsStream(realm)
                        .filter(g -> g.getName().equals(name))
                        .findFirst()
                : parent.getSubGroupsStream()
                        .filter(g -> g.getName().equals(name))
                        .findFirst();
        if (clash.isPresent()) {
            throw CustosException.conflict("a group named '" + name + "' already exists "
                    + (parent == null ? "at the top level" : "under '" + parent.getName() + "'"));
        }
    }
}
