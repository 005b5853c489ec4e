-- =====================================================================================================================
-- broken-tenant.sql: tenant 20000 as a long-running legacy Custos leaves it, rules broken the ways Custos let them be:
-- an entity whose parent was deleted (Custos kept the child, SharingImpl.java:478-497), an entity owned by a user the
-- realm no longer has ('zed'), a group created twice (a membership row with
-- no group, UserProfileService.java:428-478), a user in a group twice with two types, a secret without a Vault value.
-- Load after core_services_db.sql. The migration must report every one, and write nothing while a row cannot be carried.
-- =====================================================================================================================
USE core_services_db;
INSERT INTO tenant (id, admin_email, admin_first_name, admin_last_name, admin_username, application_type, created_at,
    domain, name, parent_id, refresh_token_lifetime, requester_email, scope, status) VALUES
    (20000, 'erin@old.example.org', 'Erin', 'Eld', 'erin', 'web', '2022-01-10 09:00:00', 'old.example.org',
     'Old Gateway', 0, 0, 'erin@old.example.org', 'openid', 'ACTIVE');
INSERT INTO permission_type (id, created_at, description, external_id, last_modified_at, name, tenant_id) VALUES
    ('OWNER@20000', '2022-01-10 09:00:05', 'Owner permission type', 'OWNER', '2022-01-10 09:00:05', 'OWNER', '20000'),
    ('READ@20000', '2022-01-10 09:01:00', NULL, 'READ', '2022-01-10 09:01:00', 'Read', '20000');
INSERT INTO entity_type (id, created_at, description, external_id, last_modified_at, name, tenant_id) VALUES
    ('DATASET@20000', '2022-01-10 09:02:00', NULL, 'DATASET', '2022-01-10 09:02:00', 'Dataset', '20000');
INSERT INTO entity (id, created_at, external_id, external_parent_id, last_modified_at, name, owner_id, shared_count,
    tenant_id, entity_type_id) VALUES
    ('old-orphan@20000', '2022-02-01 10:00:00', 'old-orphan', 'old-deleted', '2022-02-01 10:00:00', 'Orphan', 'alice',
     1, '20000', 'DATASET@20000'),
    ('old-zed@20000', '2022-02-01 10:05:00', 'old-zed', NULL, '2022-02-01 10:05:00', 'Left behind', 'zed', 1, '20000',
     'DATASET@20000');
INSERT INTO sharing (id, associating_id, associating_id_type, created_at, last_modified_at, shared_by, sharing_type,
    tenant_id, entity_id, inherited_parent_id, permission_type_id) VALUES
    ('old-orphan@20000_old-orphan@20000_alice_OWNER@20000_20000', 'alice', 'user', '2022-02-01 10:00:00',
     '2022-02-01 10:00:00', 'alice', 'DIRECT_CASCADING', '20000', 'old-orphan@20000', 'old-orphan@20000',
     'OWNER@20000'),
    ('old-zed@20000_old-zed@20000_zed_OWNER@20000_20000', 'zed', 'user', '2022-02-01 10:05:00', '2022-02-01 10:05:00',
     'zed', 'DIRECT_CASCADING', '20000', 'old-zed@20000', 'old-zed@20000', 'OWNER@20000');
INSERT INTO user_profile (id, created_at, email_address, first_name, last_modified_at, last_name, status, tenant_id,
    type, username) VALUES
    ('alice@20000', '2022-01-10 09:00:10', 'alice@old.example.org', 'Alice', '2022-01-10 09:00:10', 'Anders', 'ACTIVE',
     20000, 'END_USER', 'alice'),
    ('bob@20000', '2022-01-10 09:00:20', 'bob@old.example.org', 'Bob', '2022-01-10 09:00:20', 'Berg', 'ACTIVE', 20000,
     'END_USER', 'bob');
INSERT INTO group_entity (id, created_at, description, external_id, last_modified_at, name, parent_id, tenant_id) VALUES
    ('old_team_5b5b5b5b-0000-4000-8000-000000000001@20000', '2022-01-11 09:00:00', NULL,
     'old_team_5b5b5b5b-0000-4000-8000-000000000001', '2022-01-11 09:00:00', 'Old Team', '', 20000);
INSERT INTO user_group_membership (id, created_at, last_modified_date, tenant_id, group_entity_id,
    user_group_membership_type_id, user_profile_id) VALUES
    (101, '2022-01-11 09:00:00', '2022-01-11 09:00:00', 20000, 'old_team_5b5b5b5b-0000-4000-8000-000000000001@20000',
     'MEMBER', 'bob@20000'),
    (102, '2022-01-12 09:00:00', '2022-01-12 09:00:00', 20000, 'old_team_5b5b5b5b-0000-4000-8000-000000000001@20000',
     'ADMIN', 'bob@20000'),
    (103, '2022-01-12 09:00:00', '2022-01-12 09:00:00', 20000, NULL, 'OWNER', 'alice@20000');
INSERT INTO secret (id, created_at, discription, external_id, last_modified_at, owner_id, owner_type, secret_type,
    tenant_id, type) VALUES
    ('0f0f0f0f-1111-4222-8333-444455556666', '2022-03-01 08:00:00', '', '', '2022-03-01 08:00:00', 'alice', 'TENANT',
     'PASSWORD', 20000, 'SERVER_CERTIFICATE');
