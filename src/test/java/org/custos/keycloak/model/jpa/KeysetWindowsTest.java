package org.custos.keycloak.model.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * A page of a search ({@link KeysetWindows}) over 100,000 keys: the same page as filtering every key, and never more
 * than {@code WINDOWS + 1} queries and a bounded number of keys read, however many keys pass — all, most, one in a
 * thousand, a run of them at the end, none.
 */
class KeysetWindowsTest {

    private static final int KEYS = 100_000;

    /** The keys, in key order (zero-padded so that string order is numeric order). */
    private static final List<String> ALL = new ArrayList<>();

    static {
        for (int i = 0; i < KEYS; i++) {
            ALL.add(String.format("k%06d", i));
        }
    }

    /** Counts what a page costs: queries made and keys read. */
    private static final class Store {
        final TreeSet<String> passing = new TreeSet<>();
        int queries;
        long read;

        Store(IntPredicate passes) {
            for (int i = 0; i < KEYS; i++) {
                if (passes.test(i)) {
                    passing.add(ALL.get(i));
                }
            }
        }

        List<KeysetWindows.Key> window(String after, int size) {
            queries++;
            int from = after == null ? 0 : ALL.indexOf(after) + 1;
            List<KeysetWindows.Key> out = new ArrayList<>();
            for (int i = from; i < Math.min(KEYS, from + size); i++) {
                out.add(new KeysetWindows.Key(ALL.get(i), passing.contains(ALL.get(i))));
            }
            read += out.size();
            return out;
        }

        List<String> passing(String after, int limit) {
            queries++;
            List<String> out = new ArrayList<>((after == null ? passing : passing.tailSet(after, false))
                    .stream().limit(limit).toList());
            // what the database reads for this query: every passing key after `after` (it sorts them)
            read += (after == null ? passing : passing.tailSet(after, false)).size();
            return out;
        }

        List<String> page(String after, int limit) {
            return KeysetWindows.page(after, limit, this::window, this::passing);
        }
    }

    private static void check(String name, IntPredicate passes, int maxRead) {
        Store store = new Store(passes);
        String after = null;
        for (int p = 0; p < 3; p++) { // three pages, each after the last key of the one before
            store.queries = 0;
            store.read = 0;
            List<String> page = store.page(after, 101);
            List<String> expected = (after == null ? store.passing : store.passing.tailSet(after, false))
                    .stream().limit(101).toList();
            assertEquals(expected, page, name + ", page " + p);
            assertTrue(store.queries <= KeysetWindows.WINDOWS + 1, name + ": " + store.queries + " queries");
            assertTrue(store.read <= maxRead, name + ": " + store.read + " keys read for a page");
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1);
        }
    }

    @Test
    void aPageCostsAboutAPageWhateverPasses() {
        int windows = 101 * ((1 << KeysetWindows.WINDOWS) - 1); // every window read: 7 pages' worth
        check("every key", i -> true, 101);
        check("most keys", i -> i % 10 != 3, 2 * 101 + 101);
        Random rnd = new Random(7);
        boolean[] half = new boolean[KEYS];
        for (int i = 0; i < KEYS; i++) {
            half[i] = rnd.nextBoolean();
        }
        check("half at random", i -> half[i], 101 + 202 + 404);
        check("one in 5", i -> i % 5 == 0, windows);
        // rare: the first window finds few, then the query from the shares reads only what passes
        check("one in 30", i -> i % 30 == 0, 101 + KEYS / 30);
        check("one in 1,000", i -> i % 1000 == 0, 101 + KEYS / 1000);
        check("a run at the end", i -> i >= KEYS - 500, 101 + 500);
        check("none", i -> false, 101);
    }

    @Test
    void theLastPageEndsWhereTheKeysDo() {
        Store store = new Store(i -> i >= KEYS - 50);
        List<String> page = store.page(ALL.get(KEYS - 60), 101);
        assertEquals(50, page.size());
        assertEquals(1, store.queries, "the first window reached the end");
    }
}
