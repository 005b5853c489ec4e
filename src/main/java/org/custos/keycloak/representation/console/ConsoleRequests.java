package org.custos.keycloak.representation.console;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Bodies the admin console's Custos pages send. */
public final class ConsoleRequests {

    private ConsoleRequests() {}

    /** Share with, or revoke from, a user (by username) or a group (by id). */
    public record Share(
            @JsonProperty("principal_type") String principalType,
            @JsonProperty("principal") String principal,
            @JsonProperty("permission") String permission,
            @JsonProperty("cascade") Boolean cascade) {}

    /** A member's Custos membership type: OWNER, ADMIN or MEMBER. */
    public record Membership(@JsonProperty("membership_type") String membershipType) {}

    /** An agent switched on or off. */
    public record Enabled(@JsonProperty("enabled") Boolean enabled) {}

    /** The agents' access-token lifetime in seconds. */
    public record Lifetime(@JsonProperty("seconds") Long seconds) {}
}
