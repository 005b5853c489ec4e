package org.custos.keycloak.service.support;

/** A role to create — a tenant's or the agents' client role — with its description (may be null). */
public record NewRole(String name, String description) {

    /** Keycloak keeps a role's name and description in columns of this many characters. */
    public static final int MAX_LENGTH = 255;
}
