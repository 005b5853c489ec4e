package org.custos.keycloak.representation.groups;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The request bodies of group management. {@code clientId} is accepted and ignored: the realm is the tenant. */
public final class GroupRequests {

    private GroupRequests() {}

    public record CreateGroups(
            @JsonProperty("clientId") @JsonAlias("client_id") String clientId,
            @JsonProperty("groups") List<GroupInput> groups) {}

    public record OneGroup(
            @JsonProperty("clientId") @JsonAlias("client_id") String clientId,
            @JsonProperty("group") GroupInput group) {}

    /** Add / remove / change a membership; add takes {@code membership_type}, change takes {@code type}. */
    public record Membership(
            @JsonProperty("group_id") @JsonAlias("groupId") String groupId,
            @JsonProperty("username") String username,
            @JsonProperty("membership_type") @JsonAlias("membershipType") String membershipType,
            @JsonProperty("type") String type) {}

    public record Child(
            @JsonProperty("child_id") @JsonAlias("childId") String childId,
            @JsonProperty("parent_id") @JsonAlias("parentId") String parentId) {}
}
