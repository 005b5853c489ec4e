package org.custos.keycloak.service.support;

import java.util.List;
import java.util.stream.Stream;
import org.custos.keycloak.error.CustosException;

/**
 * Paging of every Custos list: {@code offset} from 0, {@code limit} up to {@link #MAX_LIMIT}; a missing or zero
 * limit is {@link #DEFAULT_LIMIT}. Keycloak orders users by username and groups by name, so consecutive pages
 * never repeat or skip an item while the set is unchanged.
 */
public record Paging(int offset, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static Paging of(Integer offset, Integer limit) {
        int o = offset == null ? 0 : offset;
        int l = limit == null || limit == 0 ? DEFAULT_LIMIT : limit;
        if (o < 0) {
            throw CustosException.invalidField("offset", "must be 0 or more");
        }
        if (l < 0 || l > MAX_LIMIT) {
            throw CustosException.invalidField("limit", "must be between 0 and " + MAX_LIMIT);
        }
        return new Paging(o, l);
    }

    /** One page and how many items match in total. */
    public record Page<T>(List<T> items, long total) {
        public Stream<T> stream() {
            return items.stream();
        }
    }
}
