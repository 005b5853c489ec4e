package org.custos.keycloak.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custos.keycloak.error.CycleException;
import org.custos.keycloak.error.DuplicateException;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.InMemoryShareStore.Account;
import org.custos.keycloak.model.ShareStore.Principal;
import org.custos.keycloak.model.ShareStore.Share;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-memory stores keep the contracts the JPA stores document, so that rule tests over them mean what they
 * would over the database: the tree and its closure, the cascade, re-grants and take-overs, and the searches.
 * Tree: {@code a} above {@code b} above {@code c}; {@code r}, a root. Every id is its external id.
 */
class InMemoryStoresTest {

    private static final String REALM = "realm-1";
    private static final Principal BOB = new Principal("bob", Set.of("team"));

    private final InMemoryStores stores = new InMemoryStores();
    private final InMemoryEntityStore entities = stores.entities();
    private final InMemoryShareStore shares = stores.shares();

    InMemoryStoresTest() {
        entity("a", null, "DOC");
        entity("b", "a", "DOC");
        entity("c", "b", "IMAGE");
        entity("r", null, "DOC");
    }

    private void entity(String id, String parent, String type) {
        entities.create(new SharingEntity(id, REALM, id, type, "alice", parent, id, null, null, null, 0, 0, 0));
    }

    private void share(String on, String permission, String principal, boolean cascade) {
        share(on, permission, principal, cascade, "alice", false);
    }

    private void share(String on, String permission, String principal, boolean cascade, String by, boolean takeOver) {
        shares.grant(REALM, new Share(on, permission, ShareStore.USER, principal, cascade, by, by, 0), takeOver, 0);
    }

    private List<String> sources(String entityId) {
        return shares.reaching(entityId, false).stream().map(Share::entityId).toList();
    }

    @Test
    void depthCountsTheLevelsFromTheRoot() {
        assertEquals(
                List.of(1, 2, 3, 0),
                List.of(entities.depth("a"), entities.depth("b"), entities.depth("c"), entities.depth("missing")));
    }

    @Test
    void heightCountsTheLevelsBelow() {
        assertEquals(List.of(2, 1, 0), List.of(entities.height("a"), entities.height("b"), entities.height("c")));
    }

    @Test
    void aMoveBelowItselfIsACycleAndChangesNothing() {
        assertThrows(CycleException.class, () -> entities.move(REALM, "a", "c"));
        assertNull(entities.byIds(List.of("a")).get("a").parentId());
    }

    @Test
    void aMovedEntityTakesItsSubtreeAndLeavesItsOldCascades() {
        share("a", "READ", "bob", true);
        share("r", "READ", "bob", true);
        entities.move(REALM, "b", "r");
        assertEquals(List.of("r"), sources("c"));
    }

    @Test
    void aDeletedEntitysChildrenBecomeRoots() {
        entities.delete("b");
        assertNull(entities.byIds(List.of("c")).get("c").parentId());
    }

    @Test
    void aDeletedEntitysChildrenLoseWhatTheyInherited() {
        share("a", "READ", "bob", true);
        entities.delete("b");
        assertEquals(List.of(), sources("c"));
    }

    @Test
    void aDeletedEntitysSharesGoWithIt() {
        share("b", "READ", "bob", false);
        entities.delete("b");
        assertEquals(Map.of(), shares.counts(List.of("b")));
    }

    @Test
    void anExternalIdInUseInTheRealmIsADuplicate() {
        assertThrows(
                DuplicateException.class,
                () -> entities.create(new SharingEntity(
                        "other-id", REALM, "a", "DOC", "bob", null, null, null, null, null, 0, 0, 0)));
    }

    @Test
    void grantingAgainNeverTakesTheCascadeAway() {
        share("a", "READ", "bob", true);
        share("a", "READ", "bob", false);
        assertTrue(
                shares.share("a", "READ", ShareStore.USER, "bob").orElseThrow().cascading());
    }

    @ParameterizedTest(name = "takeOver={0}")
    @ValueSource(booleans = {true, false})
    void onlyATakeOverMakesTheNewGrantorTheMaker(boolean takeOver) {
        share("a", "READ", "erin", false, "bob", false);
        share("a", "READ", "erin", false, "alice", takeOver);
        Share s = shares.share("a", "READ", ShareStore.USER, "erin").orElseThrow();
        assertEquals(List.of(takeOver ? "alice" : "bob", "bob"), List.of(s.grantorId(), s.sharedBy()));
    }

    @Test
    void holdsCascadingNeedsACascadingShareOfThatPermissionOnTheEntityOrAbove() {
        share("b", "READ", "bob", false);
        share("b", "WRITE", "bob", true);
        share("a", "EXEC", "bob", true);
        assertEquals(
                List.of(false, true, true, false),
                List.of(
                        shares.holdsCascading("b", "READ", BOB),
                        shares.holdsCascading("b", "WRITE", BOB),
                        shares.holdsCascading("c", "EXEC", BOB),
                        shares.holdsCascading("r", "EXEC", BOB)));
    }

    @Test
    void countsCountTheRowsOnTheEntityOnly() {
        share("a", "READ", "bob", true);
        share("a", "WRITE", "bob", false);
        share("b", "READ", "erin", false);
        assertEquals(Map.of("a", 2, "b", 1), shares.counts(List.of("a", "b", "c")));
    }

    @Test
    void reachingListsTheNearestFirstAndDirectOnlyStaysOnTheEntity() {
        share("a", "READ", "bob", true);
        share("c", "READ", "bob", false);
        share("b", "READ", "erin", true);
        assertEquals(List.of("c", "b", "a"), sources("c"));
        assertEquals(
                List.of("c"),
                shares.reaching("c", true).stream().map(Share::entityId).toList());
    }

    @Test
    void aGrantNamesTheAncestorItCascadesFrom() {
        share("a", "READ", "bob", true);
        ShareStore.Grant g = shares.grants(REALM, List.of("c"), List.of("READ"), List.of("bob"), List.of())
                .get(0);
        assertEquals(List.of(2, "a", "IMAGE"), List.of(g.depth(), g.sourceExternalId(), g.typeId()));
    }

    @Test
    void reachableListsExternalIdsOfOneTypeAfterTheCursor() {
        share("a", "READ", "bob", true);
        share("r", "READ", "bob", false);
        assertEquals(List.of("b", "r"), shares.reachable(REALM, List.of("READ"), BOB, "DOC", "a", 10));
    }

    @Test
    void holdingUsersListsEnabledPeopleInOrderAfterTheCursor() {
        shares.addAccount(new Account(REALM, "u1", "zoe", null, true, Set.of()));
        shares.addAccount(new Account(REALM, "u2", "amy", null, true, Set.of("team")));
        shares.addAccount(new Account(REALM, "u3", "max", null, true, Set.of()));
        shares.addAccount(new Account(REALM, "u4", "kim", null, false, Set.of()));
        shares.addAccount(new Account(REALM, "u5", "service-account-gw", "gw", true, Set.of()));
        Set.of("u1", "u3", "u4", "u5").forEach(u -> share("a", "READ", u, true));
        List<String> all = shares.holdingUsers(REALM, "c", List.of("READ"), Set.of("team"), false, null, 10);
        List<String> page = shares.holdingUsers(REALM, "c", List.of("READ"), Set.of("team"), false, "amy", 1);
        assertEquals(List.of(List.of("amy", "max", "zoe"), List.of("max")), List.of(all, page));
    }

    @Test
    void holdingUsersListsServiceAccountsByClientIdOnlyWhenAsked() {
        shares.addAccount(new Account(REALM, "u1", "zoe", null, true, Set.of()));
        shares.addAccount(new Account(REALM, "u5", "service-account-gw", "gw", true, Set.of()));
        share("a", "READ", "u1", false);
        share("a", "READ", "u5", false);
        assertEquals(List.of("gw"), shares.holdingUsers(REALM, "a", List.of("READ"), Set.of(), true, null, 10));
    }

    @Test
    void removingAUserRemovesOnlyItsShares() {
        share("a", "READ", "bob", false);
        share("a", "READ", "erin", false);
        shares.grant(REALM, new Share("a", "READ", ShareStore.GROUP, "bob", false, null, null, 0), false, 0);
        shares.removeUser(REALM, "bob");
        assertEquals(
                List.of("GROUP|bob", "USER|erin"),
                shares.reaching("a", true).stream()
                        .map(s -> s.principalType() + "|" + s.principalId())
                        .toList());
    }

    @Test
    void aPermissionTypeIsInUseWhileAShareNamesIt() {
        share("a", "READ", "bob", false);
        boolean before = stores.sharingTypes().inUse(REALM, SharingTypeStore.Kind.PERMISSION_TYPE, "READ");
        shares.revoke("a", "READ", ShareStore.USER, "bob");
        boolean after = stores.sharingTypes().inUse(REALM, SharingTypeStore.Kind.PERMISSION_TYPE, "READ");
        assertEquals(List.of(true, false), List.of(before, after));
    }

    @Test
    void anEntityTypeIsInUseWhileAnEntityHasIt() {
        assertTrue(stores.sharingTypes().inUse(REALM, SharingTypeStore.Kind.ENTITY_TYPE, "IMAGE"));
        assertFalse(stores.sharingTypes().inUse(REALM, SharingTypeStore.Kind.ENTITY_TYPE, "VIDEO"));
    }
}
