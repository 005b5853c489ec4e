package org.custos.keycloak.representation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.custos.keycloak.error.CustosException;
import org.junit.jupiter.api.Test;

/** The bounds on one request's lists, checked on the parsed document: what is refused, and what the 400 names. */
class RequestLimitsTest {

    private static ArrayNode array(int items) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (int i = 0; i < items; i++) {
            a.add("x" + i);
        }
        return a;
    }

    private static CustosException refused(JsonNode document) {
        return assertThrows(CustosException.class, () -> RequestLimits.check(document));
    }

    @Test
    void aListOfAThousandPassesAndOneMoreIsRefusedByName() {
        ObjectNode ok = Json.mapper().createObjectNode();
        ok.set("owner_id", array(RequestLimits.MAX_ITEMS));
        assertDoesNotThrow(() -> RequestLimits.check(ok));
        ObjectNode over = Json.mapper().createObjectNode();
        over.putObject("entity").set("owner_id", array(RequestLimits.MAX_ITEMS + 1));
        CustosException e = refused(over);
        assertEquals(400, e.getStatus());
        assertTrue(
                e.getDescription().contains("entity.owner_id")
                        && e.getDescription().contains("1000"),
                e.getDescription());
    }

    @Test
    void allListsTogetherAreBounded() {
        ObjectNode doc = Json.mapper().createObjectNode();
        for (int i = 0; i < 10; i++) {
            doc.set("list" + i, array(RequestLimits.MAX_ITEMS));
        }
        assertDoesNotThrow(() -> RequestLimits.check(doc), "exactly 10,000 items in all");
        doc.set("one-more", array(1));
        assertTrue(refused(doc).getDescription().contains("10000"));
    }

    @Test
    void nestingIsBounded() {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode node = root;
        for (int depth = 0; depth < RequestLimits.MAX_DEPTH; depth++) {
            node = node.putObject("n");
        }
        assertDoesNotThrow(() -> RequestLimits.check(root));
        node.putObject("n").putObject("n");
        assertTrue(refused(root).getDescription().contains("32"));
    }

    @Test
    void changesThatMultiplyAreBounded() {
        assertDoesNotThrow(() -> RequestLimits.requireChanges(RequestLimits.MAX_CHANGES, "users × roles"));
        CustosException e =
                assertThrows(CustosException.class, () -> RequestLimits.requireChanges(200L * 60, "users × roles"));
        assertTrue(e.getDescription().contains("12000") && e.getDescription().contains("users × roles"));
        assertThrows(CustosException.class, () -> RequestLimits.checkParameter("accessible_tokens", 1001));
    }
}
