package org.custos.keycloak.service.sharing;

import static org.custos.keycloak.service.sharing.SharingWorld.ALICE;
import static org.custos.keycloak.service.sharing.SharingWorld.BOB;
import static org.custos.keycloak.service.sharing.SharingWorld.CAROL;
import static org.custos.keycloak.service.sharing.SharingWorld.DAVE;
import static org.custos.keycloak.service.sharing.SharingWorld.ERIN;
import static org.custos.keycloak.service.sharing.SharingWorld.Shared.group;
import static org.custos.keycloak.service.sharing.SharingWorld.Shared.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.custos.keycloak.model.ShareStore.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who holds what, decided by the production decision function over what the in-memory stores find: owners, direct
 * shares, group shares (a share with a group reaches the members of the groups below it), and cascades (a cascading
 * share reaches every entity below its own, a plain one only its own). The tree is {@link SharingWorld}'s.
 */
class DecisionsOverStoresTest {

    /** One share made, then one question about READ and its answer. */
    record Case(String name, SharingWorld.Shared share, Principal who, String entity, boolean allowed) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> reach() {
        return Stream.of(
                new Case("a direct share allows its user", user("doc", "READ", "bob", false), BOB, "doc", true),
                new Case("a share with bob gives erin nothing", user("doc", "READ", "bob", false), ERIN, "doc", false),
                new Case(
                        "a share on a child gives nothing above",
                        user("doc", "READ", "bob", true),
                        BOB,
                        "folder",
                        false),
                new Case(
                        "a plain share does not reach a child",
                        user("folder", "READ", "bob", false),
                        BOB,
                        "doc",
                        false),
                new Case("a cascading share reaches a child", user("folder", "READ", "bob", true), BOB, "doc", true),
                new Case("a cascade reaches a grandchild", user("folder", "READ", "bob", true), BOB, "page", true),
                new Case("a cascade does not reach a sibling", user("doc", "READ", "erin", true), ERIN, "note", false),
                new Case("a cascade stays in its tree", user("folder", "READ", "erin", true), ERIN, "elsewhere", false),
                new Case("a group share allows a member", group("doc", "READ", "team", false), CAROL, "doc", true),
                new Case(
                        "a parent group's share allows a sub-group's member",
                        group("doc", "READ", "org", false),
                        CAROL,
                        "doc",
                        true),
                new Case(
                        "a sub-group's share gives the parent's members nothing",
                        group("doc", "READ", "team", false),
                        DAVE,
                        "doc",
                        false),
                new Case(
                        "a group share gives a non-member nothing",
                        group("doc", "READ", "team", false),
                        ERIN,
                        "doc",
                        false),
                new Case(
                        "a group cascade reaches a member below",
                        group("folder", "READ", "team", true),
                        CAROL,
                        "page",
                        true),
                new Case(
                        "a plain group share does not reach below",
                        group("folder", "READ", "team", false),
                        CAROL,
                        "doc",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reach")
    void aShareReachesWhomAndWhereItShould(Case c) {
        SharingWorld world = new SharingWorld().share(c.share());
        assertEquals(c.allowed(), world.allowed(c.who(), c.entity(), "READ"));
    }

    /** An entity of alice's tree and a permission alice is asked about. */
    record OwnerAsk(String entity, String permission) {}

    static Stream<OwnerAsk> ownerAsks() {
        return Stream.of("folder", "doc", "page", "note")
                .flatMap(e -> Stream.of("OWNER", "READ", "WRITE", "EXEC").map(p -> new OwnerAsk(e, p)));
    }

    @ParameterizedTest(name = "the owner of folder holds {0}")
    @MethodSource("ownerAsks")
    void theOwnerHoldsEveryPermissionOfTheRealmOnItsTree(OwnerAsk ask) {
        assertTrue(new SharingWorld().allowed(ALICE, ask.entity(), ask.permission()));
    }

    @Test
    void owningAnEntityGivesNothingOnItsParent() {
        assertFalse(new SharingWorld().allowed(BOB, "folder", "READ"), "bob owns note, below folder");
    }

    @Test
    void ownerSatisfiesOnlyThePermissionTypesTheRealmHasNow() {
        SharingWorld world = new SharingWorld();
        assertFalse(world.allowed(ALICE, "doc", "DELETE"), "no such permission type yet");
        world.permissionType("DELETE");
        assertTrue(world.allowed(ALICE, "doc", "DELETE"));
    }

    /** Bob holds {@code held} directly on doc and is asked about {@code asked}. */
    record Implication(String held, String asked) {

        /** The one implication in the code: OWNER satisfies every permission; no other type implies another. */
        boolean expected() {
            return held.equals(asked) || held.equals("OWNER");
        }
    }

    static Stream<Implication> implications() {
        List<String> all = List.of("OWNER", "READ", "WRITE", "EXEC");
        return all.stream().flatMap(h -> all.stream().map(a -> new Implication(h, a)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implications")
    void onlyOwnerImpliesAnotherPermission(Implication i) {
        SharingWorld world = new SharingWorld().share(user("doc", i.held(), "bob", false));
        assertEquals(i.expected(), world.allowed(BOB, "doc", i.asked()));
    }

    @Test
    void aBatchAnswersEachQuestionInOrder() {
        SharingWorld world = new SharingWorld()
                .share(user("folder", "READ", "bob", true))
                .share(group("doc", "WRITE", "team", false));
        List<SharingDecisions.Question> questions = List.of(
                new SharingDecisions.Question(BOB, "page", null, "READ"),
                new SharingDecisions.Question(CAROL, "doc", null, "WRITE"),
                new SharingDecisions.Question(BOB, "doc", null, "WRITE"),
                new SharingDecisions.Question(CAROL, "page", null, "WRITE"));
        assertEquals(
                List.of(true, true, false, false),
                world.decide(questions).stream()
                        .map(SharingDecisions.Answer::allowed)
                        .toList());
    }
}
