package org.custos.keycloak.service.users;

import org.custos.keycloak.error.CustosException;

/**
 * Paging of user lists: {@code offset} from 0, {@code limit} up to {@link #MAX_LIMIT}; a missing or zero limit is
 * {@link #DEFAULT_LIMIT}. Keycloak orders users by username, so consecutive pages never repeat or skip a user
 * while the set is unchanged.
 */
public record UserQuery(int offset, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static UserQuery of(Integer offset, Integer limit) {
        int o = offset == null ? 0 : offset;
        int l = limit == null || limit == 0 ? DEFAULT_LIMIT : limit;
        if (o < 0) {
            throw CustosException.invalidField("offset", "must be 0 or more");
        }
        if (l < 0 || l > MAX_LIMIT) {
            throw CustosException.invalidField("limit", "must be between 0 and " + MAX_LIMIT);
        }
        return new UserQuery(o, l);
    }
}
