package org.custos.keycloak.service.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.UserRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.service.support.Paging;
import org.custos.keycloak.service.support.UserSearch;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

/**
 * Custos's user searches ({@code GET users}, {@code GET users/profile}): Keycloak's query right first, then only the
 * users the caller may view, from the database store itself where the realm has no federation ({@link UserSearch}:
 * an outage is 503, never "no users").
 */
public final class UserQueries {

    private final UserService users;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserRules rules;

    UserQueries(UserService users, KeycloakSession session, RealmModel realm, UserRules rules) {
        this.users = users;
        this.session = session;
        this.realm = realm;
        this.rules = rules;
    }

    /**
     * A page of users (no service accounts). {@code id} is Custos's {@code user.id}: an exact user id when one
     * matches, otherwise Keycloak's free-text search, as Custos did.
     */
    public Paging.Page<UserModel> find(String id, Map<String, String> filters, Paging page) {
        users.requireQuery();
        if (id != null && !id.isBlank()) {
            UserModel byId = session.users().getUserById(realm, id);
            if (byId != null && UserService.isPerson(byId) && rules.canView(byId)) {
                return new Paging.Page<>(page.offset() == 0 ? List.of(byId) : List.of(), 1);
            }
        }
        Map<String, String> params = new LinkedHashMap<>(filters);
        if (id != null && !id.isBlank()) {
            params.put(UserModel.SEARCH, id);
        }
        return search(params, page);
    }

    /** Users whose attributes match every key/value pair (Custos's {@code users/profile}); all users when none. */
    public Paging.Page<UserModel> findByAttributes(Map<String, String> pairs, Paging page) {
        users.requireQuery();
        for (String key : pairs.keySet()) {
            if (UserService.RESERVED_ATTRIBUTES.contains(key)) {
                throw CustosException.badRequest("'" + key + "' is not an attribute; use GET users to search by it");
            }
        }
        return search(new LinkedHashMap<>(pairs), page);
    }

    private Paging.Page<UserModel> search(Map<String, String> params, Paging page) {
        params.put(UserModel.INCLUDE_SERVICE_ACCOUNT, "false");
        UserProvider store = UserSearch.of(session, realm); // an outage is 503, not "no users"
        List<UserModel> found = store.searchForUserStream(realm, params, page.offset(), page.limit())
                .toList();
        // A caller that may view only some users (fine-grained permissions) sees those of the page, as in Keycloak.
        boolean all = rules.canViewAll();
        List<UserModel> visible = found.stream()
                .filter(UserService::isPerson)
                .filter(u -> all || rules.canView(u))
                .toList();
        // A first page that is not full holds every match: its size is the total, without a count query.
        long total = page.offset() == 0 && found.size() < page.limit()
                ? visible.size()
                : all ? store.getUsersCount(realm, params) : page.offset() + visible.size();
        return new Paging.Page<>(visible, total);
    }
}
