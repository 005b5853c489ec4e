package org.custos.keycloak.representation.agents;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.custos.keycloak.representation.users.UserAttribute;

/** Request and response shapes of agent management (Custos snake_case, plus Custos's camelCase {@code isEnabled}). */
public final class AgentViews {

    private AgentViews() {}

    public record TokenConfiguration(
            @JsonProperty("access_token_life_time") @JsonAlias("accessTokenLifeTime") Long accessTokenLifeTime) {}

    public record RoleInput(
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("composite") Boolean composite) {}

    public record Roles(@JsonProperty("roles") List<RoleInput> roles) {}

    public record Register(
            @JsonProperty("id") String id,
            @JsonProperty("realm_roles") @JsonAlias("realmRoles") List<String> realmRoles,
            @JsonProperty("client_roles") @JsonAlias("clientRoles") List<String> clientRoles,
            @JsonProperty("attributes") List<UserAttribute> attributes) {}

    public record Registered(@JsonProperty("id") String id, @JsonProperty("secret") String secret) {
        @Override
        public String toString() {
            return "Registered[id=" + id + "]";
        }
    }

    public record Agent(
            @JsonProperty("id") String id,
            @JsonProperty("realm_roles") List<String> realmRoles,
            @JsonProperty("attributes") List<UserAttribute> attributes,
            @JsonProperty("isEnabled") boolean isEnabled,
            @JsonProperty("creation_time") double creationTime,
            @JsonProperty("last_modified_at") double lastModifiedAt,
            @JsonProperty("client_roles") List<String> clientRoles) {}

    public record Agents(@JsonProperty("agents") List<Agent> agents, @JsonProperty("users") List<Object> users) {}

    public record AgentAttributes(
            @JsonProperty("agents") List<String> agents, @JsonProperty("attributes") List<UserAttribute> attributes) {}

    public record AgentRoles(
            @JsonProperty("agents") List<String> agents,
            @JsonProperty("roles") List<String> roles,
            @JsonProperty("client_level") @JsonAlias("clientLevel") Boolean clientLevel) {}

    public record DeleteAgentRoles(
            @JsonProperty("id") String id,
            @JsonProperty("roles") List<String> roles,
            @JsonProperty("client_roles") @JsonAlias("clientRoles") List<String> clientRoles) {}

    public record ProtocolMapper(
            @JsonProperty("name") String name,
            @JsonProperty("attribute_name") @JsonAlias("attributeName") String attributeName,
            @JsonProperty("claim_name") @JsonAlias("claimName") String claimName,
            @JsonProperty("claim_type") @JsonAlias("claimType") String claimType,
            @JsonProperty("mapper_type") @JsonAlias("mapperType") String mapperType,
            @JsonProperty("add_to_id_token") @JsonAlias("addToIdToken") Boolean addToIdToken,
            @JsonProperty("add_to_access_token") @JsonAlias("addToAccessToken") Boolean addToAccessToken,
            @JsonProperty("add_to_user_info") @JsonAlias("addToUserInfo") Boolean addToUserInfo,
            @JsonProperty("multi_valued") @JsonAlias("multiValued") Boolean multiValued,
            @JsonProperty("aggregate_attribute_values") @JsonAlias("aggregateAttributeValues")
                    Boolean aggregateAttributeValues) {}
}
