package org.custos.keycloak.model.legacy;

import java.util.List;
import java.util.Map;

/**
 * The rows of one tenant of a legacy Custos that a migration holds while it runs ({@link LegacyDatabase#read}): ids
 * are external ids (Custos's {@code @tenant} suffix taken off) where Custos's rows join on them. The sharing rows, the
 * one table that grows with the square of the data, are not here: they are streamed, one holder at a time ({@link
 * LegacySharing}). {@code databases}: where each Custos service's tables were read ({@link LegacyTables#databases}).
 */
public record LegacyTenant(
        String id,
        Map<String, String> databases,
        String clientId,
        List<Profile> profiles,
        List<Type> entityTypes,
        List<Type> permissionTypes,
        List<Entity> entities,
        List<Group> groups,
        List<GroupEdge> groupEdges,
        List<Membership> memberships,
        List<Secret> secrets,
        List<Agent> agents) {

    public record Type(String id, String name, String description, long createdAt, long updatedAt) {}

    /** An entity: ids are the external ids (the {@code @tenant} suffix taken off); {@code type} likewise. */
    public record Entity(
            String id,
            String parent,
            String owner,
            String type,
            String name,
            String description,
            String fullText,
            String binaryData,
            long originalCreationTime,
            long createdAt,
            long updatedAt) {}

    /**
     * A sharing row: entity, inherited parent and permission as external ids; the principal type in lower case, a
     * user's name in lower case (as Keycloak keeps it).
     */
    public record Sharing(
            String entity,
            String inheritedParent,
            String principal,
            String principalType,
            String sharingType,
            String sharedBy,
            String permission) {}

    /** A group: its internal id ({@code external@tenant}), external id, name and the parent's internal id. */
    public record Group(String id, String externalId, String name, String parent, String description) {}

    public record GroupEdge(String parent, String child) {}

    /** A membership: the group's internal id, the user's profile id ({@code username@tenant}), its type. */
    public record Membership(String group, String user, String type) {}

    public record Secret(
            String id, String externalId, String owner, String secretType, String description, long createdAt) {}

    /** An agent: its id ({@code agent@tenant}), agent id, status, attributes, realm roles and agent-client roles. */
    public record Agent(
            String id,
            String agentId,
            String status,
            Map<String, List<String>> attributes,
            List<String> realmRoles,
            List<String> clientRoles) {}

    /** A user's Custos profile: its username, status (ACTIVE, DELETED, ...) and when Custos made it. */
    public record Profile(String username, String status, long createdAt) {}
}
