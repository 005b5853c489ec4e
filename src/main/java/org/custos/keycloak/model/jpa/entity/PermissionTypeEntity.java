package org.custos.keycloak.model.jpa.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One row of {@code CUSTOS_PERMISSION_TYPE}. {@code OWNER} is built in and never stored. */
@Entity(name = "CustosPermissionType")
@Table(name = "CUSTOS_PERMISSION_TYPE")
public class PermissionTypeEntity extends SharingTypeEntity {}
