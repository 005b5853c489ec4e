package org.custos.keycloak.service.bundle;

import java.util.ArrayList;
import java.util.List;

/** An import's conflicts or problems: all counted, the first {@value #LISTED} listed, a few quoted in an error. */
final class BundleFindings {

    /** How many an error message quotes. */
    static final int QUOTED = 5;
    /** How many a report lists. */
    static final int LISTED = 1000;

    private final List<String> items = new ArrayList<>();
    private int count;

    void add(String what) {
        if (count++ < LISTED) {
            items.add(what);
        }
    }

    int count() {
        return count;
    }

    /** What a report lists: the first {@value #LISTED}, then how many more. */
    List<String> listed() {
        if (count <= items.size()) {
            return List.copyOf(items);
        }
        List<String> out = new ArrayList<>(items);
        out.add("... and " + (count - items.size()) + " more");
        return out;
    }

    String summary(String headline) {
        return headline + ": " + String.join("; ", items.subList(0, Math.min(QUOTED, items.size())))
                + (count > QUOTED ? "; ..." : "");
    }
}
