package org.custos.keycloak.model.jpa.entity;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** The columns shared by entity types and permission types: a realm-scoped external id, a name and a description. */
@MappedSuperclass
@AttributeOverride(name = "description", column = @Column(name = "DESCRIPTION", length = 1024))
public abstract class SharingTypeEntity extends NamedRow {}
