package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code PUT /user/profile}: the names and email of one user. Absent fields are left unchanged. */
public record ProfileRequest(
        @JsonProperty("username") String username,
        @JsonProperty("first_name") @JsonAlias("firstName") String firstName,
        @JsonProperty("last_name") @JsonAlias("lastName") String lastName,
        @JsonProperty("email") String email) {}
