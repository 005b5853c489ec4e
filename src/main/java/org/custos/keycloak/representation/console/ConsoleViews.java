package org.custos.keycloak.representation.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.custos.keycloak.representation.agents.AgentViews;

/** What the admin console's membership and agent pages read. */
public final class ConsoleViews {

    private ConsoleViews() {}

    /** One direct member of a group: Keycloak user id, username, Custos membership type. */
    public record Member(
            @JsonProperty("id") String id,
            @JsonProperty("username") String username,
            @JsonProperty("membership_type") String membershipType) {}

    public record Members(@JsonProperty("members") List<Member> members, @JsonProperty("total") long total) {}

    /** The realm's agent settings (lifetime null: the realm's default) and its agents. */
    public record Agents(
            @JsonProperty("enabled") boolean enabled,
            @JsonProperty("token_lifetime") Long tokenLifetime,
            @JsonProperty("agents") List<AgentViews.Agent> agents) {}
}
