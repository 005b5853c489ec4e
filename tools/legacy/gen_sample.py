#!/usr/bin/env python3
"""Generates src/test/resources/legacy/sample-tenant.sql: one small tenant (10000) exactly as legacy Custos (ecc57c310)
would have stored it, and vault-export.json: its secrets' values as an operator exports them from Vault.
Run from the repository root: python3 tools/legacy/gen_sample.py

The sharing rows are produced by replaying SharingImpl's algorithm (custos-core/sharing-core-impl/.../SharingImpl.java)
on the operation log below, so ids, kinds, inherited parents, shared_by and shared_count are what Custos writes.
"""
import json
import os

T = "10000"                       # tenant id as the sharing tables store it (String at ecc57c310)
RES = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "legacy")
OUT = os.path.join(RES, "sample-tenant.sql")

OWNER, READ, WRITE = "OWNER", "READ", "WRITE"
DC, DNC, IC = "DIRECT_CASCADING", "DIRECT_NON_CASCADING", "INDIRECT_CASCADING"
G1_EXT = "research_lab_2f0b6a4e-5c1d-4e0a-9a63-0c5d2b7f1e11"   # GroupManagementService.java:371-372 shape
G2_EXT = "data_team_8d3e1f20-7b4c-4a5e-b1f2-3c4d5e6f7a80"


def iid(ext):  # internal id, EntityMapper.java:44 / PermissionTypeMapper.java:35
    return f"{ext}@{T}"


entities = {}   # internal id -> dict
sharing = {}    # id -> row (dict), insertion ordered


def sid(entity, inherited, principal, perm):  # SharingMapper.java:49-50 / 69-70
    return f"{entity}_{inherited}_{principal}_{iid(perm)}_{T}"


def rows_on(e):
    return [r for r in sharing.values() if r["entity_id"] == e]


def create_entity(ext, etype, name, owner, parent_ext, ts, description=None):
    e = iid(ext)
    entities[e] = dict(id=e, external_id=ext, entity_type_id=iid(etype), name=name, owner_id=owner,
                       external_parent_id=parent_ext, created_at=ts, last_modified_at=ts, description=description,
                       shared_count=0)
    # SharingImpl.java:370-378 : the owner's OWNER row, DIRECT_CASCADING, shared_by = owner
    sharing[sid(e, e, owner, OWNER)] = dict(id=sid(e, e, owner, OWNER), associating_id=owner,
                                            associating_id_type="user", sharing_type=DC, shared_by=owner,
                                            entity_id=e, inherited_parent_id=e, permission_type_id=iid(OWNER),
                                            created_at=ts)
    # SharingImpl.java:380-382, 1120-1139 : copy every DC/IC row of the parent as IC, keeping inherited parent
    if parent_ext:
        p = iid(parent_ext)
        for r in [r for r in rows_on(p) if r["sharing_type"] in (DC, IC)]:
            i = sid(e, r["inherited_parent_id"], r["associating_id"], r["permission_type_id"][:-len("@" + T)])
            sharing[i] = dict(r, id=i, entity_id=e, sharing_type=IC, created_at=ts)
    # SharingImpl.java:384-395 : shared_count = all rows on the entity
    entities[e]["shared_count"] = len(rows_on(e))


def children(ext):  # EntityRepository.findAllByExternalParentIdAndTenantId
    return [e for e in entities.values() if e["external_parent_id"] == ext]


def share(ext, perm, principals, cascade, ptype, shared_by, ts):
    e = iid(ext)
    new = []
    for p in principals:  # SharingImpl.java:941-947
        new.append(dict(id=sid(e, e, p, perm), associating_id=p, associating_id_type=ptype,
                        sharing_type=DC if cascade else DNC, shared_by=shared_by, entity_id=e,
                        inherited_parent_id=e, permission_type_id=iid(perm), created_at=ts))
    if cascade:  # SharingImpl.java:949-957, 1141-1167 : every EXISTING descendant, inherited parent = e
        def walk(x):
            for c in children(x):
                for p in principals:
                    new.append(dict(id=sid(c["id"], e, p, perm), associating_id=p, associating_id_type=ptype,
                                    sharing_type=IC, shared_by=shared_by, entity_id=c["id"],
                                    inherited_parent_id=e, permission_type_id=iid(perm), created_at=ts))
                walk(c["external_id"])
        walk(ext)
    eff = [r for r in new if r["id"] not in sharing]          # SharingImpl.java:960-970
    if not eff:
        return
    for r in eff:
        sharing[r["id"]] = r
    for p in principals:                                        # SharingImpl.java:975-997
        for other in (READ, WRITE):
            if other == perm:
                continue
            for k in [k for k, r in sharing.items() if r["associating_id"] == p and
                      r["permission_type_id"] == iid(other) and
                      ((r["entity_id"] == e and r["inherited_parent_id"] == e) or
                       (r["inherited_parent_id"] == e and r["sharing_type"] == IC))]:
                del sharing[k]
    entities[e]["shared_count"] = len(rows_on(e))              # SharingImpl.java:1000-1011 (this entity only)
    entities[e]["last_modified_at"] = ts


def move(ext, new_parent_ext, ts):
    """SharingImpl.java:405-476 (update with a new parent): every INDIRECT row of this entity only is deleted and the
    new parent's DIRECT_CASCADING/INDIRECT_CASCADING rows are copied to it; its descendants keep their old rows."""
    e = iid(ext)
    for k in [k for k, r in sharing.items() if r["entity_id"] == e and r["sharing_type"] == IC]:
        del sharing[k]
    entities[e]["external_parent_id"] = new_parent_ext
    p = iid(new_parent_ext)
    for r in [r for r in rows_on(p) if r["sharing_type"] in (DC, IC)]:
        i = sid(e, r["inherited_parent_id"], r["associating_id"], r["permission_type_id"][:-len("@" + T)])
        sharing[i] = dict(r, id=i, entity_id=e, sharing_type=IC, created_at=ts)
    entities[e]["last_modified_at"] = ts


# ---------------------------------------------------------------- operation log (chronological)
create_entity("proj-root", "PROJECT", "Climate Study", "alice", None, "2023-03-01 09:00:00",
              "Top-level project of the climate group")
create_entity("proj-a", "PROJECT", "Ocean Models", "alice", "proj-root", "2023-03-01 09:05:00")
create_entity("proj-b", "PROJECT", "Atmosphere Models", "alice", "proj-root", "2023-03-01 09:10:00")
create_entity("exp-a1", "EXPERIMENT", "Ocean run A1", "alice", "proj-a", "2023-03-01 09:20:00")
create_entity("exp-a2", "EXPERIMENT", "Ocean run A2", "bob", "proj-a", "2023-03-01 09:30:00")
create_entity("exp-b1", "EXPERIMENT", "Atmosphere run B1", "alice", "proj-b", "2023-03-01 09:40:00")
share("proj-root", READ, ["carol"], True, "user", "alice", "2023-03-01 10:00:00")
share("proj-a", WRITE, [G1_EXT], False, "group", "alice", "2023-03-01 10:30:00")
share("proj-b", READ, ["bob"], True, "user", "alice", "2023-03-01 11:00:00")
create_entity("ds-x", "PROJECT", "Shared dataset", "carol", "proj-b", "2023-03-01 11:10:00")
create_entity("ds-y", "EXPERIMENT", "Dataset slice", "carol", "ds-x", "2023-03-01 11:15:00")
share("proj-a", READ, ["dave"], True, "user", "alice", "2023-03-01 11:30:00")
move("ds-x", "proj-a", "2023-03-01 12:00:00")
share("proj-root", WRITE, [G2_EXT], True, "group", "alice", "2023-03-01 12:30:00")


def q(v):
    if v is None:
        return "NULL"
    if isinstance(v, int):
        return str(v)
    return "'" + str(v).replace("\\", "\\\\").replace("'", "''") + "'"


def ins(table, cols, rows, verb="INSERT INTO"):
    out = [f"{verb} {table} ({', '.join(cols)}) VALUES"]
    out.append(",\n".join("    (" + ", ".join(q(v) for v in r) + ")" for r in rows) + ";")
    return "\n".join(out)


S = []
S.append("""-- =====================================================================================================================
-- sample-tenant.sql: one small tenant (id 10000) as legacy Custos (apache/airavata-custos @ ecc57c310) stores it.
-- Load after core_services_db.sql:   mysql < core_services_db.sql && mysql < sample-tenant.sql
-- Generated by tools/gen_sample.py, which replays SharingImpl's algorithm on this operation log:
--   09:00 alice creates proj-root (PROJECT)            09:05 alice creates proj-a under proj-root
--   09:10 alice creates proj-b under proj-root          09:20 alice creates exp-a1 (EXPERIMENT) under proj-a
--   09:30 bob   creates exp-a2 under proj-a             09:40 alice creates exp-b1 under proj-b
--   10:00 alice shares proj-root READ with user carol, cascade=true   (DIRECT_CASCADING + INDIRECT_CASCADING copies)
--   10:30 alice shares proj-a WRITE with group Research Lab, cascade=false (DIRECT_NON_CASCADING)
--   11:00 alice shares proj-b READ with user bob, cascade=true
--   11:10 carol creates ds-x under proj-b               11:15 carol creates ds-y under ds-x
--   11:30 alice shares proj-a READ with user dave, cascade=true
--   12:00 carol moves ds-x under proj-a (Custos re-copies ds-x's inherited rows only: ds-y keeps bob's READ
--         from proj-b and gets no copy of dave's READ from proj-a)
--   12:30 alice shares proj-root WRITE with group Data Team (a sub-group of Research Lab), cascade=true
-- Realistic details reproduced on purpose: tenant ids in the sharing tables are strings; entity.owner_id and
-- sharing.associating_id are bare usernames / group EXTERNAL ids; root groups have parent_id = ''; shared_count is
-- only recomputed on the entity that was shared (descendants keep their creation-time count); proto string
-- defaults are stored as '' (not NULL) where the mapper copies them unconditionally.
-- NB: a tenant created by ecc57c310 would get an id >= 10000000 from tenant_sequence; 10000 is the brief's choice.
-- =====================================================================================================================
USE core_services_db;
""")

S.append("-- ---------------------------------------------------------------------------------------------- tenant")
S.append("-- TenantMapper.java:49-71; status ACTIVE set by TenantActivationTask.java:288-294; realm '10000' in Keycloak")
S.append(ins("tenant", ["id", "admin_email", "admin_first_name", "admin_last_name", "admin_username",
                        "application_type", "comment", "created_at", "domain", "example_extension_parameter", "jwks",
                        "jwks_uri", "tenant_uri", "name", "parent_id", "policy_uri", "refresh_token_lifetime",
                        "requester_email", "scope", "software_id", "software_version", "status", "tos_uri", "uri"],
             [[10000, "alice@climate.example.org", "Alice", "Anders", "alice", "web", "", "2023-02-27 14:00:00",
               "climate.example.org", "", None, "", "https://climate.example.org/logo.png",
               "Climate Science Gateway", 0, "", 0, "alice@climate.example.org",
               "openid profile email org.cilogon.userinfo", "", "", "ACTIVE", "",
               "https://climate.example.org"]]))
S.append(ins("contact", ["id", "contact_info", "tenant_id"], [[1, "alice@climate.example.org", 10000]]))
S.append(ins("redirect_uri", ["id", "redirect_uri", "tenant_id"],
             [[1, "https://climate.example.org/callback", 10000]]))
S.append("-- Custos API client of the tenant = its Keycloak clientId (TenantActivationTask.java:173); secret in Vault "
         "secret/10000/CUSTOS")
S.append(ins("custos_credentials", ["owner_id", "client_id", "client_secret_expired_at", "issued_at", "type"],
             [[10000, "custos-6vq2jz0xk8c1m3n5p7r9-10000", 0, "2023-02-27 14:00:00", "CUSTOS"]]))

S.append("\n-- ---------------------------------------------------------------------------- sharing: types")
S.append("-- OWNER is created by tenant activation (TenantActivationTask.java:259-270); so is entity type SECRET@10000")
S.append("-- (:272-283), left out here to keep the brief's two entity types.")
S.append(ins("permission_type", ["id", "created_at", "description", "external_id", "last_modified_at", "name",
                                 "tenant_id"],
             [[iid(OWNER), "2023-02-27 14:00:05", "Owner permission type", OWNER, "2023-02-27 14:00:05", OWNER, T],
              [iid(READ), "2023-02-28 08:00:00", "Read access", READ, "2023-02-28 08:00:00", "Read", T],
              [iid(WRITE), "2023-02-28 08:00:01", None, WRITE, "2023-02-28 08:00:01", "Write", T]]))
S.append(ins("entity_type", ["id", "created_at", "description", "external_id", "last_modified_at", "name",
                             "tenant_id"],
             [[iid("PROJECT"), "2023-02-28 08:01:00", "A project", "PROJECT", "2023-02-28 08:01:00", "Project", T],
              [iid("EXPERIMENT"), "2023-02-28 08:01:01", None, "EXPERIMENT", "2023-02-28 08:01:01",
               "Experiment", T]]))

S.append("\n-- ---------------------------------------------------------------------------- sharing: entities")
S.append("-- 3-level tree: proj-root > {proj-a > {exp-a1, exp-a2}, proj-b > {exp-b1}}; external_parent_id = parent's "
         "EXTERNAL id")
S.append(ins("entity", ["id", "binary_data", "created_at", "description", "external_id", "external_parent_id",
                        "full_text", "last_modified_at", "name", "original_created_time", "owner_id", "shared_count",
                        "tenant_id", "entity_type_id"],
             [[e["id"], None, e["created_at"], e["description"], e["external_id"], e["external_parent_id"], None,
               e["last_modified_at"], e["name"], None, e["owner_id"], e["shared_count"], T, e["entity_type_id"]]
              for e in entities.values()]))

S.append("\n-- ---------------------------------------------------------------------------- sharing: rows")
S.append("-- id = entity_inheritedParent_principal_permission_tenant (SharingMapper.java:49-50)")
cols = ["id", "associating_id", "associating_id_type", "created_at", "last_modified_at", "shared_by", "sharing_type",
        "tenant_id", "entity_id", "inherited_parent_id", "permission_type_id"]
S.append(ins("sharing", cols,
             [[r["id"], r["associating_id"], r["associating_id_type"], r["created_at"], r["created_at"],
               r["shared_by"], r["sharing_type"], T, r["entity_id"], r["inherited_parent_id"],
               r["permission_type_id"]] for r in sharing.values()]))

S.append("\n-- ---------------------------------------------------------------------------- users and groups")
S.append(ins("user_profile", ["id", "created_at", "email_address", "first_name", "last_modified_at", "last_name",
                              "status", "tenant_id", "type", "username"],
             [["alice@10000", "2023-02-27 14:00:10", "alice@climate.example.org", "Alice", "2023-02-27 14:00:10",
               "Anders", "ACTIVE", 10000, "END_USER", "alice"],
              ["bob@10000", "2023-02-28 09:00:00", "bob@climate.example.org", "Bob", "2023-02-28 09:00:00",
               "Berg", "ACTIVE", 10000, "END_USER", "bob"],
              ["carol@10000", "2023-02-28 09:10:00", "carol@uni.example.edu", "Carol", "2023-02-28 09:10:00",
               "Chen", "ACTIVE", 10000, "END_USER", "carol"],
              ["dave@10000", "2023-02-28 09:20:00", "dave@uni.example.edu", "Dave", "2023-02-28 09:20:00",
               "Diaz", "ACTIVE", 10000, "END_USER", "dave"]]))
S.append(ins("user_role", ["id", "type", "value", "user_profile_id"],
             [[1, "realm", "admin", "alice@10000"], [2, "realm", "offline_access", "alice@10000"],
              [3, "realm", "offline_access", "bob@10000"]]))
S.append(ins("user_attribute", ["id", "key_value", "value", "user_profile_id"],
             [[1, "institution", "Example University", "carol@10000"],
              [2, "orcid", "0000-0002-1825-0097", "carol@10000"]]))
S.append("-- DB-only groups (GroupManagementService.java:371-372 ids); root parent_id = '' (GroupMapper.java:45-55)")
S.append(ins("group_entity", ["id", "created_at", "description", "external_id", "last_modified_at", "name",
                              "parent_id", "tenant_id"],
             [[iid(G1_EXT), "2023-02-28 10:00:00", "Everyone in the lab", G1_EXT, "2023-02-28 10:00:00",
               "Research Lab", "", 10000],
              [iid(G2_EXT), "2023-02-28 10:05:00", None, G2_EXT, "2023-02-28 10:05:00", "Data Team",
               iid(G1_EXT), 10000]]))
S.append(ins("group_attribute", ["id", "key_value", "value", "group_entity_id"],
             [[1, "department", "earth-sciences", iid(G1_EXT)]]))
S.append("-- created together with Data Team (parent given): GroupMapper.setParentGroupMembership, GroupMapper.java:186-198")
S.append(ins("group_to_group_membership", ["id", "created_at", "last_modified_date", "tenant_id", "child_id",
                                           "parent_id"],
             [[1, "2023-02-28 10:05:00", "2023-02-28 10:05:00", 10000, iid(G2_EXT), iid(G1_EXT)]]))
S.append("-- global rows seeded by UserProfileService.initializeDBConfigs (production UserProfileServiceInitializer.java:67-70)")
S.append(ins("user_group_membership_type", ["id", "created_at", "last_modified_date"],
             [["OWNER", "2023-01-01 00:00:00", "2023-01-01 00:00:00"],
              ["ADMIN", "2023-01-01 00:00:00", "2023-01-01 00:00:00"],
              ["MEMBER", "2023-01-01 00:00:00", "2023-01-01 00:00:00"]], verb="INSERT IGNORE INTO"))
S.append("-- createGroup adds the owner's OWNER row (UserProfileService.java:456-478); the others via addUserToGroup (:730-779)")
S.append(ins("user_group_membership", ["id", "created_at", "last_modified_date", "tenant_id", "group_entity_id",
                                       "user_group_membership_type_id", "user_profile_id"],
             [[1, "2023-02-28 10:00:00", "2023-02-28 10:00:00", 10000, iid(G1_EXT), "OWNER", "alice@10000"],
              [2, "2023-02-28 10:05:00", "2023-02-28 10:05:00", 10000, iid(G2_EXT), "OWNER", "bob@10000"],
              [3, "2023-02-28 10:06:00", "2023-02-28 10:06:00", 10000, iid(G1_EXT), "ADMIN", "bob@10000"],
              [4, "2023-02-28 10:07:00", "2023-02-28 10:07:00", 10000, iid(G2_EXT), "MEMBER", "carol@10000"]]))

S.append("\n-- ---------------------------------------------------------------------------- agent")
S.append("-- Keycloak user 'ingest-bot' in realm 10000 (AgentManagementService.java:204-273); attributes as registered")
S.append(ins("agent_entity", ["id", "agent_id", "created_at", "last_modified_at", "status", "tenant_id"],
             [["ingest-bot@10000", "ingest-bot", "2023-03-02 12:00:00", "2023-03-02 12:00:00", "ENABLED", 10000]]))
S.append(ins("agent_attribute", ["id", "key_value", "value", "agent_entity_id"],
             [[1500, "agent-id", "ingest-bot", "ingest-bot@10000"],
              [1501, "custos-realm-agent", "true", "ingest-bot@10000"],
              [1502, "agent-parent-id", "custos-6vq2jz0xk8c1m3n5p7r9-10000", "ingest-bot@10000"]]))
S.append(ins("agent_role", ["id", "type", "value", "agent_entity_id"],
             [[1500, "realm", "data-ingest", "ingest-bot@10000"]]))
S.append("-- index row of the agent credential; secret + internal password are in Vault secret/10000/ingest-bot")
S.append(ins("agent_credentials", ["id", "client_id", "client_secret_expired_at", "issued_at", "owner_id", "type",
                                   "custos_credentials_id"],
             [[1, "ingest-bot", 0, "2023-03-02 12:00:00", 10000, "AGENT", None]]))

S.append("\n-- ---------------------------------------------------------------------------- resource secrets")
S.append("-- SSH: Vault resourcesecret/10000/alice/ssh/3b8e...  {privateKey, publicKey, passphrase} (CredentialWriter.java:91-116)")
S.append("-- KV : Vault resourcesecret/10000/bob/keyValue/9c41... {key, value}; external_id = key (CredentialWriter.java:316-341)")
S.append("-- type = SecretMetadata.resource_type name; an unset enum is its 0 value SERVER_CERTIFICATE (ResourceSecretService.proto:34-35)")
S.append(ins("secret", ["id", "created_at", "discription", "external_id", "last_modified_at", "owner_id", "owner_type",
                        "secret_type", "tenant_id", "type"],
             [["3b8e5a0c-1d2f-4e6a-8b9c-0d1e2f3a4b5c", "2023-03-03 08:00:00", "HPC login key", "",
               "2023-03-03 08:00:00", "alice", "TENANT", "SSH", 10000, "VM"],
              ["9c41d7e2-6f3a-4b5c-9d8e-7f6a5b4c3d2e", "2023-03-03 08:10:00", "", "S3_ACCESS_KEY",
               "2023-03-03 08:10:00", "bob", "TENANT_USER", "KV", 10000, "SERVER_CERTIFICATE"],
              ["5d2c8b7a-0e1f-4a3b-8c9d-1e2f3a4b5c6d", "2023-03-03 08:20:00", "cluster account", "",
               "2023-03-03 08:20:00", "carol", "TENANT", "PASSWORD", 10000, "SERVER_CERTIFICATE"],
              ["7e6f5a4b-3c2d-4e1f-9a8b-7c6d5e4f3a2b", "2023-03-03 08:30:00", "gateway TLS", "",
               "2023-03-03 08:30:00", "alice", "TENANT", "X509_CERTIFICATE", 10000, "SERVER_CERTIFICATE"],
              ["1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "2023-03-03 08:40:00", "", "",
               "2023-03-03 08:40:00", "bob", "TENANT", "CREDENTIAL_MAP", 10000, "SERVER_CERTIFICATE"]]))

S.append("\n-- ---------------------------------------------------------------------------- id generators")
S.append("-- as Hibernate 6.1's PooledOptimizer (PooledOptimizer.java:69-97) leaves them: the 1st id reads the initial value")
S.append("-- (table += increment), the 2nd id fetches one more block: 1 id used -> 51 / 1600, 2+ ids -> 101 / 1700")
used = {"user_attribute_seq": 2, "user_role_seq": 3, "group_attribute_seq": 1, "user_group_membership_seq": 4,
        "group_to_group_membership_seq": 1, "agent_credentials_seq": 1, "contact_seq": 1, "redirect_uri_seq": 1}
for t, n in used.items():
    S.append(f"UPDATE {t} SET next_val = {101 if n > 1 else 51};")
S.append("UPDATE agent_attr_id_generator_sequence SET next_val = 1700;")
S.append("UPDATE agent_role_id_generator_sequence SET next_val = 1600;")

# `vault kv get -format=json <path>` output for each path (KV v1: the fields under "data"), gathered into one object
def kv(fields):
    return {"request_id": "00000000-0000-0000-0000-000000000000", "lease_id": "", "lease_duration": 2764800,
            "renewable": False, "data": fields, "warnings": None}


VAULT = {
    "resourcesecret/10000/alice/ssh/3b8e5a0c-1d2f-4e6a-8b9c-0d1e2f3a4b5c": kv({
        "privateKey": "-----BEGIN RSA PRIVATE KEY-----\nlegacy-ssh-private\n-----END RSA PRIVATE KEY-----\n",
        "publicKey": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQlegacy alice@hpc", "passphrase": "legacy-pass"}),
    "resourcesecret/10000/bob/keyValue/9c41d7e2-6f3a-4b5c-9d8e-7f6a5b4c3d2e": kv({
        "key": "S3_ACCESS_KEY", "value": "legacy-s3-value"}),
    "resourcesecret/10000/carol/passwd/5d2c8b7a-0e1f-4a3b-8c9d-1e2f3a4b5c6d": kv({
        "password": "legacy-cluster-password", "userId": "carol"}),
    "resourcesecret/10000/alice/certificates/7e6f5a4b-3c2d-4e1f-9a8b-7c6d5e4f3a2b": kv({
        "certificate": "[\n[\n  Version: V3\n  Subject: CN=gateway.climate.example.org\n]\n]",
        "privateKey": "-----BEGIN PRIVATE KEY-----\nlegacy-tls-key\n-----END PRIVATE KEY-----\n",
        "lifetime": "31536000000", "notBefore": "Fri Mar 03 08:30:00 UTC 2023",
        "notAfter": "Sat Mar 02 08:30:00 UTC 2024"}),
    "resourcesecret/10000/bob/secretMap/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d": kv({
        "key": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "value": "{\"user\":\"bob\"}"}),
    "secret/10000/ingest-bot": kv({"id": "ingest-bot", "secret": "legacy-agent-secret-1",
                                   "password": "legacy-agent-password"}),
}
with open(os.path.join(RES, "vault-export.json"), "w") as f:
    json.dump(VAULT, f, indent=2)
    f.write("\n")

with open(OUT, "w") as f:
    f.write("\n".join(S) + "\n")
print("wrote", os.path.abspath(OUT), "sharing rows:", len(sharing))
for r in sharing.values():
    print(f'  {r["sharing_type"]:22} {r["entity_id"]:16} inh={r["inherited_parent_id"]:16} '
          f'{r["associating_id_type"]:5} {r["associating_id"][:20]:20} {r["permission_type_id"]}')
for e in entities.values():
    print(" ", e["id"], "shared_count", e["shared_count"], "actual", len(rows_on(e["id"])))
