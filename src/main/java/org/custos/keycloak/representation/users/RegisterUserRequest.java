package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /user}: Custos's register-user body (the JSON is the {@code user} message). */
public record RegisterUserRequest(
        @JsonProperty("username") String username,
        @JsonProperty("first_name") @JsonAlias("firstName") String firstName,
        @JsonProperty("last_name") @JsonAlias("lastName") String lastName,
        @JsonProperty("email") String email,
        @JsonProperty("password") String password,
        @JsonProperty("temporary_password") @JsonAlias("temporaryPassword") Boolean temporaryPassword) {

    @Override
    public String toString() {
        return "RegisterUserRequest[username=" + username + "]";
    }
}
