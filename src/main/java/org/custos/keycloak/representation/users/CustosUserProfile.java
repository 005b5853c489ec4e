package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Custos's {@code UserProfile}: the tenant-profile view of a user. Times are epoch milliseconds printed as strings
 * (Custos's int64 convention).
 */
public record CustosUserProfile(
        @JsonProperty("username") String username,
        @JsonProperty("email") String email,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("last_modified_at") String lastModifiedAt,
        @JsonProperty("status") String status,
        @JsonProperty("attributes") List<ProfileAttribute> attributes,
        @JsonProperty("client_roles") List<String> clientRoles,
        @JsonProperty("realm_roles") List<String> realmRoles,
        @JsonProperty("type") String type,
        @JsonProperty("membership_type") String membershipType) {

    /** A profile attribute: Custos [2020] printed {@code {id, key, value[]}}, [2022] {@code values[]}; both given. */
    public record ProfileAttribute(
            @JsonProperty("id") String id, @JsonProperty("key") String key, @JsonProperty("value") List<String> value) {

        @JsonProperty("values")
        public List<String> values() {
            return value;
        }
    }
}
