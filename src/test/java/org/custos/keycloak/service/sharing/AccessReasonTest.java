package org.custos.keycloak.service.sharing;

import static org.custos.keycloak.service.sharing.SharingWorld.ALICE;
import static org.custos.keycloak.service.sharing.SharingWorld.BOB;
import static org.custos.keycloak.service.sharing.SharingWorld.CAROL;
import static org.custos.keycloak.service.sharing.SharingWorld.DAVE;
import static org.custos.keycloak.service.sharing.SharingWorld.REALM;
import static org.custos.keycloak.service.sharing.SharingWorld.Shared.group;
import static org.custos.keycloak.service.sharing.SharingWorld.Shared.user;
import static org.custos.keycloak.service.sharing.SharingWorld.id;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.custos.keycloak.model.InMemoryShareStore;
import org.custos.keycloak.model.InMemoryShareStore.Account;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.ShareStore.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Who has access, and why": the reason the console's holder list and AuthZEN's explained decisions give
 * ({@link WhoHasAccess#reason} of the deciding share) for access found in the in-memory stores — the nearest share, the
 * permission itself before OWNER, a user's share before a group's.
 */
class AccessReasonTest {

    /** The subjects by username, as {@code SharingContext.principal} builds them. */
    private static final Map<String, Principal> PEOPLE =
            Map.of("alice", ALICE, "bob", BOB, "carol", CAROL, "dave", DAVE, "erin", SharingWorld.ERIN);

    /** Shares made, a question, and the reason expected. */
    record Case(
            String name,
            List<SharingWorld.Shared> shares,
            Principal who,
            String entity,
            String permission,
            Map<String, Object> reason) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** What kind of share gives the access. */
    static Stream<Case> kinds() {
        return Stream.of(
                new Case("the owner", List.of(), BOB, "note", "READ", Map.of("kind", "owner", "permission", "OWNER")),
                new Case(
                        "the owner of an ancestor",
                        List.of(),
                        ALICE,
                        "note",
                        "READ",
                        Map.of("kind", "owner", "permission", "OWNER", "cascaded_from", "folder")),
                new Case(
                        "a direct share",
                        List.of(user("doc", "READ", "bob", false)),
                        BOB,
                        "doc",
                        "READ",
                        Map.of("kind", "direct", "permission", "READ")),
                new Case(
                        "a direct share cascading from above",
                        List.of(user("folder", "READ", "bob", true)),
                        BOB,
                        "page",
                        "READ",
                        Map.of("kind", "direct", "permission", "READ", "cascaded_from", "folder")),
                new Case(
                        "a share with the user's group",
                        List.of(group("doc", "READ", "team", false)),
                        CAROL,
                        "doc",
                        "READ",
                        Map.of("kind", "group", "permission", "READ", "group", "team")),
                new Case(
                        "a share with a group above the user's",
                        List.of(group("doc", "READ", "org", false)),
                        CAROL,
                        "doc",
                        "READ",
                        Map.of("kind", "group", "permission", "READ", "group", "org")),
                new Case(
                        "a group share cascading from above",
                        List.of(group("folder", "READ", "org", true)),
                        CAROL,
                        "page",
                        "READ",
                        Map.of("kind", "group", "permission", "READ", "group", "org", "cascaded_from", "folder")));
    }

    /** Which share decides when several give the access: the nearest, a user's, the permission itself. */
    static Stream<Case> precedence() {
        return Stream.of(
                new Case(
                        "a user's share before a group's at one depth",
                        List.of(group("doc", "READ", "team", false), user("doc", "READ", "carol", false)),
                        CAROL,
                        "doc",
                        "READ",
                        Map.of("kind", "direct", "permission", "READ")),
                new Case(
                        "a nearer group share before a user share further up",
                        List.of(user("folder", "READ", "carol", true), group("doc", "READ", "team", false)),
                        CAROL,
                        "doc",
                        "READ",
                        Map.of("kind", "group", "permission", "READ", "group", "team")),
                new Case(
                        "the permission itself before OWNER at one depth",
                        List.of(user("folder", "READ", "alice", false)),
                        ALICE,
                        "folder",
                        "READ",
                        Map.of("kind", "direct", "permission", "READ")),
                new Case(
                        "a nearer OWNER before the permission further up",
                        List.of(user("folder", "READ", "bob", true)),
                        BOB,
                        "note",
                        "READ",
                        Map.of("kind", "owner", "permission", "OWNER")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"kinds", "precedence"})
    void theReasonNamesTheDecidingShare(Case c) {
        SharingWorld world = new SharingWorld();
        c.shares().forEach(world::share);
        assertEquals(c.reason(), WhoHasAccess.reason(world.deciding(c.who(), c.entity(), c.permission())));
    }

    /**
     * The console's holder list ({@code EntityAccess.holders}): the users the store lists as holding READ or OWNER
     * (directly, or as members of the holding groups and their sub-groups), each with the reason its decision gives.
     */
    @Test
    void everyListedHolderHasTheReasonThatGivesItAccess() {
        SharingWorld world = new SharingWorld()
                .share(user("doc", "READ", "bob", false))
                .share(group("doc", "READ", "org", false))
                .share(user("doc", "READ", "frank", false))
                .share(user("doc", "READ", "svc", false));
        ShareStore shares = world.stores.shares();
        addPeople(world);
        List<String> perms = List.of("READ", "OWNER");
        Set<String> groups = new TreeSet<>();
        perms.forEach(p -> groups.addAll(shares.holders(id("doc"), p, ShareStore.GROUP, false)));
        if (groups.contains("org")) {
            groups.add("team"); // WhoHasAccess.groups adds the holding groups' sub-groups
        }
        Map<String, Object> why = new LinkedHashMap<>();
        for (String username : shares.holdingUsers(REALM, id("doc"), perms, groups, false, null, 10)) {
            why.put(
                    username,
                    WhoHasAccess.reason(world.deciding(PEOPLE.get(username), "doc", "READ"))
                            .get("kind"));
        }
        assertEquals(
                Map.of("alice", "owner", "bob", "direct", "carol", "group", "dave", "group"),
                why,
                "frank is disabled; svc is a service account, not a person");
    }

    /** Keycloak's users as the store's holder search reads them: frank is disabled, svc a service account. */
    @Test
    void betweenTwoEquallyNearGroupsTheReasonDoesNotDependOnTheOrderOfShares() {
        for (List<String> order : List.of(List.of("team", "org"), List.of("org", "team"))) {
            SharingWorld world = new SharingWorld();
            order.forEach(g -> world.share(group("doc", "READ", g, false)));
            assertEquals("org", world.deciding(CAROL, "doc", "READ").principalId(), "shared with " + order);
        }
    }

    private static void addPeople(SharingWorld world) {
        InMemoryShareStore accounts = world.stores.shares();
        accounts.addAccount(new Account(REALM, "alice", "alice", null, true, Set.of()));
        accounts.addAccount(new Account(REALM, "bob", "bob", null, true, Set.of()));
        accounts.addAccount(new Account(REALM, "carol", "carol", null, true, Set.of("team")));
        accounts.addAccount(new Account(REALM, "dave", "dave", null, true, Set.of("org")));
        accounts.addAccount(new Account(REALM, "erin", "erin", null, true, Set.of("others")));
        accounts.addAccount(new Account(REALM, "frank", "frank", null, false, Set.of()));
        accounts.addAccount(new Account(REALM, "svc", "service-account-gw", "gw", true, Set.of()));
    }
}
