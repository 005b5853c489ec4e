-- =====================================================================================================================
-- core_services_db: the tables a legacy-Custos migration reads, as Hibernate would create them with
-- spring.jpa.hibernate.ddl-auto=update on an EMPTY database.
--
-- Source: apache/airavata-custos @ ecc57c310 (2024-01-16), paths relative to the repository root.
-- Stack:  spring-boot 3.0.1 (pom.xml:459) -> Hibernate ORM 6.1.6.Final (managed version, spring-boot issue #33591 "Upgrade to Hibernate 6.1.6.Final");
--         dialect org.hibernate.dialect.MySQL55Dialect, storage engine innodb
--         (custos-services/custos-core-services-server/src/main/resources/application.properties:28-32, URL :42).
--         One schema for all services: @EntityScan("org.apache.custos")
--         (custos-services/custos-core-services-server/src/main/java/org/apache/custos/core/services/api/CoreServicesServer.java:56).
--
-- How every name/type below was derived (checked against hibernate-orm tag 6.1.6):
--  * names: CamelCaseToUnderscoresNamingStrategy (underscore before an upper-case letter that sits between two
--    lower-case ones, then lower-case); explicit @Table/@Column/@JoinColumn names are kept.
--  * MySQL55Dialect = MySQLDialect(version 5.5) (dialect/MySQL55Dialect.java), no DialectResolutionInfo ctor, so the
--    version stays 5.5: Date+TIMESTAMP -> `datetime` (no fraction; MySQLDialect.java:163-165), String -> varchar(255),
--    Long/long -> bigint, int -> integer.
--  * @Lob String with @Column -> `tinytext`; java.sql.Blob -> `mediumblob`. Reason: length 255 is treated as "unset",
--    the default length of String is 255 and CLOB capacity 255 = tinytext (Dialect.java:3824-3839,
--    MySQLDialect.java:236-301, JavaType.java:103). Known Hibernate 6 behaviour (HHH-17907, spring-data-jpa#3139).
--    A database first created by Hibernate 5 (production branch) has longtext/longblob instead; update never alters.
--  * NOT NULL comes from @Column(nullable=false), from @Id, and from primitive fields WITHOUT @Column
--    (AnnotatedColumn.java:939-943); a primitive WITH a plain @Column stays nullable (AnnotatedColumn.java:790).
--  * Column order: id, then the other basic properties in alphabetical order of the Java field name
--    (PropertyContainer.java:92 TreeMap), then @ManyToOne join columns (added in a second pass). Order is cosmetic.
--  * Ids of @GeneratedValue(AUTO) Long ids: SequenceStyleGenerator, sequence name = <physical table name> + "_SEQ"
--    (SimpleValue.java:478, StandardNamingStrategy.java:94-116), physical-named to lower case; MySQL has no sequences
--    (MySQLDialect.java:702) so each is a one-row table (next_val bigint) initialised by an insert
--    (TableStructure.java:259-271); increment 50 (pooled optimizer).
--  * FK constraint names: "FK" + base-35 MD5 of "table`T`references`R`column`C`" (NamingHelper.java, 6.1.6 and
--    5.4.8 alike) -- computed by tools/fkname.py. No @Column(unique=true) and no @Table(uniqueConstraints) exist on
--    these entities: the only unique constraints are the primary keys.
--  * Hibernate itself emits only `engine=InnoDB`; DEFAULT CHARSET=utf8mb4 is added here as requested.
--
-- Production branch (3047cb70d, spring-boot 2.2.0, Hibernate 5.4, MySQL5InnoDBDialect) differs -- see mapping.md §0:
-- one schema PER SERVICE (core_sharing, core_user_profile, core_tenant, core_agent_profile, core_resource_secret,
-- core_credential_store), sharing/entity/entity_type/permission_type.tenant_id bigint, sharing.id varchar(1000),
-- one `hibernate_sequence` table instead of the *_seq tables, longtext/longblob.
--
-- Omitted on purpose (not needed by a migration): attribute_update_metadata, status_update_metadata,
-- tenant_attribute_update_metadata, tenant_status_update_metadata, event_metadata, log_events, logging_enabled_status,
-- email_*, messaging_metadata, cilogon_institution (+ their *_seq tables).
-- =====================================================================================================================

CREATE DATABASE IF NOT EXISTS core_services_db DEFAULT CHARACTER SET utf8mb4;
USE core_services_db;

-- ------------------------------------------------------------------------------------------------------------ sharing

-- from custos-core/sharing-core-impl/src/main/java/org/apache/custos/sharing/core/persistance/model/EntityType.java:45 (EntityType)
-- id = externalId + "@" + tenantId (mapper/EntityTypeMapper.java:35); tenant_id is a String field here (EntityType.java:63-64)
CREATE TABLE entity_type (
    id               varchar(255) NOT NULL,
    created_at       datetime     NOT NULL,
    description      varchar(255),
    external_id      varchar(255) NOT NULL,
    last_modified_at datetime     NOT NULL,
    name             varchar(255) NOT NULL,
    tenant_id        varchar(255) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-core/sharing-core-impl/src/main/java/org/apache/custos/sharing/core/persistance/model/PermissionType.java:45 (PermissionType)
-- id = externalId + "@" + tenantId (mapper/PermissionTypeMapper.java:35); external_id is nullable (PermissionType.java:54-55)
CREATE TABLE permission_type (
    id               varchar(255) NOT NULL,
    created_at       datetime     NOT NULL,
    description      varchar(255),
    external_id      varchar(255),
    last_modified_at datetime     NOT NULL,
    name             varchar(255) NOT NULL,
    tenant_id        varchar(255) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-core/sharing-core-impl/src/main/java/org/apache/custos/sharing/core/persistance/model/Entity.java:45 (Entity)
-- id = externalId + "@" + tenantId (mapper/EntityMapper.java:44); external_parent_id = the parent's EXTERNAL id, NULL for a
-- root (EntityMapper.java:67-69); binary_data <- Blob binaryData (Entity.java:94-96); full_text <- @Lob String fullText
-- (Entity.java:71-73); entity_type_id <- @ManyToOne entityType (Entity.java:99-101)
CREATE TABLE entity (
    id                    varchar(255) NOT NULL,
    binary_data           mediumblob,
    created_at            datetime     NOT NULL,
    description           varchar(255),
    external_id           varchar(255) NOT NULL,
    external_parent_id    varchar(255),
    full_text             tinytext,
    last_modified_at      datetime     NOT NULL,
    name                  varchar(255) NOT NULL,
    original_created_time datetime,
    owner_id              varchar(255) NOT NULL,
    shared_count          integer,
    tenant_id             varchar(255),
    entity_type_id        varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-core/sharing-core-impl/src/main/java/org/apache/custos/sharing/core/persistance/model/Sharing.java:44 (Sharing)
-- id = entityId_inheritedParentId_associatingId_permissionTypeId_tenantId (mapper/SharingMapper.java:49-50, 69-70);
-- associating_id = username or group external id; associating_id_type = 'user'|'group' (utils/Constants.java:30-31);
-- sharing_type = DIRECT_CASCADING|DIRECT_NON_CASCADING|INDIRECT_CASCADING (utils/Constants.java:26-28);
-- shared_by has no @Column (Sharing.java:62-63) -> nullable; inherited_parent_id <- inheritedParent (Sharing.java:90-92)
CREATE TABLE sharing (
    id                  varchar(255) NOT NULL,
    associating_id      varchar(255) NOT NULL,
    associating_id_type varchar(255) NOT NULL,
    created_at          datetime     NOT NULL,
    last_modified_at    datetime     NOT NULL,
    shared_by           varchar(255),
    sharing_type        varchar(255) NOT NULL,
    tenant_id           varchar(255) NOT NULL,
    entity_id           varchar(255),
    inherited_parent_id varchar(255),
    permission_type_id  varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- -------------------------------------------------------------------------------------------- user profiles and groups

-- from custos-services/custos-core-services/user-profile-core-service/src/main/java/org/apache/custos/user/profile/persistance/model/UserProfile.java:33 (UserProfile)
-- id = username + "@" + tenantId (service/UserProfileService.java:85); email_address <- emailAddress;
-- last_modified_at has no @Column (UserProfile.java:65-67) -> nullable; status = UserStatus name; type = END_USER|COMMUNITY
CREATE TABLE user_profile (
    id               varchar(255) NOT NULL,
    created_at       datetime     NOT NULL,
    email_address    varchar(255),
    first_name       varchar(255),
    last_modified_at datetime,
    last_name        varchar(255),
    status           varchar(255) NOT NULL,
    tenant_id        bigint       NOT NULL,
    type             varchar(255),
    username         varchar(255) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/user-profile-core-service/src/main/java/org/apache/custos/user/profile/persistance/model/UserAttribute.java:24 (UserAttribute)
-- key_value <- field keyValue (accessors getKey/setKey, UserAttribute.java:33, 51-57); one row per value
CREATE TABLE user_attribute (
    id              bigint       NOT NULL,
    key_value       varchar(255) NOT NULL,
    value           varchar(255) NOT NULL,
    user_profile_id varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/user-profile-core-service/src/main/java/org/apache/custos/user/profile/persistance/model/UserRole.java:24 (UserRole)
-- type = 'realm'|'client' (user/profile/utils/Constants.java:23-24)
CREATE TABLE user_role (
    id              bigint       NOT NULL,
    type            varchar(255) NOT NULL,
    value           varchar(255) NOT NULL,
    user_profile_id varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/user-profile-core-service/src/main/java/org/apache/custos/user/profile/persistance/model/Group.java:33 (Group)
-- id = externalId + "@" + tenantId; parent_id = parentExternalId + "@" + tenantId, or '' for a root
-- (mapper/GroupMapper.java:43-55)
CREATE TABLE group_entity (
    id               varchar(255) NOT NULL,
    created_at       datetime     NOT NULL,
    description      varchar(255),
    external_id      varchar(255),
    last_modified_at datetime     NOT NULL,
    name             varchar(255) NOT NULL,
    parent_id        varchar(255),
    tenant_id        bigint       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/user-profile-core-service/src/main/java/org/apache/custos/user/profile/persistance/model/GroupAttribute.java:28 (GroupAttribute)
CREATE TABLE group_attribute (
    id              bigint       NOT NULL,
    key_value       varchar(255) NOT NULL,
    value           varchar(255) NOT NULL,
    group_entity_id varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/user-profile-core-service/src/main/java/org/apache/custos/user/profile/persistance/model/GroupRole.java:27 (GroupRole)
CREATE TABLE group_role (
    id              bigint       NOT NULL,
    type            varchar(255) NOT NULL,
    value           varchar(255) NOT NULL,
    group_entity_id varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/user-profile-core-service/src/main/java/org/apache/custos/user/profile/persistance/model/UserGroupMembershipType.java:34 (UserGroupMembershipType)
-- GLOBAL rows (no tenant column): id = 'OWNER' | 'ADMIN' | 'MEMBER' | any upper-cased string (UserProfileService.java:753-767)
CREATE TABLE user_group_membership_type (
    id                 varchar(255) NOT NULL,
    created_at         datetime     NOT NULL,
    last_modified_date datetime     NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/user-profile-core-service/src/main/java/org/apache/custos/user/profile/persistance/model/UserGroupMembership.java:29 (UserGroupMembership)
-- group_entity_id <- group, user_profile_id <- userProfile, user_group_membership_type_id <- userGroupMembershipType
-- (UserGroupMembership.java:39-45, 61-63); last_modified_date <- lastModifiedDate
CREATE TABLE user_group_membership (
    id                            bigint       NOT NULL,
    created_at                    datetime     NOT NULL,
    last_modified_date            datetime     NOT NULL,
    tenant_id                     bigint       NOT NULL,
    group_entity_id               varchar(255),
    user_group_membership_type_id varchar(255),
    user_profile_id               varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/user-profile-core-service/src/main/java/org/apache/custos/user/profile/persistance/model/GroupToGroupMembership.java:30 (GroupToGroupMembership)
-- parent_id <- parent, child_id <- child (GroupToGroupMembership.java:39-45): internal group ids (externalId@tenantId)
CREATE TABLE group_to_group_membership (
    id                 bigint   NOT NULL,
    created_at         datetime NOT NULL,
    last_modified_date datetime NOT NULL,
    tenant_id          bigint   NOT NULL,
    child_id           varchar(255),
    parent_id          varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ------------------------------------------------------------------------------------------------------------- agents

-- from custos-services/custos-core-services/agent-profile-core-service/src/main/java/org/apache/custos/agent/profile/persistance/model/Agent.java:33 (Agent)
-- id = lower(agentId) + "@" + tenantId (agent/profile/service/AgentProfileService.java:56 with
-- agent/management/service/AgentManagementService.java:240); agent_id <- agentId, no @Column (Agent.java:59) -> nullable;
-- last_modified_at <- field last_modified_at (Agent.java:56); status = ENABLED|DISABLED
CREATE TABLE agent_entity (
    id               varchar(255) NOT NULL,
    agent_id         varchar(255),
    created_at       datetime     NOT NULL,
    last_modified_at datetime     NOT NULL,
    status           varchar(255) NOT NULL,
    tenant_id        bigint       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/agent-profile-core-service/src/main/java/org/apache/custos/agent/profile/persistance/model/AgentAttribute.java:24 (AgentAttribute)
-- id from explicit sequence agent_attr_id_generator_sequence, initial 1500, increment 100 (AgentAttribute.java:29-30)
CREATE TABLE agent_attribute (
    id              bigint       NOT NULL,
    key_value       varchar(255) NOT NULL,
    value           varchar(255) NOT NULL,
    agent_entity_id varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/agent-profile-core-service/src/main/java/org/apache/custos/agent/profile/persistance/model/AgentRole.java:24 (AgentRole)
-- id from agent_role_id_generator_sequence, initial 1500, increment 100 (AgentRole.java:29-30); type 'realm'|'client'
CREATE TABLE agent_role (
    id              bigint       NOT NULL,
    type            varchar(255) NOT NULL,
    value           varchar(255) NOT NULL,
    agent_entity_id varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ------------------------------------------------------------------------------------- client/agent credential index

-- from custos-services/custos-core-services/credential-store-core-service/src/main/java/org/apache/custos/credential/store/persistance/model/CredentialEntity.java:29 (CredentialEntity)
-- PK owner_id = tenant id (CredentialEntity.java:46-48); client_id = 'custos-' + 20 lower-case alnum + '-' + tenantId
-- (credential/CredentialManager.java:71); the secret itself is in Vault secret/<tenantId>/CUSTOS
CREATE TABLE custos_credentials (
    owner_id                 bigint       NOT NULL,
    client_id                varchar(255) NOT NULL,
    client_secret_expired_at bigint       NOT NULL,
    issued_at                datetime     NOT NULL,
    type                     varchar(255) NOT NULL,
    PRIMARY KEY (owner_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/credential-store-core-service/src/main/java/org/apache/custos/credential/store/persistance/model/AgentCredentialEntity.java:28 (AgentCredentialEntity)
-- client_id = agent id, owner_id = tenant id, type 'AGENT'; custos_credentials_id is never set (CredentialManager.java:108-119)
CREATE TABLE agent_credentials (
    id                       bigint       NOT NULL,
    client_id                varchar(255) NOT NULL,
    client_secret_expired_at bigint       NOT NULL,
    issued_at                datetime     NOT NULL,
    owner_id                 bigint       NOT NULL,
    type                     varchar(255) NOT NULL,
    custos_credentials_id    bigint,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ------------------------------------------------------------------------------------------- resource secret metadata

-- from custos-services/custos-core-services/resource-secret-core-service/src/main/java/org/apache/custos/resource/secret/persistance/local/model/Secret.java:29 (Secret)
-- id = random UUID token (manager/adaptor/outbound/ResourceCredential.java:50, 124-127); discription <- field
-- `discription` (sic, Secret.java:53); secret_type = SSH|PASSWORD|X509_CERTIFICATE|KV|CREDENTIAL_MAP; owner_type =
-- TENANT|TENANT_USER; type = ResourceType name (ResourceCredential.java:150); external_id = client token or KV key.
-- No foreign keys: nothing references or is referenced by this table.
CREATE TABLE secret (
    id               varchar(255) NOT NULL,
    created_at       datetime     NOT NULL,
    discription      varchar(255),
    external_id      varchar(255),
    last_modified_at datetime     NOT NULL,
    owner_id         varchar(255) NOT NULL,
    owner_type       varchar(255) NOT NULL,
    secret_type      varchar(255) NOT NULL,
    tenant_id        bigint       NOT NULL,
    type             varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ------------------------------------------------------------------------------------------------------------ tenants

-- from custos-services/custos-core-services/tenant-profile-core-service/src/main/java/org/apache/custos/tenant/profile/persistance/model/Tenant.java:33 (Tenant)
-- id from sequence tenant_sequence, initial 10000000, increment 100 (Tenant.java:38-41); Keycloak realm name = id;
-- name <- client name (mapper/TenantMapper.java:50); tenant_uri <- logoURI (Tenant.java:68-69); uri <- client URI;
-- parent_id / refresh_token_lifetime: primitive long without @Column -> NOT NULL; parent_id 0 = no parent
CREATE TABLE tenant (
    id                          bigint       NOT NULL,
    admin_email                 varchar(255) NOT NULL,
    admin_first_name            varchar(255) NOT NULL,
    admin_last_name             varchar(255) NOT NULL,
    admin_username              varchar(255) NOT NULL,
    application_type            varchar(255) NOT NULL,
    comment                     varchar(255),
    created_at                  datetime     NOT NULL,
    domain                      varchar(255) NOT NULL,
    example_extension_parameter varchar(255),
    jwks                        varchar(255),
    jwks_uri                    varchar(255),
    tenant_uri                  varchar(255),
    name                        varchar(255) NOT NULL,
    parent_id                   bigint       NOT NULL,
    policy_uri                  varchar(255),
    refresh_token_lifetime      bigint       NOT NULL,
    requester_email             varchar(255) NOT NULL,
    scope                       varchar(255) NOT NULL,
    software_id                 varchar(255),
    software_version            varchar(255),
    status                      varchar(255) NOT NULL,
    tos_uri                     varchar(255),
    uri                         varchar(255),
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/tenant-profile-core-service/src/main/java/org/apache/custos/tenant/profile/persistance/model/Contact.java:27 (Contact)
CREATE TABLE contact (
    id           bigint NOT NULL,
    contact_info varchar(255),
    tenant_id    bigint,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- from custos-services/custos-core-services/tenant-profile-core-service/src/main/java/org/apache/custos/tenant/profile/persistance/model/RedirectURI.java:27 (RedirectURI)
-- redirect_uri <- redirectURI, explicit @Column(name = "redirect_uri") (RedirectURI.java:34-35)
CREATE TABLE redirect_uri (
    id           bigint NOT NULL,
    redirect_uri varchar(255),
    tenant_id    bigint,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- -------------------------------------------------------------------------------------------- id generator tables
-- Implicit (GenerationType.AUTO on a Long id): <table>_seq, initial 1, increment 50.
CREATE TABLE user_attribute_seq            (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO user_attribute_seq VALUES ( 1 );
CREATE TABLE user_role_seq                 (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO user_role_seq VALUES ( 1 );
CREATE TABLE group_attribute_seq           (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO group_attribute_seq VALUES ( 1 );
CREATE TABLE group_role_seq                (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO group_role_seq VALUES ( 1 );
CREATE TABLE user_group_membership_seq     (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO user_group_membership_seq VALUES ( 1 );
CREATE TABLE group_to_group_membership_seq (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO group_to_group_membership_seq VALUES ( 1 );
CREATE TABLE agent_credentials_seq         (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO agent_credentials_seq VALUES ( 1 );
CREATE TABLE contact_seq                   (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO contact_seq VALUES ( 1 );
CREATE TABLE redirect_uri_seq              (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO redirect_uri_seq VALUES ( 1 );
-- Explicit @SequenceGenerator tables (initialValue as declared, increment 100):
CREATE TABLE agent_attr_id_generator_sequence (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO agent_attr_id_generator_sequence VALUES ( 1500 );
CREATE TABLE agent_role_id_generator_sequence (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO agent_role_id_generator_sequence VALUES ( 1500 );
-- tenant_sequence is shared with EmailTemplate (custos-messaging-core-service/.../model/EmailTemplate.java:39-40,
-- initialValue 1000000000): whichever generator Hibernate registers first creates the table and its first row.
CREATE TABLE tenant_sequence (next_val bigint) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO tenant_sequence VALUES ( 10000000 );

-- ------------------------------------------------------------------------------------------------------- foreign keys
-- Declared by the @ManyToOne/@JoinColumn annotations; names as Hibernate 6.1.6 computes them (tools/fkname.py).
ALTER TABLE entity                    ADD CONSTRAINT FK21ec1ub943occfcpm2jaovtsa FOREIGN KEY (entity_type_id)                REFERENCES entity_type (id);
ALTER TABLE sharing                   ADD CONSTRAINT FKbooud9aivdpru1fxvvnx8e3j1 FOREIGN KEY (entity_id)                     REFERENCES entity (id);
ALTER TABLE sharing                   ADD CONSTRAINT FKrr5fxkln6kyf4239te69oh140 FOREIGN KEY (inherited_parent_id)           REFERENCES entity (id);
ALTER TABLE sharing                   ADD CONSTRAINT FK1g0diy6t6b7wy3kw11n9bviwk FOREIGN KEY (permission_type_id)            REFERENCES permission_type (id);
ALTER TABLE user_attribute            ADD CONSTRAINT FKbdtkapq1grosnx07hvvda1meo FOREIGN KEY (user_profile_id)               REFERENCES user_profile (id);
ALTER TABLE user_role                 ADD CONSTRAINT FKregvign0t7xonwf5juf6sfslg FOREIGN KEY (user_profile_id)               REFERENCES user_profile (id);
ALTER TABLE group_attribute           ADD CONSTRAINT FKs7r93ydxrbb3wwi2cxayatrsg FOREIGN KEY (group_entity_id)               REFERENCES group_entity (id);
ALTER TABLE group_role                ADD CONSTRAINT FKtb4s0fk8ab63waf5r3rgfavje FOREIGN KEY (group_entity_id)               REFERENCES group_entity (id);
ALTER TABLE user_group_membership     ADD CONSTRAINT FKic01euyvjt0hv24hspxqo4wy6 FOREIGN KEY (group_entity_id)               REFERENCES group_entity (id);
ALTER TABLE user_group_membership     ADD CONSTRAINT FKs563431nejy1bcawwk8r91gvu FOREIGN KEY (user_profile_id)               REFERENCES user_profile (id);
ALTER TABLE user_group_membership     ADD CONSTRAINT FK3ntoxavu7sjgabntn0uxp65ue FOREIGN KEY (user_group_membership_type_id) REFERENCES user_group_membership_type (id);
ALTER TABLE group_to_group_membership ADD CONSTRAINT FKf62ytp5vkad3b2h6pyi89o0fq FOREIGN KEY (child_id)                      REFERENCES group_entity (id);
ALTER TABLE group_to_group_membership ADD CONSTRAINT FK63dkh3ng1bhduu6v4e4xgkn2d FOREIGN KEY (parent_id)                     REFERENCES group_entity (id);
ALTER TABLE agent_attribute           ADD CONSTRAINT FKsa98qyrot5q3mfavnk085d3on FOREIGN KEY (agent_entity_id)               REFERENCES agent_entity (id);
ALTER TABLE agent_role                ADD CONSTRAINT FKi2k98vbyqwug5oe8to5wwxypj FOREIGN KEY (agent_entity_id)               REFERENCES agent_entity (id);
ALTER TABLE agent_credentials         ADD CONSTRAINT FK8lw72mt51dgvalnfbu7fv3xii FOREIGN KEY (custos_credentials_id)         REFERENCES custos_credentials (owner_id);
ALTER TABLE contact                   ADD CONSTRAINT FKpawoctx8vls69rtb5al9kfuri FOREIGN KEY (tenant_id)                     REFERENCES tenant (id);
ALTER TABLE redirect_uri              ADD CONSTRAINT FKmaceuyo6ddw7pjkrl0uaqrlyc FOREIGN KEY (tenant_id)                     REFERENCES tenant (id);
