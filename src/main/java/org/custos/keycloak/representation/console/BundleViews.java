package org.custos.keycloak.representation.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A realm's Custos data bundle (format {@value #FORMAT}, version {@value #VERSION}): what Keycloak's own realm export
 * leaves out — sharing types, entities with their tree, shares, group membership types, the realm's Custos settings
 * and secrets, sealed (never a value in plain text). Users, groups and clients are named by id and by name: an import
 * matches them by id first, then by username, group path or client id. Documented in docs/operations.md.
 */
public final class BundleViews {

    public static final String FORMAT = "keycloak-custos-bundle";
    public static final int VERSION = 1;

    private BundleViews() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bundle(
            @JsonProperty("format") String format,
            @JsonProperty("version") int version,
            @JsonProperty("realm") Realm realm,
            @JsonProperty("settings") Map<String, String> settings,
            @JsonProperty("entity_types") List<Type> entityTypes,
            @JsonProperty("permission_types") List<Type> permissionTypes,
            @JsonProperty("entities") List<Entity> entities,
            @JsonProperty("shares") List<Share> shares,
            @JsonProperty("memberships") List<Membership> memberships,
            @JsonProperty("secrets") List<Secret> secrets) {}

    /** The realm the bundle was exported from: a sealed secret is bound to its id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Realm(@JsonProperty("id") String id, @JsonProperty("name") String name) {}

    /** A reference to a user, group or client of the realm: its id there, and its username, path or client id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ref(@JsonProperty("id") String id, @JsonProperty("name") String name) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Type(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("created_at") long createdAt,
            @JsonProperty("updated_at") long updatedAt) {}

    /** An entity; {@code parent} is the parent's Custos id. Parents come before their children. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entity(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("owner") Ref owner,
            @JsonProperty("parent") String parent,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("full_text") String fullText,
            @JsonProperty("binary_data") String binaryData,
            @JsonProperty("original_creation_time") long originalCreationTime,
            @JsonProperty("created_at") long createdAt,
            @JsonProperty("updated_at") long updatedAt) {}

    /** A share on an entity (its Custos id) with a user or a group; {@code grantor} made it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Share(
            @JsonProperty("entity") String entity,
            @JsonProperty("permission") String permission,
            @JsonProperty("principal_type") String principalType,
            @JsonProperty("principal") Ref principal,
            @JsonProperty("cascading") boolean cascading,
            @JsonProperty("shared_by") String sharedBy,
            @JsonProperty("grantor") Ref grantor) {}

    /** The Custos type (OWNER, ADMIN, MEMBER, ...) of a Keycloak group membership. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Membership(
            @JsonProperty("group") Ref group, @JsonProperty("user") Ref user, @JsonProperty("type") String type) {}

    /**
     * A secret with its value sealed under the exporting server's key ring, bound to {@code id} and the exporting
     * realm: only a server holding that key opens it, and an import re-seals it for the rows it writes.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Secret(
            @JsonProperty("id") String id,
            @JsonProperty("token") String token,
            @JsonProperty("type") String type,
            @JsonProperty("owner_id") String ownerId,
            @JsonProperty("owner") Ref owner,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("kv_key") String kvKey,
            @JsonProperty("description") String description,
            @JsonProperty("created_at") long createdAt,
            @JsonProperty("writer") Ref writer,
            @JsonProperty("key_id") String keyId,
            @JsonProperty("wrapped_key") String wrappedKey,
            @JsonProperty("ciphertext") String ciphertext) {}

    /**
     * What an import did or would do: per kind, how many rows it adds and how many are already there as they are;
     * the conflicts (present with other values: kept in a merge, a refusal otherwise) and the problems (what cannot
     * be imported at all: nothing is written while there is one).
     */
    public record Report(
            @JsonProperty("mode") String mode,
            @JsonProperty("applied") boolean applied,
            @JsonProperty("added") Map<String, Integer> added,
            @JsonProperty("unchanged") Map<String, Integer> unchanged,
            @JsonProperty("conflicts") List<String> conflicts,
            @JsonProperty("problems") List<String> problems) {}
}
