package org.custos.keycloak.representation.selfservice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The self-service user of the CI/CD-user flow ({@code GET /api/user}): camelCase names, {@code null}s printed,
 * and HAL-style {@code _links}, exactly as the seed shows.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SelfServiceUser(
        @JsonProperty("firstName") String firstName,
        @JsonProperty("lastName") String lastName,
        @JsonProperty("middleName") String middleName,
        @JsonProperty("emailAddress") EmailAddress emailAddress,
        @JsonProperty("phoneNumber") String phoneNumber,
        @JsonProperty("roles") List<Role> roles,
        @JsonProperty("uid") String uid,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("modified_at") String modifiedAt,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("modified_by") String modifiedBy,
        @JsonProperty("_links") Map<String, Link> links) {

    public record EmailAddress(@JsonProperty("email") String email) {}

    public record Role(@JsonProperty("name") String name) {}

    public record Link(
            @JsonProperty("href") String href,
            @JsonProperty("templated") boolean templated,
            @JsonProperty("title") String title) {}
}
