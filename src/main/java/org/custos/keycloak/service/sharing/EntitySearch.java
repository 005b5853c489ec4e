package org.custos.keycloak.service.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.sharing.SharingRequests.SearchCriterion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiles Custos search criteria into a JPQL condition over {@code CustosSharingEntity e}, with named parameters.
 * Criteria are ANDed. Unlike Custos, every field works and every condition means what it says: EQUAL {@code =},
 * NOT {@code <>}, LIKE {@code like} (the caller writes the {@code %}), GTE {@code >=}, LTE {@code <=}. For the text
 * fields EQUAL is also a {@code like}, as in Custos, so that clients that send {@code %} with EQUAL keep working.
 */
public final class EntitySearch {

    /** Custos's {@code EntitySearchField}, in proto order (a number is accepted as the index). */
    public enum Field { NAME, DESCRIPTION, ID, FULL_TEXT, OWNER_ID, CREATED_AT, LAST_MODIFIED_AT, ENTITY_TYPE_ID,
        PARENT_ID, SHARED_COUNT, PERMISSION_TYPE_ID, SHARED_BY, SHARED_WITH }

    /** Custos's {@code SearchCondition}, in proto order. */
    public enum Condition { EQUAL, LIKE, GTE, LTE, NOT }

    /** What a criterion needs resolved from Keycloak: an owner username to a user id, a parent id to an internal id. */
    public interface Resolver {
        /** Keycloak user id of a username, or null. */
        String userId(String username);

        /** Internal id of an entity of the realm, or null. */
        String entityId(String externalId);

        /** Keycloak principal id (user id of a username, or a group id) or null. */
        String principalId(String usernameOrGroupId);
    }

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<String> permissionIds = new ArrayList<>();

    public static EntitySearch compile(List<SearchCriterion> criteria, Resolver resolver) {
        EntitySearch search = new EntitySearch();
        if (criteria == null) {
            return search;
        }
        for (int i = 0; i < criteria.size(); i++) {
            SearchCriterion c = criteria.get(i);
            String path = "search_criteria[" + i + "]";
            if (c == null) {
                throw CustosException.invalidField(path, "must be an object");
            }
            Field field = parse(c.searchField(), Field.class, path + ".search_field", null);
            Condition condition = parse(c.condition(), Condition.class, path + ".condition", Condition.EQUAL);
            search.add(field, condition, c.value() == null ? "" : c.value(), path, resolver);
        }
        return search;
    }

    /** The JPQL conditions, each to be ANDed. */
    public List<String> conditions() {
        return conditions;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    /** Permission ids named by PERMISSION_TYPE_ID EQUAL criteria: the search is limited to what they reach. */
    public List<String> permissionIds() {
        return permissionIds;
    }

    private void add(Field field, Condition condition, String value, String path, Resolver resolver) {
        switch (field) {
            case NAME -> text("e.name", condition, value, path);
            case DESCRIPTION -> text("e.description", condition, value, path);
            case FULL_TEXT -> text("e.fullText", condition, value, path);
            case ID -> identifier("e.externalId", condition, value, path);
            case ENTITY_TYPE_ID -> identifier("e.typeId", condition, value, path);
            case OWNER_ID -> identifier("e.ownerUserId", condition, resolved(value, resolver::userId), path);
            case PARENT_ID -> identifier("e.parentId", condition, resolved(value, resolver::entityId), path);
            case CREATED_AT -> number("e.createdAt", condition, value, path);
            case LAST_MODIFIED_AT -> number("e.updatedAt", condition, value, path);
            case SHARED_COUNT -> number("(select count(sc) from CustosShare sc where sc.entityId = e.id)", condition, value, path);
            case PERMISSION_TYPE_ID -> {
                if (condition != Condition.EQUAL) {
                    throw CustosException.invalidField(path + ".condition", "PERMISSION_TYPE_ID takes EQUAL only");
                }
                permissionIds.add(value);
            }
            case SHARED_BY -> exists("sb.sharedBy = :" + param(value), condition, "sb", path);
            case SHARED_WITH -> exists("sb.principalId = :" + param(resolved(value, resolver::principalId))
                    + " and sb.permissionId <> 'OWNER'", condition, "sb", path);
        }
    }

    /** Unknown names resolve to a value no row has, so EQUAL finds nothing and NOT finds everything. */
    private static String resolved(String value, Function<String, String> lookup) {
        String id = value.isEmpty() ? null : lookup.apply(value);
        return id == null ? "\u0000unknown" : id;
    }

    private void text(String column, Condition condition, String value, String path) {
        String p = param(value);
        switch (condition) {
            case EQUAL, LIKE -> conditions.add(column + " like :" + p);
            case NOT -> conditions.add("(" + column + " is null or " + column + " not like :" + p + ")");
            default -> throw CustosException.invalidField(path + ".condition", "must be EQUAL, LIKE or NOT for a text field");
        }
    }

    private void identifier(String column, Condition condition, String value, String path) {
        String p = param(value);
        switch (condition) {
            case EQUAL -> conditions.add(column + " = :" + p);
            case NOT -> conditions.add("(" + column + " is null or " + column + " <> :" + p + ")");
            case LIKE -> conditions.add(column + " like :" + p);
            default -> throw CustosException.invalidField(path + ".condition", "must be EQUAL, NOT or LIKE for an id field");
        }
    }

    private void number(String expression, Condition condition, String value, String path) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw CustosException.invalidField(path + ".value", "must be a whole number for this field");
        }
        String p = param(n);
        String op = switch (condition) {
            case EQUAL -> "=";
            case NOT -> "<>";
            case GTE -> ">=";
            case LTE -> "<=";
            case LIKE -> throw CustosException.invalidField(path + ".condition", "LIKE does not apply to a number");
        };
        conditions.add(expression + " " + op + " :" + p);
    }

    private void exists(String predicate, Condition condition, String alias, String path) {
        String sub = "exists (select " + alias + ".id from CustosShare " + alias + " where " + alias + ".entityId = e.id and "
                + predicate + ")";
        switch (condition) {
            case EQUAL -> conditions.add(sub);
            case NOT -> conditions.add("not " + sub);
            default -> throw CustosException.invalidField(path + ".condition", "must be EQUAL or NOT for this field");
        }
    }

    private String param(Object value) {
        String name = "c" + parameters.size();
        parameters.put(name, value);
        return name;
    }

    static <E extends Enum<E>> E parse(JsonNode node, Class<E> type, String path, E fallback) {
        E[] values = type.getEnumConstants();
        if (node == null || node.isNull()) {
            if (fallback == null) {
                throw CustosException.invalidField(path, "is required");
            }
            return fallback;
        }
        if (node.isInt() && node.intValue() >= 0 && node.intValue() < values.length) {
            return values[node.intValue()];
        }
        if (node.isTextual()) {
            for (E v : values) {
                if (v.name().equalsIgnoreCase(node.textValue().trim())) {
                    return v;
                }
            }
        }
        throw CustosException.invalidField(path, "must be one of " + java.util.Arrays.toString(values));
    }
}
