package org.custos.keycloak.representation.sharing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.custos.keycloak.representation.StatusResponse;

/** The responses of sharing management. As Custos's transcoder printed them, int64 values are JSON strings. */
public final class SharingViews {

    private SharingViews() {}

    /** An entity type or a permission type. */
    public record Type(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt) {}

    public record Types(@JsonProperty("types") List<Type> types) {}

    public record Entity(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("owner_id") String ownerId,
            @JsonProperty("parent_id") String parentId,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("binary_data") String binaryData,
            @JsonProperty("full_text") String fullText,
            @JsonProperty("original_creation_time") String originalCreationTime,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("shared_count") int sharedCount) {}

    public record Entities(@JsonProperty("entity_array") List<Entity> entities) {}

    public record SharedOwners(@JsonProperty("owner_ids") List<String> ownerIds) {}

    /**
     * One principal's one permission on an entity. {@code permission} is the object the Custos portal reads;
     * {@code permissions} (the same one, as a list) is the later protobuf's field. {@code owner_type} is Custos's
     * lowercase {@code user} or {@code group}.
     */
    public record SharingMetadata(
            @JsonProperty("entity") Entity entity,
            @JsonProperty("owner_id") String ownerId,
            @JsonProperty("owner_type") String ownerType,
            @JsonProperty("permission") Type permission,
            @JsonProperty("shared_by") String sharedBy) {

        public SharingMetadata {
            ownerType = ownerType.toLowerCase(java.util.Locale.ROOT);
        }

        @JsonProperty("permissions")
        public List<Type> permissions() {
            return permission == null ? List.of() : List.of(permission);
        }
    }

    public record SharedData(@JsonProperty("shared_data") List<SharingMetadata> sharedData) {}

    public record BatchResults(@JsonProperty("results") List<StatusResponse> results) {}

    /** Reverse lookup: one page, the cursor of the next (absent on the last page) and whether this is the last. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntityPage(
            @JsonProperty("entity_array") List<Entity> entities,
            @JsonProperty("next_cursor") String nextCursor,
            @JsonProperty("complete") boolean complete) {}
}
