package org.custos.keycloak.service.groups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.representation.groups.GroupInput;
import org.custos.keycloak.representation.users.UserAttribute;
import org.keycloak.models.GroupModel;

/** The plain fields of a group as Custos sends them: its name and its {@code {key, values}} attributes. */
public final class GroupFields {

    private GroupFields() {}

    static void setAttributes(GroupModel group, List<UserAttribute> attributes) {
        if (attributes != null) {
            attributeMap(attributes).forEach(group::setAttribute);
        }
    }

    static Map<String, List<String>> attributeMap(List<UserAttribute> attributes) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (UserAttribute attribute : attributes) {
            if (attribute == null
                    || attribute.key() == null
                    || attribute.key().isBlank()
                    || attribute.values() == null) {
                throw CustosException.invalidField("attributes[]", "must be {key, values[]}");
            }
            out.put(attribute.key(), List.copyOf(attribute.values()));
        }
        return out;
    }

    static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw CustosException.invalidField("name", "is required");
        }
        if (name.contains("/")) {
            throw CustosException.invalidField("name", "must not contain '/'");
        }
        if (name.length() > 255) {
            throw CustosException.invalidField("name", "must be at most 255 characters");
        }
    }

    /** Attributes of a group in Custos's {@code {key, values}} shape, sorted by key. */
    public static List<UserAttribute> attributes(GroupModel group) {
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        group.getAttributes().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted.entrySet().stream()
                .map(e -> new UserAttribute(e.getKey(), List.copyOf(e.getValue())))
                .toList();
    }

    /** A request creates at most {@link RequestLimits#MAX_ITEMS} groups, sub-groups included. */
    static void requireWithinLimit(List<GroupInput> inputs) {
        if (count(inputs) > RequestLimits.MAX_ITEMS) {
            throw CustosException.invalidField(
                    "groups", "may create at most " + RequestLimits.MAX_ITEMS + " groups, sub-groups included");
        }
    }

    private static long count(List<GroupInput> inputs) {
        long n = 0;
        for (GroupInput input : inputs == null ? List.<GroupInput>of() : inputs) {
            n += 1 + (input == null ? 0 : count(input.subGroups()));
        }
        return n;
    }
}
