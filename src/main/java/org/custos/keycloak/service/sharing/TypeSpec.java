package org.custos.keycloak.service.sharing;

/** An entity type or a permission type as a request names it; a null name or description is "not given". */
public record TypeSpec(String id, String name, String description) {}
