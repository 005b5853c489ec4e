package org.custos.keycloak.service.users;

/** A user to register: names, email, and an initial password (null for none), temporary when asked. */
public record NewUser(
        String username, String firstName, String lastName, String email, String password, boolean temporaryPassword) {
    @Override
    public String toString() {
        return "NewUser[username=" + username + "]";
    }
}
