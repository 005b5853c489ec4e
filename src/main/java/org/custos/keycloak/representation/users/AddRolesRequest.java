package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST /users/roles}: realm roles, or the calling client's roles when {@code client_level} is true;
 * {@code client_id}, when given, must be the authenticated client.
 */
public record AddRolesRequest(
        @JsonProperty("roles") List<String> roles,
        @JsonProperty("usernames") List<String> usernames,
        @JsonProperty("client_level") @JsonAlias("clientLevel") Boolean clientLevel,
        @JsonProperty("client_id") @JsonAlias("clientId") String clientId) {}
