package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body that names one user: activation, deactivation, delete, make or remove tenant admin. */
public record UsernameRequest(@JsonProperty("username") String username) {}
