package org.custos.keycloak.rest.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.sharing.SharingRequests;
import org.custos.keycloak.representation.sharing.SharingRequests.SearchCriterion;
import org.custos.keycloak.service.sharing.AccessCheck;
import org.custos.keycloak.service.sharing.EntitySearch;
import org.custos.keycloak.service.sharing.EntitySpec;
import org.custos.keycloak.service.sharing.ShareSpec;
import org.custos.keycloak.service.sharing.TypeSpec;

/**
 * Sharing requests as Custos clients send them, read into the sharing services' typed arguments: what JSON alone
 * decides (an int64 as a number or a string, an enum by name or proto index) is refused here, naming the field; what
 * needs the realm is checked by the services.
 */
public final class SharingSpecs {

    private SharingSpecs() {}

    public static TypeSpec type(SharingRequests.TypeInput in) {
        return in == null ? null : new TypeSpec(in.id(), in.name(), in.description());
    }

    public static EntitySpec entity(SharingRequests.EntityInput in) {
        return in == null
                ? null
                : new EntitySpec(
                        in.id(),
                        in.type(),
                        in.ownerId(),
                        in.parentId(),
                        in.name(),
                        in.description(),
                        in.fullText(),
                        in.binaryData(),
                        int64(in.originalCreationTime(), "entity.original_creation_time"));
    }

    static ShareSpec share(SharingRequests.ShareRequest r) {
        return r == null
                ? null
                : new ShareSpec(
                        r.entity() == null ? null : r.entity().id(),
                        r.permissionType() == null ? null : r.permissionType().id(),
                        r.ownerIds(),
                        r.cascade(),
                        r.sharedBy());
    }

    /** The checks of a batch, in order; a null item stays null (the service names it). */
    static List<AccessCheck> checks(List<SharingRequests.CheckItem> items) {
        if (items == null) {
            return null;
        }
        List<AccessCheck> checks = new ArrayList<>(items.size());
        for (SharingRequests.CheckItem c : items) {
            checks.add(
                    c == null
                            ? null
                            : new AccessCheck(
                                    c.entity() == null ? null : c.entity().id(),
                                    c.permissionType() == null
                                            ? null
                                            : c.permissionType().id(),
                                    c.ownerId()));
        }
        return checks;
    }

    /** Custos's {@code search_criteria} as filters: each field and condition by name or proto index. */
    public static List<EntitySearch.Filter> filters(List<SearchCriterion> criteria) {
        if (criteria == null) {
            return List.of();
        }
        if (criteria.size() > EntitySearch.MAX_CRITERIA) {
            throw CustosException.invalidField(
                    "search_criteria", "may hold at most " + EntitySearch.MAX_CRITERIA + " criteria");
        }
        List<EntitySearch.Filter> filters = new ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            SearchCriterion c = criteria.get(i);
            String path = "search_criteria[" + i + "]";
            if (c == null) {
                throw CustosException.invalidField(path, "must be an object");
            }
            filters.add(new EntitySearch.Filter(
                    parse(c.searchField(), EntitySearch.Field.class, path + ".search_field", null),
                    parse(
                            c.condition(),
                            EntitySearch.Condition.class,
                            path + ".condition",
                            EntitySearch.Condition.EQUAL),
                    c.value() == null ? "" : c.value()));
        }
        return filters;
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
        throw CustosException.invalidField(path, "must be one of " + Arrays.toString(values));
    }

    /** Custos's int64: a number, or a string of digits, as the proto transcoder took it; null when absent. */
    static Long int64(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return node.textValue().isBlank()
                        ? null
                        : Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw CustosException.invalidField(field, "must be a whole number (milliseconds since the epoch)");
    }
}
