package org.custos.keycloak.model.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.model.EntityQuery;
import org.custos.keycloak.model.EntityQuery.Criterion;
import org.custos.keycloak.model.jpa.entity.SharingEntityEntity;

/**
 * Compiles an {@link EntityQuery} into JPQL over {@code CustosSharingEntity e}, every value a named parameter.
 * Criteria are ANDed: EQUAL {@code =} (for text fields a {@code like}, as in Custos), NOT {@code <>} (null counts
 * as different), LIKE, GTE, LTE.
 */
final class JpaEntitySearch {

    private final StringBuilder jpql =
            new StringBuilder("select e from CustosSharingEntity e where e.realmId = :realmId");
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private JpaEntitySearch() {}

    static TypedQuery<SharingEntityEntity> query(EntityManager em, String realmId, EntityQuery query) {
        JpaEntitySearch search = new JpaEntitySearch();
        search.parameters.put("realmId", realmId);
        query.criteria().forEach(search::add);
        List<String> permissions = query.permissionIds().isEmpty() ? null : new ArrayList<>(query.permissionIds());
        if (query.principal() != null) {
            search.jpql
                    .append(" and e.id in (select a.entityId from CustosShare s, CustosEntityAncestor a where")
                    .append(JpaShareStore.REACHES)
                    .append("and")
                    .append(JpaShareStore.PRINCIPAL)
                    .append(permissions != null ? "and s.permissionId in :perms)" : ")");
        } else if (permissions != null) {
            search.jpql
                    .append(" and e.id in (select a.entityId from CustosShare s, CustosEntityAncestor a where")
                    .append(JpaShareStore.REACHES)
                    .append("and s.permissionId in :perms)");
        }
        search.jpql.append(" order by e.externalId");
        TypedQuery<SharingEntityEntity> q = em.createQuery(search.jpql.toString(), SharingEntityEntity.class);
        search.parameters.forEach(q::setParameter);
        if (permissions != null) {
            q.setParameter("perms", permissions);
        }
        if (query.principal() != null) {
            JpaShareStore.bind(q, query.principal());
        }
        return q;
    }

    private void add(Criterion c) {
        String p = param(c.value());
        String condition =
                switch (c.field()) {
                    case NAME -> text("e.name", c, p);
                    case DESCRIPTION -> text("e.description", c, p);
                    case FULL_TEXT -> text("e.fullText", c, p);
                    case ID -> compare("e.externalId", c, p);
                    case TYPE_ID -> compare("e.typeId", c, p);
                    case OWNER_USER_ID -> compare("e.ownerUserId", c, p);
                    case PARENT_ID -> compare("e.parentId", c, p);
                    case CREATED_AT -> number("e.createdAt", c, p);
                    case UPDATED_AT -> number("e.updatedAt", c, p);
                    case SHARED_COUNT -> number(
                            "(select count(sc) from CustosShare sc where sc.entityId = e.id)", c, p);
                    case SHARED_BY -> exists("sb.sharedBy = :" + p, c);
                    case SHARED_WITH -> exists("sb.principalId = :" + p + " and sb.permissionId <> 'OWNER'", c);
                };
        jpql.append(" and ").append(condition);
    }

    private static String text(String column, Criterion c, String p) {
        return c.op() == EntityQuery.Op.NOT
                ? "(" + column + " is null or " + column + " not like :" + p + ")"
                : column + " like :" + p;
    }

    private static String compare(String column, Criterion c, String p) {
        return switch (c.op()) {
            case EQUAL -> column + " = :" + p;
            case NOT -> "(" + column + " is null or " + column + " <> :" + p + ")";
            case LIKE -> column + " like :" + p;
            case GTE -> column + " >= :" + p;
            case LTE -> column + " <= :" + p;
        };
    }

    /** A number is never null, so NOT is a plain {@code <>}. */
    private static String number(String expression, Criterion c, String p) {
        return c.op() == EntityQuery.Op.NOT ? expression + " <> :" + p : compare(expression, c, p);
    }

    private static String exists(String predicate, Criterion c) {
        String sub = "exists (select sb.id from CustosShare sb where sb.entityId = e.id and " + predicate + ")";
        return c.op() == EntityQuery.Op.NOT ? "not " + sub : sub;
    }

    private String param(Object value) {
        String name = "c" + parameters.size();
        parameters.put(name, value);
        return name;
    }
}
