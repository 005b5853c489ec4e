package org.custos.keycloak.service.sharing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.EntityQuery;
import org.custos.keycloak.model.EntityQuery.Criterion;
import org.custos.keycloak.model.EntityQuery.Op;

/**
 * Reads Custos search criteria into {@link EntityQuery} criteria, refusing what does not apply with a 400 naming
 * the criterion. Unlike Custos, every field works and every condition means what it says: EQUAL, NOT, LIKE (the
 * caller writes the {@code %}), GTE, LTE; for the text fields EQUAL is also a {@code like}, as in Custos, so that
 * clients that send {@code %} with EQUAL keep working. Names are resolved to ids here; an unknown name resolves to
 * an id no row has, so EQUAL finds nothing and NOT finds everything.
 */
public final class EntitySearch {

    /** Custos's {@code EntitySearchField}, in proto order (a number is accepted as the index). */
    public enum Field {
        NAME,
        DESCRIPTION,
        ID,
        FULL_TEXT,
        OWNER_ID,
        CREATED_AT,
        LAST_MODIFIED_AT,
        ENTITY_TYPE_ID,
        PARENT_ID,
        SHARED_COUNT,
        PERMISSION_TYPE_ID,
        SHARED_BY,
        SHARED_WITH
    }

    /** Custos's {@code SearchCondition}, in proto order. */
    public enum Condition {
        EQUAL,
        LIKE,
        GTE,
        LTE,
        NOT
    }

    /** What a criterion needs resolved from Keycloak and the store. */
    public interface Resolver {
        /** Keycloak user id of a username, or null. */
        String userId(String username);

        /** Internal id of an entity of the realm, or null. */
        String entityId(String externalId);

        /** Keycloak principal id (user id of a username, or a group id) or null. */
        String principalId(String usernameOrGroupId);
    }

    /** What an owner, parent or principal that names nobody resolves to: no Keycloak or Custos id looks like it. */
    private static final String UNKNOWN = "(names nobody)";
    /** Criteria of one search, ANDed: each is a predicate (some a subquery) of one query. */
    public static final int MAX_CRITERIA = 50;

    private final List<Criterion> criteria = new ArrayList<>();
    private final List<String> permissionIds = new ArrayList<>();

    /** One criterion of a search: a field, how it compares, and the value (a name where the field names one). */
    public record Filter(Field field, Condition condition, String value) {}

    /** The filters as store criteria, names resolved; a filter that does not apply is 400 naming it. */
    public static EntitySearch compile(List<Filter> filters, Resolver resolver) {
        EntitySearch search = new EntitySearch();
        for (int i = 0; i < filters.size(); i++) {
            Filter f = filters.get(i);
            search.add(f.field(), f.condition(), f.value(), "search_criteria[" + i + "]", resolver);
        }
        return search;
    }

    /** The criteria, each to be ANDed. */
    public List<Criterion> criteria() {
        return criteria;
    }

    /** Permission ids named by PERMISSION_TYPE_ID EQUAL criteria: the search is limited to what they reach. */
    public List<String> permissionIds() {
        return permissionIds;
    }

    private void add(Field field, Condition condition, String value, String path, Resolver resolver) {
        switch (field) {
            case NAME -> text(EntityQuery.Field.NAME, condition, value, path);
            case DESCRIPTION -> text(EntityQuery.Field.DESCRIPTION, condition, value, path);
            case FULL_TEXT -> text(EntityQuery.Field.FULL_TEXT, condition, value, path);
            case ID -> identifier(EntityQuery.Field.ID, condition, value, path);
            case ENTITY_TYPE_ID -> identifier(EntityQuery.Field.TYPE_ID, condition, value, path);
            case OWNER_ID -> identifier(
                    EntityQuery.Field.OWNER_USER_ID, condition, resolved(value, resolver::userId), path);
            case PARENT_ID -> identifier(
                    EntityQuery.Field.PARENT_ID, condition, resolved(value, resolver::entityId), path);
            case CREATED_AT -> number(EntityQuery.Field.CREATED_AT, condition, value, path);
            case LAST_MODIFIED_AT -> number(EntityQuery.Field.UPDATED_AT, condition, value, path);
            case SHARED_COUNT -> number(EntityQuery.Field.SHARED_COUNT, condition, value, path);
            case PERMISSION_TYPE_ID -> {
                if (condition != Condition.EQUAL) {
                    throw CustosException.invalidField(path + ".condition", "PERMISSION_TYPE_ID takes EQUAL only");
                }
                permissionIds.add(value);
            }
            case SHARED_BY -> exists(EntityQuery.Field.SHARED_BY, condition, value, path);
            case SHARED_WITH -> exists(
                    EntityQuery.Field.SHARED_WITH, condition, resolved(value, resolver::principalId), path);
        }
    }

    private static String resolved(String value, Function<String, String> lookup) {
        String id = value.isEmpty() ? null : lookup.apply(value);
        return id == null ? UNKNOWN : id;
    }

    private void text(EntityQuery.Field field, Condition condition, String value, String path) {
        switch (condition) {
            case EQUAL, LIKE -> criteria.add(new Criterion(field, Op.LIKE, value));
            case NOT -> criteria.add(new Criterion(field, Op.NOT, value));
            default -> throw CustosException.invalidField(
                    path + ".condition", "must be EQUAL, LIKE or NOT for a text field");
        }
    }

    private void identifier(EntityQuery.Field field, Condition condition, String value, String path) {
        switch (condition) {
            case EQUAL, NOT, LIKE -> criteria.add(new Criterion(field, Op.valueOf(condition.name()), value));
            default -> throw CustosException.invalidField(
                    path + ".condition", "must be EQUAL, NOT or LIKE for an id field");
        }
    }

    private void number(EntityQuery.Field field, Condition condition, String value, String path) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw CustosException.invalidField(path + ".value", "must be a whole number for this field");
        }
        if (condition == Condition.LIKE) {
            throw CustosException.invalidField(path + ".condition", "LIKE does not apply to a number");
        }
        criteria.add(new Criterion(field, Op.valueOf(condition.name()), n));
    }

    private void exists(EntityQuery.Field field, Condition condition, String value, String path) {
        switch (condition) {
            case EQUAL, NOT -> criteria.add(new Criterion(field, Op.valueOf(condition.name()), value));
            default -> throw CustosException.invalidField(path + ".condition", "must be EQUAL or NOT for this field");
        }
    }
}
