package org.custos.keycloak.representation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.custos.keycloak.error.CustosException;

/**
 * The bounds on what one request may carry, checked on the parsed document before anything reads it: every list
 * (JSON array, repeated query parameter) holds at most {@value #MAX_ITEMS} items, a request holds at most
 * {@value #MAX_TOTAL_ITEMS} list items in all, and objects nest at most {@value #MAX_DEPTH} deep. Services bound
 * what lists multiply into ({@link #requireChanges}): one request makes at most {@value #MAX_CHANGES} changes. A
 * request over a bound is 400 naming the list and the bound; nothing is read or written.
 */
public final class RequestLimits {

    /** Items in one list: the decision point's and the batch check's bound, and the largest page. */
    public static final int MAX_ITEMS = 1000;
    /** List items in one request, all lists together. */
    public static final int MAX_TOTAL_ITEMS = 10_000;
    /** Nesting of objects and lists (a group tree of about 15 levels). */
    public static final int MAX_DEPTH = 32;
    /** Changes one request may make when its lists multiply (users × roles, users × attribute values, …). */
    public static final int MAX_CHANGES = 10_000;

    private RequestLimits() {}

    /** Checks a parsed request document; the field paths in errors are those of the document. */
    public static void check(JsonNode document) {
        int[] total = {0};
        walk(document, "", 0, total);
    }

    private static void walk(JsonNode node, String path, int depth, int[] total) {
        if (node == null || !node.isContainerNode()) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw CustosException.badRequest(
                    "the request nests deeper than " + MAX_DEPTH + " levels at '" + path + "'");
        }
        if (node.isArray()) {
            if (node.size() > MAX_ITEMS) {
                throw CustosException.invalidField(
                        path.isEmpty() ? "(body)" : path, "may hold at most " + MAX_ITEMS + " items");
            }
            total[0] += node.size();
            if (total[0] > MAX_TOTAL_ITEMS) {
                throw CustosException.badRequest(
                        "the request's lists hold more than " + MAX_TOTAL_ITEMS + " items in all");
            }
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", depth + 1, total);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), depth + 1, total);
        }
    }

    /** A list of query-parameter values: at most {@value #MAX_ITEMS}. */
    public static void checkParameter(String name, int values) {
        if (values > MAX_ITEMS) {
            throw CustosException.invalidField(name, "may be repeated at most " + MAX_ITEMS + " times");
        }
    }

    /** Refuses a request whose lists multiply into more than {@value #MAX_CHANGES} changes. */
    public static void requireChanges(long changes, String what) {
        if (changes > MAX_CHANGES) {
            throw CustosException.badRequest("the request would make " + changes + " changes (" + what + "); at most "
                    + MAX_CHANGES + " per request");
        }
    }
}
