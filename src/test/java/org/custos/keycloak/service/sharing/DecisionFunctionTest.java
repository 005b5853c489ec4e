package org.custos.keycloak.service.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.ShareStore.Grant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision function's choice among the shares the store found, in milliseconds and without a server: who is
 * allowed, and which share decides. The store's own part (which shares reach an entity through its ancestors and
 * cascades) is proven end to end by the sharing oracle (SharingOracleIT).
 */
class DecisionFunctionTest {

    private static final Set<String> PERMISSIONS = Set.of("OWNER", "READ", "WRITE");
    private static final ShareStore.Principal ALICE = new ShareStore.Principal("alice-id", List.of("team", "org"));
    /** What a disabled user, or a deactivated agent, is asked as (auth/AccountState). */
    private static final ShareStore.Principal NOBODY = new ShareStore.Principal(null, Set.of());

    private static Grant user(String entity, String permission, String userId, int depth) {
        return new Grant(entity, "DOC", permission, ShareStore.USER, userId, depth, entity + "@" + depth);
    }

    private static Grant group(String entity, String permission, String groupId, int depth) {
        return new Grant(entity, "DOC", permission, ShareStore.GROUP, groupId, depth, entity + "@" + depth);
    }

    /** A question, the shares the store found, and the expected answer (the deciding share, or null for deny). */
    record Case(
            String name,
            ShareStore.Principal who,
            String entityType,
            String permission,
            List<Grant> found,
            Integer decidingIndex) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Grant aliceRead = user("doc", "READ", "alice-id", 0);
        Grant teamRead = group("doc", "READ", "team", 0);
        Grant aliceOwnerAbove = user("doc", "OWNER", "alice-id", 1);
        Grant orgReadFar = group("doc", "READ", "org", 2);
        Grant bobRead = user("doc", "READ", "bob-id", 0);
        Grant otherGroup = group("doc", "READ", "strangers", 0);
        return Stream.of(
                new Case("a direct user share allows", ALICE, null, "READ", List.of(aliceRead), 0),
                new Case("a share with one of the user's groups allows", ALICE, null, "READ", List.of(teamRead), 0),
                new Case(
                        "a user share decides before a group share",
                        ALICE,
                        null,
                        "READ",
                        List.of(teamRead, aliceRead),
                        1),
                new Case("the nearest share decides", ALICE, null, "READ", List.of(orgReadFar, teamRead), 1),
                new Case(
                        "the permission itself decides before OWNER at the same depth",
                        ALICE,
                        null,
                        "READ",
                        List.of(user("doc", "OWNER", "alice-id", 0), aliceRead),
                        1),
                new Case(
                        "OWNER above satisfies an existing permission",
                        ALICE,
                        null,
                        "WRITE",
                        List.of(aliceOwnerAbove),
                        0),
                new Case(
                        "OWNER does not satisfy a permission the realm does not have",
                        ALICE,
                        null,
                        "DELETE",
                        List.of(aliceOwnerAbove),
                        null),
                new Case("another user's share gives nothing", ALICE, null, "READ", List.of(bobRead), null),
                new Case("a group the user is not in gives nothing", ALICE, null, "READ", List.of(otherGroup), null),
                new Case("another permission gives nothing", ALICE, null, "WRITE", List.of(aliceRead), null),
                new Case("a disabled user holds nothing", NOBODY, null, "READ", List.of(aliceRead, teamRead), null),
                new Case("the asked entity type must match", ALICE, "IMAGE", "READ", List.of(aliceRead), null),
                new Case("the right entity type allows", ALICE, "DOC", "READ", List.of(aliceRead), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        SharingDecisions.Question q = new SharingDecisions.Question(c.who(), "doc", c.entityType(), c.permission());
        SharingDecisions.Answer a = SharingDecisions.answer(List.of(q), c.found(), () -> PERMISSIONS)
                .get(0);
        if (c.decidingIndex() == null) {
            assertFalse(a.allowed(), c.name());
            assertNull(a.grant());
        } else {
            assertEquals(c.found().get(c.decidingIndex()), a.grant(), c.name());
        }
    }

    @Test
    void sharesOfOtherEntitiesDecideNothingAndAnswersKeepTheQuestionsOrder() {
        List<SharingDecisions.Question> qs = List.of(
                new SharingDecisions.Question(ALICE, "a", null, "READ"),
                new SharingDecisions.Question(ALICE, "b", null, "READ"),
                new SharingDecisions.Question(ALICE, "a", null, "WRITE"));
        List<SharingDecisions.Answer> answers =
                SharingDecisions.answer(qs, List.of(user("a", "READ", "alice-id", 0)), () -> PERMISSIONS);
        assertEquals(
                List.of(true, false, false),
                answers.stream().map(SharingDecisions.Answer::allowed).toList());
    }

    @Test
    void thePermissionTypesAreReadOnlyWhenAnAllowRestsOnOwnerAlone() {
        SharingDecisions.Question q = new SharingDecisions.Question(ALICE, "doc", null, "READ");
        SharingDecisions.answer(List.of(q), List.of(user("doc", "READ", "alice-id", 0)), () -> {
            fail("no look-up when the permission itself decides");
            return Set.of();
        });
        int[] lookups = {0};
        SharingDecisions.answer(List.of(q, q), List.of(user("doc", "OWNER", "alice-id", 0)), () -> {
            lookups[0]++;
            return PERMISSIONS;
        });
        assertEquals(1, lookups[0], "one look-up for the whole batch");
    }
}
