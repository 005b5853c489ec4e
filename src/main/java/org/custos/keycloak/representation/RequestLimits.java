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

    /** Bounds on one document: items per list, list items in all, nesting. */
    public record Bounds(int items, long total, int depth) {}

    /** What any request may carry. */
    public static final Bounds REQUEST = new Bounds(MAX_ITEMS, MAX_TOTAL_ITEMS, MAX_DEPTH);
    /** What a realm's Custos data bundle may carry (an admin's import; its bytes are bounded apart). */
    public static final Bounds BUNDLE = new Bounds(200_000, 1_000_000, 8);

    private RequestLimits() {}

    /** Checks a parsed request document; the field paths in errors are those of the document. */
    public static void check(JsonNode document) {
        check(document, REQUEST);
    }

    public static void check(JsonNode document, Bounds bounds) {
        long[] total = {0};
        walk(document, "", 0, total, bounds);
    }

    private static void walk(JsonNode node, String path, int depth, long[] total, Bounds bounds) {
        if (node == null || !node.isContainerNode()) {
            return;
        }
        if (depth > bounds.depth()) {
            throw CustosException.badRequest(
                    "the request nests deeper than " + bounds.depth() + " levels at '" + path + "'");
        }
        if (node.isArray()) {
            if (node.size() > bounds.items()) {
                throw CustosException.invalidField(
                        path.isEmpty() ? "(body)" : path, "may hold at most " + bounds.items() + " items");
            }
            total[0] += node.size();
            if (total[0] > bounds.total()) {
                throw CustosException.badRequest(
                        "the request's lists hold more than " + bounds.total() + " items in all");
            }
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", depth + 1, total, bounds);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            walk(
                    field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                    depth + 1,
                    total,
                    bounds);
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
