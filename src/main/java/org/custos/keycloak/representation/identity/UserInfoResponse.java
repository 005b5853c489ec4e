package org.custos.keycloak.representation.identity;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Custos's userinfo shape ({@code GET /user}). */
public record UserInfoResponse(
        @JsonProperty("sub") String sub,
        @JsonProperty("full_name") String fullName,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("email_address") String emailAddress,
        @JsonProperty("username") String username,
        @JsonProperty("client_id") String clientId) {}
