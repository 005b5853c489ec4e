package org.custos.keycloak.model.jpa.entity;

import jakarta.persistence.MappedSuperclass;

/** The columns shared by entity types and permission types: a realm-scoped external id, a name and a description. */
@MappedSuperclass
public abstract class SharingTypeEntity extends NamedRow {}
