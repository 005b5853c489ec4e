package org.custos.keycloak.service.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.junit.jupiter.api.Test;

/** The order a bundle lists entities in (every parent before its children) and how an import's mode is named. */
class BundleOrderTest {

    private static SharingEntity entity(String id, String parent) {
        return new SharingEntity(id, "r", "ext-" + id, "T", "u", parent, null, null, null, null, 0, 0, 0);
    }

    @Test
    void everyEntityComesAfterItsParentWhateverTheStoredOrder() {
        // stored in external-id order: children may come before their parents
        List<SharingEntity> rows =
                List.of(entity("c", "b"), entity("a", null), entity("d", "a"), entity("b", "a"), entity("e", null));
        Map<String, SharingEntity> byId = new HashMap<>();
        rows.forEach(e -> byId.put(e.id(), e));
        List<String> order = BundleExport.parentsFirst(rows, byId).stream()
                .map(SharingEntity::id)
                .toList();
        assertEquals(rows.size(), order.size(), "every entity once: " + order);
        for (SharingEntity e : rows) {
            if (e.parentId() != null) {
                assertTrue(order.indexOf(e.parentId()) < order.indexOf(e.id()), e.id() + " after its parent: " + order);
            }
        }
    }

    @Test
    void modesAreNamedAsTheQueryParameterSpellsThemAndRefuseIsTheDefault() {
        assertEquals(BundleMode.REFUSE, BundleMode.of(null));
        assertEquals(BundleMode.DRY_RUN, BundleMode.of("dry-run"));
        assertEquals(BundleMode.MERGE, BundleMode.of("merge"));
        CustosException bad = assertThrows(CustosException.class, () -> BundleMode.of("DRY_RUN"));
        assertEquals(400, bad.getStatus());
    }

    @Test
    void anErrorQuotesTheFirstFewItemsOnly() {
        BundleFindings many = new BundleFindings();
        List.of("a", "b", "c", "d", "e", "f", "g").forEach(many::add);
        assertEquals("7 rows: a; b; c; d; e; ...", many.summary("7 rows"));
        BundleFindings one = new BundleFindings();
        one.add("a");
        assertEquals("1 row: a", one.summary("1 row"));
    }

    @Test
    void aReportListsTheFirstThousandFindingsAndCountsTheRest() {
        BundleFindings findings = new BundleFindings();
        for (int i = 0; i < BundleFindings.LISTED + 42; i++) {
            findings.add("row " + i);
        }
        List<String> listed = findings.listed();
        assertEquals(BundleFindings.LISTED + 1, listed.size());
        assertEquals("row 0", listed.get(0));
        assertEquals("... and 42 more", listed.get(BundleFindings.LISTED));
        assertEquals(BundleFindings.LISTED + 42, findings.count());
    }
}
