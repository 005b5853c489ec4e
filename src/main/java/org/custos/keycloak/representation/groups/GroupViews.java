package org.custos.keycloak.representation.groups;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.custos.keycloak.representation.users.CustosUserProfile;
import org.custos.keycloak.representation.users.UserAttribute;

import java.util.List;

/** Custos's two group shapes and the list wrappers. */
public final class GroupViews {

    private GroupViews() {
    }

    /** Custos's Keycloak-side {@code GroupRepresentation} (note the camelCase {@code ownerId}). */
    public record KeycloakGroup(@JsonProperty("name") String name,
                                @JsonProperty("id") String id,
                                @JsonProperty("realm_roles") List<String> realmRoles,
                                @JsonProperty("client_roles") List<String> clientRoles,
                                @JsonProperty("attributes") List<UserAttribute> attributes,
                                @JsonProperty("users") List<Object> users,
                                @JsonProperty("sub_groups") List<KeycloakGroup> subGroups,
                                @JsonProperty("description") String description,
                                @JsonProperty("ownerId") String ownerId) {
    }

    /** Custos's {@code Group}: the tenant-profile view, with its parent. */
    public record Group(@JsonProperty("id") String id,
                        @JsonProperty("name") String name,
                        @JsonProperty("realm_roles") List<String> realmRoles,
                        @JsonProperty("client_roles") List<String> clientRoles,
                        @JsonProperty("parent_id") String parentId,
                        @JsonProperty("created_time") String createdTime,
                        @JsonProperty("last_modified_time") String lastModifiedTime,
                        @JsonProperty("attributes") List<CustosUserProfile.ProfileAttribute> attributes,
                        @JsonProperty("description") String description,
                        @JsonProperty("owner_id") String ownerId) {
    }

    public record KeycloakGroups(@JsonProperty("groups") List<KeycloakGroup> groups,
                                 @JsonProperty("total_size") long totalSize) {
    }

    public record Groups(@JsonProperty("groups") List<Group> groups) {
    }

    public record Members(@JsonProperty("profiles") List<CustosUserProfile> profiles,
                          @JsonProperty("total_size") long totalSize) {
    }
}
