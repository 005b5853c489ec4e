package org.custos.keycloak.rest.groups;

import java.util.List;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.representation.groups.GroupInput;
import org.custos.keycloak.service.groups.GroupSpec;
import org.custos.keycloak.service.support.AttributeValues;

/** Groups as Custos clients send them ({@link GroupInput}), read into the service's {@link GroupSpec}s. */
final class GroupSpecs {

    private GroupSpecs() {}

    static GroupSpec of(GroupInput input) {
        if (input == null) {
            return null;
        }
        return new GroupSpec(
                input.id(),
                input.name(),
                input.ownerId(),
                input.description(),
                input.parentId(),
                input.realmRoles(),
                input.clientRoles(),
                input.attributes() == null
                        ? null
                        : input.attributes().stream()
                                .map(a -> a == null ? null : new AttributeValues(a.key(), a.values()))
                                .toList(),
                input.subGroups() == null
                        ? null
                        : input.subGroups().stream().map(GroupSpecs::of).toList());
    }

    /** The groups of one request: at most {@link RequestLimits#MAX_ITEMS}, sub-groups included. */
    static List<GroupSpec> of(List<GroupInput> inputs) {
        if (count(inputs) > RequestLimits.MAX_ITEMS) {
            throw CustosException.invalidField(
                    "groups", "may create at most " + RequestLimits.MAX_ITEMS + " groups, sub-groups included");
        }
        return inputs == null ? null : inputs.stream().map(GroupSpecs::of).toList();
    }

    private static long count(List<GroupInput> inputs) {
        long n = 0;
        for (GroupInput input : inputs == null ? List.<GroupInput>of() : inputs) {
            n += 1 + (input == null ? 0 : count(input.subGroups()));
        }
        return n;
    }
}
