package org.custos.keycloak.representation.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.representation.sharing.SharingViews;

/** What the admin console's sharing pages show: an entity with every share on it, and who holds what, and why. */
public final class AccessViews {

    private AccessViews() {}

    /**
     * One share that reaches an entity: on the entity itself ({@code inherited_from} null) or cascading from an
     * ancestor. {@code principal} is a username or a group id; {@code principal_name} the group's name.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShareRow(
            @JsonProperty("principal_type") String principalType,
            @JsonProperty("principal") String principal,
            @JsonProperty("principal_name") String principalName,
            @JsonProperty("permission") String permission,
            @JsonProperty("cascade") boolean cascade,
            @JsonProperty("shared_by") String sharedBy,
            @JsonProperty("inherited_from") String inheritedFrom) {}

    /** An entity, its owner, its path from the root, and every share that reaches it (nearest first). */
    public record EntityDetail(
            @JsonProperty("entity") SharingViews.Entity entity,
            @JsonProperty("path") List<String> path,
            @JsonProperty("shares") List<ShareRow> shares) {}

    /** A user holding the permission and the share that gives it ({@code kind} owner / direct / group). */
    public record Holder(
            @JsonProperty("user_id") String userId,
            @JsonProperty("username") String username,
            @JsonProperty("grant") Map<String, Object> grant) {}

    /** One page of holders, ordered by username; {@code next} continues after the last one, null at the end. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HolderPage(
            @JsonProperty("permission") String permission,
            @JsonProperty("holders") List<Holder> holders,
            @JsonProperty("next") String next) {}
}
