package org.custos.keycloak.representation.tenant;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Custos's tenant roles: {@code RoleRepresentation}, {@code AllRoles} and the add / delete requests. */
public final class RoleViews {

    private RoleViews() {}

    public record Role(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("composite") Boolean composite) {}

    /** {@code scope} is {@code realm} or {@code client}. */
    public record Roles(@JsonProperty("roles") List<Role> roles, @JsonProperty("scope") String scope) {}

    /** {@code POST tenant-management/v1.0.0/roles}. */
    public record AddRoles(
            @JsonProperty("roles") List<Role> roles,
            @JsonProperty("client_level") @JsonAlias("clientLevel") Boolean clientLevel,
            @JsonProperty("client_id") @JsonAlias("clientId") String clientId,
            @JsonProperty("composite") Boolean composite) {}

    /** {@code DELETE tenant-management/v1.0.0/role}: the portal names the role by name in {@code role.id}. */
    public record DeleteRole(
            @JsonProperty("role") Role role,
            @JsonProperty("client_level") @JsonAlias("clientLevel") Boolean clientLevel,
            @JsonProperty("client_id") @JsonAlias("clientId") String clientId) {}
}
