package org.custos.keycloak.rest.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.representation.agents.AgentViews;
import org.custos.keycloak.representation.users.UserAttribute;
import org.custos.keycloak.service.agents.AgentService;
import org.custos.keycloak.service.agents.AgentSetup;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RoleModel;

/**
 * Agent management's request bodies read into what the agent service takes: names resolved to Keycloak's models,
 * values checked, each problem a 400 naming the JSON field.
 */
public final class AgentRequests {

    private final AgentService agents;

    AgentRequests(AgentService agents) {
        this.agents = agents;
    }

    /** An agent's id: what a Keycloak client id and a realm's list of Custos clients can both hold. */
    static String newId(String id) {
        if (id == null || id.isBlank()) {
            throw CustosException.invalidField("id", "is required");
        }
        if (!id.matches("[A-Za-z0-9._:@-]{1,255}")) {
            // An agent's id goes into the realm's list of Custos clients: no separators, nothing but a name.
            throw CustosException.invalidField("id", "may hold only letters, digits and . _ : @ - (at most 255)");
        }
        return id;
    }

    ClientModel agent(String id) {
        if (id == null || id.isBlank()) {
            throw CustosException.invalidField("id", "is required");
        }
        return agents.require(id);
    }

    List<ClientModel> agents(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw CustosException.invalidField("agents", "must name at least one agent");
        }
        return ids.stream().distinct().map(agents::require).toList();
    }

    List<RoleModel> roles(List<String> names, boolean clientLevel, String field) {
        List<RoleModel> roles = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            roles.add(agents.role(name, clientLevel)
                    .orElseThrow(() -> CustosException.invalidField(
                            field, "names the role '" + name + "', which does not exist")));
        }
        return roles;
    }

    /** {@code [{key, values}]} as key → values; {@code required} when the request is about attributes. */
    static Map<String, List<String>> attributes(List<UserAttribute> attributes, boolean required) {
        if (attributes == null || attributes.isEmpty()) {
            if (required) {
                throw CustosException.invalidField("attributes", "must hold at least one {key, values}");
            }
            return Map.of();
        }
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (UserAttribute a : attributes) {
            if (a == null
                    || a.key() == null
                    || a.key().isBlank()
                    || a.values() == null
                    || a.values().contains(null)) {
                throw CustosException.invalidField("attributes[]", "must be {key, values[]}");
            }
            byKey.put(a.key(), List.copyOf(a.values()));
        }
        return byKey;
    }

    /** Agents × roles, or agents × attribute values: what one request may write. */
    static void requireBounded(List<String> ids, List<?> items) {
        long each = items == null
                ? 0
                : items.stream()
                        .mapToLong(i -> i instanceof UserAttribute a && a.values() != null
                                ? Math.max(1, a.values().size())
                                : 1)
                        .sum();
        RequestLimits.requireChanges((long) (ids == null ? 0 : ids.size()) * each, "agents × roles or values");
    }

    public static long lifetime(Long seconds) {
        if (seconds == null || seconds <= 0 || seconds > Integer.MAX_VALUE) {
            throw CustosException.invalidField("access_token_life_time", "must be a positive number of seconds");
        }
        return seconds;
    }

    static AgentSetup.Mapper mapper(AgentViews.ProtocolMapper m) {
        if (m.name() == null || m.name().isBlank()) {
            throw CustosException.invalidField("name", "is required");
        }
        if (m.claimName() == null || m.claimName().isBlank()) {
            throw CustosException.invalidField("claim_name", "is required");
        }
        AgentSetup.MapperType type = named(
                AgentSetup.MapperType.class,
                m.mapperType(),
                AgentSetup.MapperType.USER_ATTRIBUTE,
                "mapper_type",
                "must be USER_ATTRIBUTE, USER_REALM_ROLE or USER_CLIENT_ROLE");
        if (type == AgentSetup.MapperType.USER_ATTRIBUTE
                && (m.attributeName() == null || m.attributeName().isBlank())) {
            throw CustosException.invalidField("attribute_name", "is required for USER_ATTRIBUTE");
        }
        AgentSetup.ClaimType claimType = named(
                AgentSetup.ClaimType.class,
                m.claimType(),
                AgentSetup.ClaimType.STRING,
                "claim_type",
                "must be STRING, LONG, INTEGER, BOOLEAN or JSON");
        return new AgentSetup.Mapper(
                m.name(),
                m.claimName(),
                type,
                m.attributeName(),
                claimType,
                Boolean.TRUE.equals(m.addToIdToken()),
                m.addToAccessToken() == null || m.addToAccessToken(),
                Boolean.TRUE.equals(m.addToUserInfo()),
                Boolean.TRUE.equals(m.multiValued()),
                Boolean.TRUE.equals(m.aggregateAttributeValues()));
    }

    private static <E extends Enum<E>> E named(Class<E> type, String value, E fallback, String field, String rule) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CustosException.invalidField(field, rule);
        }
    }
}
