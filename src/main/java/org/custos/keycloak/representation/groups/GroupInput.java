package org.custos.keycloak.representation.groups;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.custos.keycloak.representation.users.UserAttribute;

/**
 * A group as Custos clients send it (both the 2020 and the later shape; camelCase and snake_case; the portal's
 * {@code groupId} for {@code id}).
 */
public record GroupInput(
        @JsonProperty("id") @JsonAlias({"groupId", "group_id"}) String id,
        @JsonProperty("name") String name,
        @JsonProperty("ownerId") @JsonAlias("owner_id") String ownerId,
        @JsonProperty("description") String description,
        @JsonProperty("parent_id") @JsonAlias("parentId") String parentId,
        @JsonProperty("realm_roles") @JsonAlias("realmRoles") List<String> realmRoles,
        @JsonProperty("client_roles") @JsonAlias("clientRoles") List<String> clientRoles,
        @JsonProperty("attributes") List<UserAttribute> attributes,
        @JsonProperty("sub_groups") @JsonAlias("subGroups") List<GroupInput> subGroups) {

    /** True when the body named none of a group's fields (a flat body that is not a group). */
    public boolean isEmpty() {
        return id == null
                && name == null
                && ownerId == null
                && description == null
                && parentId == null
                && realmRoles == null
                && clientRoles == null
                && attributes == null
                && subGroups == null;
    }
}
