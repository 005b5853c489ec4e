package org.custos.keycloak.service.groups;

import java.util.List;
import org.custos.keycloak.service.support.AttributeValues;

/**
 * A group as a request describes it, to create or to update: {@code id} is a chosen id (create) or must match the
 * path (update), {@code owner} a username, {@code parentId} where a single new group goes. A null list means "not
 * given" (on update: unchanged).
 */
public record GroupSpec(
        String id,
        String name,
        String owner,
        String description,
        String parentId,
        List<String> realmRoles,
        List<String> clientRoles,
        List<AttributeValues> attributes,
        List<GroupSpec> subGroups) {}
