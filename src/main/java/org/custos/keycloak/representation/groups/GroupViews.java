package org.custos.keycloak.representation.groups;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.custos.keycloak.representation.users.CustosUserProfile;

/** Custos's group shape and the list wrappers. */
public final class GroupViews {

    private GroupViews() {}

    /**
     * A group, in every group response alike: the fields of Custos's Keycloak-side {@code GroupRepresentation} and
     * of its tenant-profile {@code Group}, so a client reading either finds what it reads. The owner is given in
     * both spellings Custos used ({@code owner_id} in lists, {@code ownerId} on {@code GET group}).
     */
    public record Group(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("realm_roles") List<String> realmRoles,
            @JsonProperty("client_roles") List<String> clientRoles,
            @JsonProperty("attributes") List<CustosUserProfile.ProfileAttribute> attributes,
            @JsonProperty("parent_id") String parentId,
            @JsonProperty("created_time") String createdTime,
            @JsonProperty("last_modified_time") String lastModifiedTime,
            @JsonProperty("owner_id") String ownerId,
            @JsonProperty("users") List<Object> users,
            @JsonProperty("sub_groups") List<Group> subGroups) {

        @JsonProperty("ownerId")
        public String ownerIdCamelCase() {
            return ownerId;
        }
    }

    public record KeycloakGroups(
            @JsonProperty("groups") List<Group> groups, @JsonProperty("total_size") long totalSize) {}

    public record Groups(@JsonProperty("groups") List<Group> groups) {}

    public record Members(
            @JsonProperty("profiles") List<CustosUserProfile> profiles, @JsonProperty("total_size") long totalSize) {}
}
