package org.custos.keycloak.auth;

import java.util.Set;

/**
 * The one role of ours. Keycloak's own admin roles a rule asks for ({@code manage-authorization}, {@code
 * manage-realm}, ...) are named by Keycloak's {@link org.keycloak.models.AdminRoles} everywhere.
 */
public final class CustosRoles {

    /** Our realm role: with Keycloak's {@code manage-realm}, opens every secret of the realm. */
    public static final String SECRETS_ADMIN = "custos-secrets-admin";
    /** Roles of ours that open Custos data: granted only by who holds them, like an admin role. */
    public static final Set<String> POWER_ROLES = Set.of(SECRETS_ADMIN);

    private CustosRoles() {}
}
