package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Custos's {@code UserRepresentation}. {@code password} is always empty (write-only); {@code state} is ACTIVE,
 * CONFIRMED or PENDING_CONFIRMATION; times are epoch milliseconds as numbers, as Custos printed doubles.
 */
public record CustosUser(
        @JsonProperty("id") String id,
        @JsonProperty("username") String username,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("password") String password,
        @JsonProperty("email") String email,
        @JsonProperty("temporary_password") boolean temporaryPassword,
        @JsonProperty("realm_roles") List<String> realmRoles,
        @JsonProperty("client_roles") List<String> clientRoles,
        @JsonProperty("attributes") List<UserAttribute> attributes,
        @JsonProperty("state") String state,
        @JsonProperty("creation_time") double creationTime,
        @JsonProperty("last_login_at") double lastLoginAt) {}
