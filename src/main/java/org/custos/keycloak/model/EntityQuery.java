package org.custos.keycloak.model;

import java.util.List;

/**
 * A search over a realm's sharing entities, already validated and resolved to ids by the service: criteria
 * ANDed, optionally limited to what {@code principal} reaches (with one of {@code permissionIds} when given), or,
 * with no principal, to entities on which any share of {@code permissionIds} reaches.
 */
public record EntityQuery(List<Criterion> criteria, List<String> permissionIds, ShareStore.Principal principal) {

    /** What a criterion compares. Text fields compare with {@code like}; the owner, parent and sharer are ids. */
    public enum Field {
        NAME,
        DESCRIPTION,
        FULL_TEXT,
        ID,
        TYPE_ID,
        OWNER_USER_ID,
        PARENT_ID,
        CREATED_AT,
        UPDATED_AT,
        SHARED_COUNT,
        SHARED_BY,
        SHARED_WITH
    }

    public enum Op {
        EQUAL,
        LIKE,
        GTE,
        LTE,
        NOT
    }

    /** One condition; {@code value} is a String, or a Long for the time and count fields. */
    public record Criterion(Field field, Op op, Object value) {}
}
