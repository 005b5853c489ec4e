package org.custos.keycloak.service.sharing;

/** One question of a batch: does {@code owner} (a username) hold {@code permissionTypeId} on {@code entityId}? */
public record AccessCheck(String entityId, String permissionTypeId, String owner) {}
