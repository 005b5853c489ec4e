package org.custos.keycloak.service.users;

/** New names and email of the user {@code username}; a null field stays as it is. */
public record ProfileChange(String username, String firstName, String lastName, String email) {}
