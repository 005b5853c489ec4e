package org.custos.keycloak.model.jpa.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One row of {@code CUSTOS_ENTITY_TYPE}. */
@Entity(name = "CustosEntityType")
@Table(name = "CUSTOS_ENTITY_TYPE")
public class EntityTypeEntity extends SharingTypeEntity {}
