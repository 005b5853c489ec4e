-- =====================================================================================================================
-- groups-tenant.sql: tenant 30000, whose groups test what a migration must not do with Keycloak's own groups:
-- 'Mirrored Ops' was mirrored from Keycloak (external id = the Keycloak group's id, GroupManagementService.java:67-77)
-- and bob has since left it in Keycloak; 'Admins' is a group Custos kept itself, named like a Keycloak group of the
-- realm. Neither may put bob into a Keycloak group. carol's membership of the mirrored group still holds in Keycloak.
-- carol shared doc-1 with erin in 2023; the realm's erin registered later: another person, who must get nothing.
-- Load after core_services_db.sql.
-- =====================================================================================================================
USE core_services_db;
INSERT INTO tenant (id, admin_email, admin_first_name, admin_last_name, admin_username, application_type, created_at,
    domain, name, parent_id, refresh_token_lifetime, requester_email, scope, status) VALUES
    (30000, 'carol@ops.example.org', 'Carol', 'Chen', 'carol', 'web', '2023-03-01 09:00:00', 'ops.example.org',
     'Ops Gateway', 0, 0, 'carol@ops.example.org', 'openid', 'ACTIVE');
INSERT INTO user_profile (id, created_at, email_address, first_name, last_modified_at, last_name, status, tenant_id,
    type, username) VALUES
    ('bob@30000', '2023-03-01 09:00:20', 'bob@ops.example.org', 'Bob', '2023-03-01 09:00:20', 'Berg', 'ACTIVE', 30000,
     'END_USER', 'bob'),
    ('carol@30000', '2023-03-01 09:00:30', 'carol@ops.example.org', 'Carol', '2023-03-01 09:00:30', 'Chen', 'ACTIVE',
     30000, 'END_USER', 'carol'),
    ('erin@30000', '2023-03-01 09:00:40', 'erin@ops.example.org', 'Erin', '2023-03-01 09:00:40', 'Eld', 'ACTIVE',
     30000, 'END_USER', 'erin');
INSERT INTO permission_type (id, created_at, description, external_id, last_modified_at, name, tenant_id) VALUES
    ('OWNER@30000', '2023-03-01 09:00:05', 'Owner permission type', 'OWNER', '2023-03-01 09:00:05', 'OWNER', '30000'),
    ('READ@30000', '2023-03-01 09:01:00', 'Read access', 'READ', '2023-03-01 09:01:00', 'Read', '30000');
INSERT INTO entity_type (id, created_at, description, external_id, last_modified_at, name, tenant_id) VALUES
    ('DOC@30000', '2023-03-01 09:02:00', NULL, 'DOC', '2023-03-01 09:02:00', 'Document', '30000');
INSERT INTO entity (id, created_at, external_id, external_parent_id, last_modified_at, name, owner_id, shared_count,
    tenant_id, entity_type_id) VALUES
    ('doc-1@30000', '2023-03-02 10:00:00', 'doc-1', NULL, '2023-03-02 10:00:00', 'Runbook', 'carol', 2, '30000',
     'DOC@30000');
INSERT INTO sharing (id, associating_id, associating_id_type, created_at, last_modified_at, shared_by, sharing_type,
    tenant_id, entity_id, inherited_parent_id, permission_type_id) VALUES
    ('doc-1@30000_doc-1@30000_carol_OWNER@30000_30000', 'carol', 'user', '2023-03-02 10:00:00', '2023-03-02 10:00:00',
     'carol', 'DIRECT_CASCADING', '30000', 'doc-1@30000', 'doc-1@30000', 'OWNER@30000'),
    ('doc-1@30000_doc-1@30000_erin_READ@30000_30000', 'erin', 'user', '2023-03-02 10:05:00', '2023-03-02 10:05:00',
     'carol', 'DIRECT_CASCADING', '30000', 'doc-1@30000', 'doc-1@30000', 'READ@30000'),
    -- the same grant with the name and type in capitals (a hand-edited row; MySQL compares them as equal): one holder
    ('doc-1@30000_doc-1@30000_CAROL_OWNER@30000_30000_again', 'CAROL', 'USER', '2023-03-02 10:00:00', '2023-03-02 10:00:00',
     'carol', 'DIRECT_CASCADING', '30000', 'doc-1@30000', 'doc-1@30000', 'OWNER@30000');
INSERT INTO group_entity (id, created_at, description, external_id, last_modified_at, name, parent_id, tenant_id) VALUES
    ('7c1f0000-0000-4000-8000-00000000abcd@30000', '2023-03-01 10:00:00', NULL, '7c1f0000-0000-4000-8000-00000000abcd',
     '2023-03-01 10:00:00', 'Mirrored Ops', '', 30000),
    ('admins_0d0d0d0d-0000-4000-8000-000000000002@30000', '2023-03-01 10:05:00', NULL,
     'admins_0d0d0d0d-0000-4000-8000-000000000002', '2023-03-01 10:05:00', 'Admins', '', 30000);
INSERT INTO user_group_membership_type (id, created_at, last_modified_date) VALUES
    ('OWNER', '2023-01-01 00:00:00', '2023-01-01 00:00:00'),
    ('ADMIN', '2023-01-01 00:00:00', '2023-01-01 00:00:00'),
    ('MEMBER', '2023-01-01 00:00:00', '2023-01-01 00:00:00')
    ON DUPLICATE KEY UPDATE id = id;
INSERT INTO user_group_membership (id, created_at, last_modified_date, tenant_id, group_entity_id,
    user_group_membership_type_id, user_profile_id) VALUES
    (301, '2023-03-01 10:00:00', '2023-03-01 10:00:00', 30000, '7c1f0000-0000-4000-8000-00000000abcd@30000', 'MEMBER',
     'bob@30000'),
    (302, '2023-03-01 10:01:00', '2023-03-01 10:01:00', 30000, '7c1f0000-0000-4000-8000-00000000abcd@30000', 'ADMIN',
     'carol@30000'),
    (303, '2023-03-01 10:05:00', '2023-03-01 10:05:00', 30000, 'admins_0d0d0d0d-0000-4000-8000-000000000002@30000',
     'OWNER', 'bob@30000');
