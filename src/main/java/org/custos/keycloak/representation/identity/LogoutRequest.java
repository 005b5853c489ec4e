package org.custos.keycloak.representation.identity;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Custos's logout body: only {@code refresh_token} is read ({@code grant_type} is accepted and ignored). */
public record LogoutRequest(
        @JsonProperty("refresh_token") @JsonAlias("refreshToken") String refreshToken,
        @JsonProperty("grant_type") @JsonAlias("grantType") String grantType) {}
