package org.custos.keycloak.service.sharing;

/**
 * An entity as a request describes it, to create or to update: {@code owner} a username, {@code binaryData} base64;
 * a null field is "not given" (on update: unchanged).
 */
public record EntitySpec(
        String id,
        String type,
        String owner,
        String parentId,
        String name,
        String description,
        String fullText,
        String binaryData,
        Long originalCreationTime) {}
