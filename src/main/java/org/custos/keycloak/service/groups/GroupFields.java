package org.custos.keycloak.service.groups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.service.support.AttributeValues;
import org.keycloak.models.GroupModel;

/** The plain fields of a group: its name and its attributes. */
public final class GroupFields {

    private GroupFields() {}

    static void setAttributes(GroupModel group, List<AttributeValues> attributes) {
        if (attributes != null) {
            attributeMap(attributes).forEach(group::setAttribute);
        }
    }

    static Map<String, List<String>> attributeMap(List<AttributeValues> attributes) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (AttributeValues attribute : attributes) {
            if (attribute == null
                    || attribute.key() == null
                    || attribute.key().isBlank()
                    || attribute.values() == null
                    || attribute.values().stream().anyMatch(v -> v == null)) {
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

    /** The attributes of a group, sorted by key. */
    public static Map<String, List<String>> attributes(GroupModel group) {
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        group.getAttributes().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sorted.put(e.getKey(), List.copyOf(e.getValue())));
        return sorted;
    }
}
