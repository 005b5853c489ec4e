package org.custos.keycloak.service.sharing;

/**
 * An entity as callers see it: its id, type, owner (a username), parent's id, content fields (never null), times in
 * epoch milliseconds, and how many shares it has.
 */
public record EntityInfo(
        String id,
        String type,
        String owner,
        String parentId,
        String name,
        String description,
        String binaryData,
        String fullText,
        long originalCreationTime,
        long createdAt,
        long updatedAt,
        int sharedCount) {}
