package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code PUT /user/password}. The password is write-only: never logged, never echoed. */
public record PasswordRequest(@JsonProperty("username") String username, @JsonProperty("password") String password) {

    @Override
    public String toString() {
        return "PasswordRequest[username=" + username + "]";
    }
}
