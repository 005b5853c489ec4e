package org.custos.keycloak.service.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.custos.keycloak.model.legacy.LegacyTenant;
import org.custos.keycloak.model.legacy.LegacyTenant.Entity;
import org.custos.keycloak.model.legacy.LegacyTenant.Sharing;
import org.custos.keycloak.model.legacy.LegacyTenant.Type;
import org.custos.keycloak.representation.console.BundleViews;
import org.junit.jupiter.api.Test;

/**
 * How Custos's materialised sharing rows become shares over a tree (the rule behind a migration's every answer), in
 * milliseconds; LegacyMigrationIT proves the same end to end against Custos's own check on a real MariaDB.
 */
class LegacySharesTest {

    private static final String DC = LegacyShares.DIRECT_CASCADING;
    private static final String DNC = LegacyShares.DIRECT_NON_CASCADING;
    private static final String IC = LegacyShares.INDIRECT_CASCADING;

    private static Entity entity(String id, String parent, String owner) {
        return new Entity(id, parent, owner, "T", id, null, null, null, 0, 0, 0);
    }

    private static Sharing row(String entity, String from, String who, String type, String permission) {
        return new Sharing(entity, from, who, "user", type, "alice", permission);
    }

    /** What a migration gets from the rows: the entities, the shares and the notes. */
    private record Result(List<BundleViews.Entity> entities, List<BundleViews.Share> shares, List<String> notes) {}

    /** Maps the rows as a migration streams them: one holder and permission at a time, then the owners. */
    private static Result map(List<Entity> entities, List<Sharing> rows) {
        LegacyTenant t = new LegacyTenant(
                "1",
                Map.of(),
                "client",
                List.of(),
                List.of(new Type("T", "T", null, 0, 0)),
                List.of(new Type("OWNER", "OWNER", null, 0, 0), new Type("READ", "Read", null, 0, 0)),
                entities,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        var mapping = new LegacyShares(t, ext -> null, name -> new BundleViews.Ref("id-" + name, name));
        Map<List<String>, List<Sharing>> holders = new LinkedHashMap<>();
        for (Sharing row : rows) {
            holders.computeIfAbsent(
                            List.of(row.principalType(), row.principal(), row.permission()), k -> new ArrayList<>())
                    .add(row);
        }
        List<BundleViews.Share> shares = new ArrayList<>();
        holders.values().forEach(h -> shares.addAll(mapping.holder(h)));
        shares.addAll(mapping.owners());
        return new Result(mapping.entities(), shares, mapping.notes());
    }

    private static Set<String> shares(Result r) {
        return r.shares().stream()
                .map(s -> s.entity() + "/" + s.principal().name() + "/" + s.permission()
                        + (s.cascading() ? "/cascading" : ""))
                .collect(Collectors.toSet());
    }

    @Test
    void aCascadingShareIsOneShareAndItsCopiesAreExplainedByTheTree() {
        var r = map(
                List.of(entity("a", null, "alice"), entity("b", "a", "alice")),
                List.of(
                        row("a", "a", "alice", DC, "OWNER"),
                        row("b", "b", "alice", DC, "OWNER"),
                        row("b", "a", "alice", IC, "OWNER"),
                        row("a", "a", "bob", DC, "READ"),
                        row("b", "a", "bob", IC, "READ")));
        assertEquals(Set.of("a/alice/OWNER/cascading", "b/alice/OWNER/cascading", "a/bob/READ/cascading"), shares(r));
        assertEquals(List.of(), r.notes(), "nothing to report");
    }

    @Test
    void aNonCascadingShareThatCustosLaterCopiedDownCascades() {
        var r = map(
                List.of(entity("a", null, "alice"), entity("b", "a", "alice")),
                List.of(row("a", "a", "bob", DNC, "READ"), row("b", "a", "bob", IC, "READ")));
        assertTrue(shares(r).contains("a/bob/READ/cascading"), shares(r).toString());
    }

    @Test
    void aRowTheTreeNoLongerExplainsBecomesAShareOnItsEntity() {
        // b was below x when bob got READ on x with cascade; then b's parent moved to a: Custos kept b's copy.
        var r = map(
                List.of(entity("a", null, "alice"), entity("x", null, "alice"), entity("b", "a", "alice")),
                List.of(row("x", "x", "bob", DC, "READ"), row("b", "x", "bob", IC, "READ")));
        assertTrue(shares(r).contains("b/bob/READ"), shares(r).toString());
        assertTrue(
                r.notes().stream().anyMatch(n -> n.contains("b/bob/READ") && n.contains("carried")),
                r.notes().toString());
    }

    @Test
    void aGrantThatNowCascadesFurtherThanCustosCopiedItIsReported() {
        var r = map(
                List.of(entity("a", null, "alice"), entity("b", "a", "alice"), entity("c", "b", "alice")),
                List.of(row("a", "a", "bob", DC, "READ"), row("b", "a", "bob", IC, "READ")));
        assertTrue(
                r.notes().stream().anyMatch(n -> n.contains("c/bob/READ (from a)")),
                r.notes().toString());
    }

    @Test
    void aMissingParentOrALoopLeavesARootAndTheTreeComesParentsFirst() {
        var r = map(
                List.of(
                        entity("c", "b", "alice"),
                        entity("b", "a", "alice"),
                        entity("a", null, "alice"),
                        entity("orphan", "gone", "alice"),
                        entity("p", "q", "alice"),
                        entity("q", "p", "alice")),
                List.of());
        List<String> order = r.entities().stream().map(BundleViews.Entity::id).toList();
        assertTrue(
                order.indexOf("a") < order.indexOf("b") && order.indexOf("b") < order.indexOf("c"), order.toString());
        assertEquals(6, order.size(), order.toString());
        assertTrue(
                r.notes().stream().anyMatch(n -> n.contains("orphan")),
                r.notes().toString());
        assertTrue(
                r.notes().stream().anyMatch(n -> n.contains("its own ancestor")),
                r.notes().toString());
    }

    @Test
    void rowsThatGrantNothingInCustosAreNamedNotCarried() {
        var r = map(
                List.of(entity("a", null, "alice")),
                List.of(row("a", "a", "bob", DC, "WRITE"), row("gone", "gone", "bob", DC, "READ")));
        assertEquals(Set.of("a/alice/OWNER/cascading"), shares(r));
        assertTrue(
                r.notes().stream().anyMatch(n -> n.startsWith("2 sharing rows grant nothing")),
                r.notes().toString());
    }

    @Test
    void anOwnerWithoutOwnerRowsStillHoldsOwnerOnEachEntityAndNoHolderIsMappedTwice() {
        var r = map(
                List.of(entity("a", null, "alice"), entity("b", "a", "alice"), entity("c", null, "carol")),
                List.of(row("a", "a", "bob", DC, "READ"), row("b", "a", "bob", IC, "READ")));
        assertEquals(
                Set.of(
                        "a/alice/OWNER/cascading",
                        "b/alice/OWNER/cascading",
                        "c/carol/OWNER/cascading",
                        "a/bob/READ/cascading"),
                shares(r));
        assertEquals(4, r.shares().size(), "each share once: " + r.shares());
    }
}
