package org.custos.keycloak.service.sharing;

import java.util.List;

/**
 * A share or revocation: the entity, the permission type, the principals (usernames or group ids), whether the grant
 * cascades to descendants, and who the grant says shared it. Null fields are "not given".
 */
public record ShareSpec(
        String entityId, String permissionTypeId, List<String> principals, Boolean cascade, String sharedBy) {}
