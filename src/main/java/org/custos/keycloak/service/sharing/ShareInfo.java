package org.custos.keycloak.service.sharing;

/**
 * One principal's one permission on an entity: {@code principal} a username or a group id, {@code principalType}
 * {@code USER} or {@code GROUP}, {@code sharedBy} as the grant recorded it (never null).
 */
public record ShareInfo(
        EntityInfo entity, String principal, String principalType, TypeInfo permission, String sharedBy) {}
