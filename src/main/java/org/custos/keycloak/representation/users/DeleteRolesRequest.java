package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code DELETE /user/roles} (and the seed's {@code /users/roles}): realm roles under {@code roles} or the seed's
 * {@code realm_roles}, client roles under {@code client_roles} — or under {@code roles} with {@code client_level}
 * true and no {@code client_roles}, as the Custos portal sends them; one {@code username} or several
 * {@code usernames}. {@code client_id}, when given, must be the authenticated client.
 */
public record DeleteRolesRequest(
        @JsonProperty("username") String username,
        @JsonProperty("usernames") List<String> usernames,
        @JsonProperty("roles") List<String> roles,
        @JsonProperty("realm_roles") @JsonAlias("realmRoles") List<String> realmRoles,
        @JsonProperty("client_roles") @JsonAlias("clientRoles") List<String> clientRoles,
        @JsonProperty("client_level") @JsonAlias("clientLevel") Boolean clientLevel,
        @JsonProperty("client_id") @JsonAlias("clientId") String clientId) {}
