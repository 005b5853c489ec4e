package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.MembershipStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The group rules in milliseconds, without a server: who sees a group (404 to anyone else), who manages its members,
 * who makes owners, moves and deletes it. Keycloak's evaluator is a table here ({@link Rights}); GroupIT,
 * GroupVisibilityIT and FineGrainedDelegationIT prove the same rules end to end with the real evaluator.
 */
class GroupPermissionsTest {

    private final Map<String, String> types = new HashMap<>();
    private final GroupModel lab = group("lab", null);
    private final GroupModel team = group("team", lab);
    private final GroupModel other = group("other", null);

    @Test
    void whoMayNotSeeAGroupIsToldItDoesNotExist() {
        GroupPermissions outsider = rules(user("eve"), Rights.NONE);
        assertStatus(404, () -> outsider.requireView(lab));
        assertStatus(404, () -> outsider.requireManageMembers(lab));
        assertStatus(404, () -> outsider.requireOwner(lab));
        assertStatus(403, outsider::requireViewAll);
        assertStatus(403, outsider::requireCreate);
    }

    @Test
    void aMemberOfASubGroupIsNoMemberOfItsParent() {
        UserModel bob = user("bob", team);
        types.put("team/bob", GroupPermissions.OWNER);
        GroupPermissions rules = rules(bob, Rights.NONE);
        assertDoesNotThrow(() -> rules.requireOwner(team));
        assertStatus(404, () -> rules.requireView(lab));
    }

    @Test
    void aPlainMemberSeesTheGroupAndItsMembersButManagesNothing() {
        UserModel carol = user("carol", lab);
        types.put("lab/carol", GroupPermissions.MEMBER);
        GroupPermissions rules = rules(carol, Rights.NONE);
        assertDoesNotThrow(() -> rules.requireViewMembers(lab));
        assertStatus(403, () -> rules.requireManageMembers(lab));
        assertStatus(403, () -> rules.requireManageSomeMembers(lab));
        assertStatus(403, () -> rules.requireOwner(lab));
    }

    @Test
    void anAdminManagesMembersButMakesNoOwnerAndMovesNothing() {
        UserModel dave = user("dave", lab, other);
        types.put("lab/dave", GroupPermissions.ADMIN);
        types.put("other/dave", GroupPermissions.OWNER);
        GroupPermissions rules = rules(dave, Rights.NONE);
        assertDoesNotThrow(() -> rules.requireManageMembers(lab));
        assertDoesNotThrow(() -> rules.requireManageMembers(lab, user("x")));
        assertStatus(403, () -> rules.requireSetPowerType(lab));
        assertStatus(403, () -> rules.requireReparent(lab, other), "an ADMIN may not move the group");
    }

    @Test
    void anOwnerMovesItsGroupOnlyUnderAGroupItMayManage() {
        UserModel olga = user("olga", lab);
        types.put("lab/olga", GroupPermissions.OWNER);
        GroupPermissions rules = rules(olga, Rights.NONE);
        assertDoesNotThrow(() -> rules.requireSetPowerType(lab));
        assertStatus(404, () -> rules.requireReparent(lab, other), "no rights on the new parent: it stays unseen");
    }

    @Test
    void ownershipNeverChangesAGroupsRolesOrAttributes() {
        UserModel olga = user("olga", lab);
        types.put("lab/olga", GroupPermissions.OWNER);
        GroupPermissions owner = rules(olga, Rights.NONE);
        assertStatus(403, () -> owner.requireChangeRolesAndAttributes(lab, List.of()));
        GroupPermissions userAdmin = rules(user("admin"), Rights.USER_ADMIN);
        assertDoesNotThrow(() -> userAdmin.requireChangeRolesAndAttributes(lab, List.of()));
    }

    @Test
    void aMembershipDelegateManagesMembersButGivesNoPower() {
        UserModel member = user("member");
        Rights delegate = new Rights(false, false, Set.of("lab"), Set.of(), Set.of("member"));
        GroupPermissions rules = rules(user("delegate"), delegate);
        assertDoesNotThrow(() -> rules.requireManageMembers(lab, member));
        assertStatus(403, () -> rules.requireManageMembers(lab, user("someone-else")));
        assertStatus(403, () -> rules.requireSetPowerType(lab), "one membership right is not the right to make owners");
    }

    @Test
    void aUserAdminMayDoEverything() {
        GroupPermissions rules = rules(user("admin"), Rights.USER_ADMIN);
        assertTrue(rules.isUserAdmin());
        assertDoesNotThrow(rules::requireViewAll);
        assertDoesNotThrow(rules::requireCreate);
        assertDoesNotThrow(() -> rules.requireReparent(team, other));
        assertDoesNotThrow(() -> rules.requireSetPowerType(lab));
    }

    @Test
    void anotherUsersGroupsAreAskedOnlyByWhoMayQueryUsers() {
        GroupPermissions rules = rules(user("frank"), Rights.NONE);
        assertDoesNotThrow(() -> rules.requireViewGroupsOfNamed("FRANK"));
        assertStatus(403, () -> rules.requireViewGroupsOfNamed("grace"));
        assertFalse(rules.isMember(lab));
    }

    // ---------------------------------------------------------------- the world

    /** Keycloak's answers for one caller: realm-wide rights, and per-group or per-user rights by id. */
    record Rights(
            boolean userAdmin,
            boolean listGroups,
            Set<String> manageMembershipOf,
            Set<String> manageGroups,
            Set<String> manageGroupMembershipOfUsers)
            implements GroupRights {

        static final Rights NONE = new Rights(false, false, Set.of(), Set.of(), Set.of());
        static final Rights USER_ADMIN = new Rights(true, true, Set.of(), Set.of(), Set.of());

        @Override
        public boolean canListGroups() {
            return userAdmin || listGroups;
        }

        @Override
        public boolean canManageGroups() {
            return userAdmin;
        }

        @Override
        public boolean canView(GroupModel group) {
            return userAdmin;
        }

        @Override
        public boolean canManage(GroupModel group) {
            return userAdmin || manageGroups.contains(group.getId());
        }

        @Override
        public boolean canManageMembership(GroupModel group) {
            return userAdmin || manageMembershipOf.contains(group.getId());
        }

        @Override
        public boolean canViewMembers(GroupModel group) {
            return userAdmin;
        }

        @Override
        public boolean canView(UserModel user) {
            return userAdmin;
        }

        @Override
        public boolean canQueryUsers() {
            return userAdmin;
        }

        @Override
        public boolean canManageGroupMembership(UserModel user) {
            return userAdmin || manageGroupMembershipOfUsers.contains(user.getId());
        }

        @Override
        public void requireGrantAll(Collection<RoleModel> roles) {
            if (!userAdmin && !roles.isEmpty()) {
                throw CustosException.forbidden("no role may be granted");
            }
        }
    }

    private GroupPermissions rules(UserModel user, Rights rights) {
        Caller caller = new Caller(Caller.Method.BEARER_TOKEN, null, user, null);
        return new GroupPermissions(() -> caller, () -> rights, "realm", memberships());
    }

    private static void assertStatus(int status, Executable call) {
        assertStatus(status, call, "");
    }

    private static void assertStatus(int status, Executable call, String why) {
        assertEquals(status, assertThrows(CustosException.class, call).getStatus(), why);
    }

    /** A user by id = username, a direct member of {@code groups}. */
    private static UserModel user(String id, GroupModel... groups) {
        Set<GroupModel> memberOf = new HashSet<>(List.of(groups));
        return fake(
                UserModel.class,
                Map.of(
                        "getId", a -> id,
                        "getUsername", a -> id,
                        "getGroupsStream", a -> memberOf.stream(),
                        "getServiceAccountClientLink", a -> null));
    }

    private static GroupModel group(String id, GroupModel parent) {
        return fake(
                GroupModel.class,
                Map.of(
                        "getId", a -> id,
                        "getName", a -> id,
                        "getParent", a -> parent,
                        "getParentId", a -> parent == null ? null : parent.getId(),
                        "getSubGroupsStream", a -> Stream.empty()));
    }

    /** A Keycloak model interface answering only the named methods (anything else fails the test loudly). */
    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Map<String, java.util.function.Function<Object[], Object>> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (answers.containsKey(method.getName())) {
                return answers.get(method.getName()).apply(args);
            }
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> type.getSimpleName() + "("
                        + answers.get("getId").apply(null) + ")";
                default -> throw new UnsupportedOperationException(method.getName());
            };
        });
    }

    /** Membership types by "group/user": the rules only read them. */
    private MembershipStore memberships() {
        return (MembershipStore) Proxy.newProxyInstance(
                MembershipStore.class.getClassLoader(), new Class<?>[] {MembershipStore.class}, (proxy, m, args) -> {
                    if (!m.getName().equals("type")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    return Optional.ofNullable(types.get(args[1] + "/" + args[2]));
                });
    }
}
