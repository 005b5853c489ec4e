package org.custos.keycloak.service.sharing;

/** An entity type or a permission type, with its creation and last-change times (epoch milliseconds). */
public record TypeInfo(String id, String name, String description, long createdAt, long updatedAt) {}
