package org.custos.keycloak.service.sharing;

import static org.custos.keycloak.service.sharing.SharingWorld.ALICE;
import static org.custos.keycloak.service.sharing.SharingWorld.BOB;
import static org.custos.keycloak.service.sharing.SharingWorld.CAROL;
import static org.custos.keycloak.service.sharing.SharingWorld.ERIN;
import static org.custos.keycloak.service.sharing.SharingWorld.Shared.group;
import static org.custos.keycloak.service.sharing.SharingWorld.Shared.user;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.custos.keycloak.auth.SharingRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.ShareStore.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may pass a permission on, and take a grant back: {@link SharingRules} given the standing the stores give the
 * caller (owner; holder, with or without a cascade reaching it; nobody) and the maker of the existing grant.
 */
class ResharingOverStoresTest {

    private static final SharingWorld.Shared ERIN_READS_DOC = user("doc", "READ", "erin", false);

    /** Shares made; then the actor shares {@code permission} on {@code entity}, with or without cascade. */
    record Case(
            String name,
            List<SharingWorld.Shared> shares,
            Principal actor,
            String entity,
            String permission,
            boolean cascade,
            boolean allowed) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Who may share, and how widely. */
    static Stream<Case> allowed() {
        return Stream.of(
                new Case("the owner shares with cascade", List.of(), ALICE, "doc", "READ", true, true),
                new Case("the owner of an ancestor shares with cascade", List.of(), ALICE, "note", "WRITE", true, true),
                new Case(
                        "a plain holder shares without cascade",
                        List.of(user("doc", "READ", "bob", false)),
                        BOB,
                        "doc",
                        "READ",
                        false,
                        true),
                new Case(
                        "a holder by a cascade from above shares with cascade",
                        List.of(user("folder", "READ", "bob", true)),
                        BOB,
                        "page",
                        "READ",
                        true,
                        true),
                new Case(
                        "a holder of a cascading share on the entity shares with cascade",
                        List.of(user("doc", "READ", "bob", true)),
                        BOB,
                        "doc",
                        "READ",
                        true,
                        true),
                new Case(
                        "a member of a group with a cascading share shares with cascade",
                        List.of(group("folder", "READ", "org", true)),
                        CAROL,
                        "doc",
                        "READ",
                        true,
                        true));
    }

    /** Who may not, or not so widely. */
    static Stream<Case> refused() {
        return Stream.of(
                new Case(
                        "a plain holder may not share with cascade",
                        List.of(user("doc", "READ", "bob", false)),
                        BOB,
                        "doc",
                        "READ",
                        true,
                        false),
                new Case(
                        "a holder of READ may not share WRITE",
                        List.of(user("doc", "READ", "bob", true)),
                        BOB,
                        "doc",
                        "WRITE",
                        false,
                        false),
                new Case(
                        "a cascade of another permission does not let READ cascade",
                        List.of(user("doc", "READ", "bob", false), user("doc", "WRITE", "bob", true)),
                        BOB,
                        "doc",
                        "READ",
                        true,
                        false),
                new Case(
                        "a holder on a child may not share on its parent",
                        List.of(user("doc", "READ", "bob", true)),
                        BOB,
                        "folder",
                        "READ",
                        false,
                        false),
                new Case("a caller holding nothing may not share", List.of(), ERIN, "doc", "READ", false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"allowed", "refused"})
    void whoMayShareHowWidely(Case c) {
        SharingWorld world = new SharingWorld();
        c.shares().forEach(world::share);
        SharingRules.Standing standing = world.standing(c.actor(), c.entity(), c.permission());
        expect(c.allowed(), () -> SharingRules.requireMayShare(standing, c.permission(), c.cascade()));
    }

    @Test
    void aHolderRevokesAGrantItMade() {
        SharingWorld world =
                new SharingWorld().share(user("doc", "READ", "bob", false)).share(ERIN_READS_DOC.by("bob"));
        expect(true, () -> revokeErinsRead(world, BOB));
    }

    @Test
    void aHolderMayNotRevokeAGrantSomeoneElseMade() {
        SharingWorld world =
                new SharingWorld().share(user("doc", "READ", "bob", false)).share(ERIN_READS_DOC.by("alice"));
        expect(false, () -> revokeErinsRead(world, BOB));
    }

    @Test
    void theOwnerRevokesAGrantItDidNotMake() {
        SharingWorld world =
                new SharingWorld().share(user("doc", "READ", "bob", false)).share(ERIN_READS_DOC.by("bob"));
        expect(true, () -> revokeErinsRead(world, ALICE));
    }

    @Test
    void aGrantTheOwnerMakesAgainIsNoLongerTheHoldersToRevoke() {
        SharingWorld world = new SharingWorld()
                .share(user("doc", "READ", "bob", false))
                .share(ERIN_READS_DOC.by("bob"))
                .share(ERIN_READS_DOC.by("alice"), true); // a free caller takes the grant over
        expect(false, () -> revokeErinsRead(world, BOB));
    }

    @Test
    void aHolderMayNotMakeCascadeAGrantSomeoneElseMade() {
        SharingWorld world =
                new SharingWorld().share(user("doc", "READ", "bob", true)).share(ERIN_READS_DOC.by("alice"));
        SharingRules.Standing standing = world.standing(BOB, "doc", "READ");
        expect(false, () -> SharingRules.requireMayChange(standing, "READ", world.madeBy(BOB, ERIN_READS_DOC)));
    }

    /** {@code ShareService.share} revoking erin's READ on doc for {@code actor}: the standing, then the maker. */
    private static void revokeErinsRead(SharingWorld world, Principal actor) {
        SharingRules.Standing standing = world.standing(actor, "doc", "READ");
        SharingRules.requireMayRevoke(standing, "READ", world.madeBy(actor, ERIN_READS_DOC));
    }

    private static void expect(boolean allowed, Executable rule) {
        if (allowed) {
            assertDoesNotThrow(rule);
        } else {
            assertEquals(403, assertThrows(CustosException.class, rule).getStatus());
        }
    }
}
