package org.custos.keycloak.model.jpa;

import java.util.ArrayList;
import java.util.List;

/**
 * A page of the keys that pass a test, in key order, at a cost that follows the page rather than how many keys pass:
 * the next keys are read in windows (the page's size, then twice as many, and so on), each key tested as it is read,
 * until the page is full or the keys run out; only when {@value #WINDOWS} windows leave the page short — the keys that
 * pass are rare there, so there are few of them — are the passing keys after the last one read asked for directly.
 * A window where fewer than one key in seven passed goes straight to that direct query. At most {@value #WINDOWS} + 1
 * queries a page, whatever the data; it reads at most 7 pages' worth of keys, or, when few of them pass, up to a
 * page's worth and the passing keys after them.
 */
final class KeysetWindows {

    /**
     * The windows read before the passing keys are asked for directly: up to 7 pages' worth of keys. A key tested in a
     * window costs about ten times a passing key read directly, so past 7 pages (fewer than one key in 7 passing) the
     * direct query is the cheaper one until about a million keys.
     */
    static final int WINDOWS = 3;

    /** A window where fewer than one key in this many passed ends the windows at once. */
    static final int SPARSE = 7;

    /** A key read in a window, and whether it passed the test. */
    record Key(String key, boolean passes) {}

    /** One query: the first {@code size} keys after {@code after} (all from the start when null), in key order. */
    interface Window {
        List<Key> read(String after, int size);
    }

    /** One query: the first {@code limit} passing keys after {@code after}, in key order. */
    interface Passing {
        List<String> read(String after, int limit);
    }

    private KeysetWindows() {}

    static List<String> page(String after, int limit, Window window, Passing passing) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one key");
        }
        List<String> found = new ArrayList<>();
        String from = after;
        int size = limit;
        for (int w = 0; w < WINDOWS; w++) {
            List<Key> keys = window.read(from, size);
            for (Key k : keys) {
                if (k.passes()) {
                    found.add(k.key());
                    if (found.size() == limit) {
                        return found;
                    }
                }
            }
            if (keys.size() < size) {
                return found; // no keys after these
            }
            from = keys.get(keys.size() - 1).key();
            if (keys.stream().filter(Key::passes).count() * SPARSE < size) {
                break; // fewer than one in seven passed here: the passing keys are few, read them directly
            }
            size *= 2;
        }
        found.addAll(passing.read(from, limit - found.size()));
        return found;
    }
}
