package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code DELETE /user/roles} (and the seed's {@code /users/roles}): realm roles under {@code roles} or the seed's
 * {@code realm_roles}, client roles under {@code client_roles}; one {@code username} or several {@code usernames}.
 */
public record DeleteRolesRequest(@JsonProperty("username") String username,
                                 @JsonProperty("usernames") List<String> usernames,
                                 @JsonProperty("roles") List<String> roles,
                                 @JsonProperty("realm_roles") @JsonAlias("realmRoles") List<String> realmRoles,
                                 @JsonProperty("client_roles") @JsonAlias("clientRoles") List<String> clientRoles) {
}
