package org.custos.keycloak.representation.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The small response wrappers of user management. */
public final class UserResponses {

    private UserResponses() {}

    public record Registered(@JsonProperty("is_registered") boolean isRegistered) {}

    /** A page of users; {@code total_size} counts every match (Custos had no total, see its issue #174). */
    public record Users(@JsonProperty("users") List<CustosUser> users, @JsonProperty("total_size") int totalSize) {}

    public record Profiles(
            @JsonProperty("profiles") List<CustosUserProfile> profiles, @JsonProperty("total_size") int totalSize) {}
}
