package org.custos.keycloak.representation.sharing;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The request bodies of sharing management, in Custos's names (snake_case, with the proto's lowerCamel aliases).
 * {@code client_id} is accepted and ignored: the realm is the tenant.
 */
public final class SharingRequests {

    private SharingRequests() {}

    /** An entity type or a permission type. */
    public record TypeInput(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description) {}

    public record EntityTypeRequest(
            @JsonProperty("client_id") @JsonAlias("clientId") String clientId,
            @JsonProperty("entity_type") @JsonAlias("entityType") TypeInput entityType) {}

    public record PermissionTypeRequest(
            @JsonProperty("client_id") @JsonAlias("clientId") String clientId,
            @JsonProperty("permission_type") @JsonAlias("permissionType") TypeInput permissionType) {}

    /** {@code original_creation_time} is an int64: a number or a string of digits, as the proto transcoder took it. */
    public record EntityInput(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("owner_id") @JsonAlias("ownerId") String ownerId,
            @JsonProperty("parent_id") @JsonAlias("parentId") String parentId,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("full_text") @JsonAlias("fullText") String fullText,
            @JsonProperty("binary_data") @JsonAlias("binaryData") String binaryData,
            @JsonProperty("original_creation_time") @JsonAlias("originalCreationTime") JsonNode originalCreationTime) {}

    public record EntityRequest(
            @JsonProperty("client_id") @JsonAlias("clientId") String clientId,
            @JsonProperty("entity") EntityInput entity) {}

    public record IdRef(@JsonProperty("id") String id) {}

    /** Share or revoke: {@code owner_id} lists usernames (users) or group ids (groups); one string is accepted too. */
    public record ShareRequest(
            @JsonProperty("client_id") @JsonAlias("clientId") String clientId,
            @JsonProperty("entity") IdRef entity,
            @JsonProperty("permission_type") @JsonAlias("permissionType") IdRef permissionType,
            @JsonProperty("owner_id")
                    @JsonAlias("ownerId")
                    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    List<String> ownerIds,
            @JsonProperty("cascade") Boolean cascade,
            @JsonProperty("shared_by") @JsonAlias("sharedBy") String sharedBy) {}

    /** {@code search_field} and {@code condition} are enum names (or their proto numbers). */
    public record SearchCriterion(
            @JsonProperty("search_field") @JsonAlias("searchField") JsonNode searchField,
            @JsonProperty("value") String value,
            @JsonProperty("condition") JsonNode condition) {}

    public record SearchRequest(
            @JsonProperty("client_id") @JsonAlias("clientId") String clientId,
            @JsonProperty("owner_id") @JsonAlias("ownerId") String ownerId,
            @JsonProperty("offset") Integer offset,
            @JsonProperty("limit") Integer limit,
            @JsonProperty("search_criteria") @JsonAlias("searchCriteria") List<SearchCriterion> criteria) {}

    public record CheckItem(
            @JsonProperty("entity") IdRef entity,
            @JsonProperty("permission_type") @JsonAlias("permissionType") IdRef permissionType,
            @JsonProperty("owner_id") @JsonAlias("ownerId") String ownerId) {}

    public record BatchCheck(
            @JsonProperty("client_id") @JsonAlias("clientId") String clientId,
            @JsonProperty("checks") List<CheckItem> checks) {}
}
