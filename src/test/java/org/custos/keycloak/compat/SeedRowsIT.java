package org.custos.keycloak.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.BrowserLogin;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every example request of {@code ../shared/seeds/custos-rest-api.txt}, its body copied verbatim, against a realm set
 * up for it: the tenant client is called {@code custosId} (the seed's {@code metadata.client_id}), the users, roles,
 * groups (with the seed's group ids) and sharing types its examples name exist. Only the seed's placeholders are
 * filled in: {@code B64Encoded(client Id: client Sec)}, {@code admin_access_token}, {@code user_access_token},
 * {@code user_token}, {@code credential_token}, {@code {id}}, {@code {agentId}}, {@code {client_id}}, the
 * authorization code, the refresh token and the {@code XXXXX}/{@code xxxxx} client ids. The commas that separate the
 * sharing rows' query parameters in the document are separators, not part of the values.
 *
 * <p>Three rows cannot succeed, and each is asserted to fail cleanly (docs/compatibility.md, deviations): the two
 * attribute rows carry the key {@code email}, which in Keycloak is the login email (400, nothing written); the agent
 * registration is not JSON (curly quotes, missing commas: 400 malformed JSON).
 *
 * <p>One test per part of a section; they run in the seed's order ({@link Order}), because some rows build on the
 * rows before them as in the seed: the entity rows re-create the permission type READ that the permission type rows
 * delete, the share rows share the entities the entity rows create, and the agent token rows log in as the agent the
 * agent rows register.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedRowsIT {

    private static final String CLIENT = "custosId";
    private static final String SECRET = "custos-id-secret";
    private static final String GROUP_A = "30c93703-2843-46a4-9551-4ea5ccb7fa4d";
    private static final String GROUP_B = "30c93703-2843-5678-9551-4ea5ccb7fa4d";
    private static TestRealm realm;
    private static TestRealm identityRealm;
    private static String adminToken;
    /** agent123's secret: registered by {@link #agentRows()}, used by {@link #agentTokenRows()}. */
    private static String agentSecret;

    /** The seed's permission type READ, as its create and update rows send it. */
    private static final String READ =
            """
            {
            "client_id":"custosId",
            "permission_type":{
            "id":"READ",
            "name":"READ Permission",
            "description":"Permission type READ"
            }
            }""";

    /** The seed's tenant: a confidential client {@code custosId} with a service account that manages users. */
    private static void custosIdClient(ObjectNode rep) {
        String client =
                """
                {
                  "clientId": "%s",
                  "secret": "%s",
                  "publicClient": false,
                  "standardFlowEnabled": true,
                  "directAccessGrantsEnabled": true,
                  "serviceAccountsEnabled": true,
                  "redirectUris": ["https://domain/callback"]
                }"""
                        .formatted(CLIENT, SECRET);
        String serviceAccount =
                """
                {
                  "username": "service-account-%s",
                  "enabled": true,
                  "serviceAccountClientId": "%s",
                  "clientRoles": {
                    "realm-management":
                      ["view-users", "manage-users", "query-groups", "manage-authorization", "view-events"]
                  }
                }"""
                        .formatted(CLIENT, CLIENT);
        rep.withArray("clients").add(Http.parse(client));
        rep.withArray("users").add(Http.parse(serviceAccount));
    }

    @BeforeAll
    static void setUp() {
        AdminApi api = new AdminApi(KeycloakServer.get());
        // The identity rows log in as userA; the user rows register UserA (Keycloak's usernames ignore case).
        identityRealm = TestRealm.create(api, "seed-identity", rep -> {
            custosIdClient(rep);
            rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user("userA", "XXXX")));
        });
        realm = TestRealm.create(api, "seed", rep -> {
            rep.put("duplicateEmailsAllowed", true);
            custosIdClient(rep);
            ObjectNode roles = rep.putObject("roles");
            roles.set(
                    "realm",
                    Http.JSON.valueToTree(List.of(
                            Map.of("name", "gateway_provider"), Map.of("name", "owner"), Map.of("name", "test"))));
            // admin_access_token: a realm admin's token. The seed's user "admin" (a group and entity owner) is plain.
            Map<String, Object> admin = TestRealm.user("tenant-admin", "admin-password-1");
            admin.put("clientRoles", Map.of("realm-management", List.of("realm-admin")));
            admin.put("realmRoles", List.of("test"));
            rep.withArray("users").add(Http.JSON.valueToTree(admin));
            for (String name : List.of("admin", "username", "testuser1", "testuser2", "jhon", "UserB", "user a")) {
                rep.withArray("users")
                        .add(Http.JSON.valueToTree(TestRealm.user(name, name.replace(" ", "-") + "-password-1")));
            }
            rep.putArray("groups")
                    .add(Http.JSON.valueToTree(Map.of("id", GROUP_A, "name", "seed-group-a")))
                    .add(Http.JSON.valueToTree(Map.of("id", GROUP_B, "name", "seed-group-b")))
                    .add(Http.JSON.valueToTree(Map.of("id", "groupX", "name", "groupX")))
                    .add(Http.JSON.valueToTree(Map.of("name", "to-update")))
                    .add(Http.JSON.valueToTree(Map.of("name", "to-delete")));
        });
        adminToken = realm.nativePasswordGrant(CLIENT, SECRET, "tenant-admin", "admin-password-1")
                .get("access_token")
                .asText();
        // The audit log's seed row first: every row below runs in a realm that keeps its admin events.
        row("POST", "/log-management/v1.0.0/status", Http.bearer(adminToken), null);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
        identityRealm.close();
    }

    // ------------------------------------------------------------------ the seed's headers

    private static String clientCredentials() {
        return Http.custosBearer(CLIENT, SECRET);
    }

    private static String userToken(String username, String password) {
        return realm.nativePasswordGrant(CLIENT, SECRET, username, password)
                .get("access_token")
                .asText();
    }

    private static Http.Reply send(String method, String uri, String authorization, String body) {
        return send(realm, method, uri, authorization, body);
    }

    private static Http.Reply send(TestRealm in, String method, String uri, String authorization, String body) {
        Http.Request r = Http.request(method, in.realmUrl() + "/custos" + uri).auth(authorization);
        if (body != null) {
            r.body(body, "application/json");
        }
        return r.send();
    }

    private static JsonNode row(String method, String uri, String authorization, String body) {
        return row(realm, method, uri, authorization, body);
    }

    private static JsonNode row(TestRealm in, String method, String uri, String authorization, String body) {
        Http.Reply r = send(in, method, uri, authorization, body);
        assertTrue(r.status() >= 200 && r.status() < 300, method + " " + uri + " → " + r);
        return r.json();
    }

    private static String groupId(String name) {
        return realm.admin()
                .get("/" + realm.name() + "/groups?search=" + name)
                .get(0)
                .get("id")
                .asText();
    }

    // ------------------------------------------------------------------ Identity Management APIs

    @Test
    @Order(1)
    void identityRows() {
        row(
                identityRealm,
                "GET",
                "/identity-management/v1.0.0/.well-known/openid-configuration?client_id=" + CLIENT,
                clientCredentials(),
                null);
        row(
                identityRealm,
                "POST",
                "/identity-management/v1.0.0/token",
                clientCredentials(),
                """
                {
                "username":"userA",
                "password":"XXXX",
                "grant_type":"password"
                }""");
        String code = BrowserLogin.code(identityRealm.realmUrl(), CLIENT, "https://domain/callback", "userA", "XXXX");
        JsonNode tokens = row(
                identityRealm,
                "POST",
                "/identity-management/v1.0.0/token",
                clientCredentials(),
                """
                {
                "code":"wsxdcfvgbg",
                "redirect_uri":"https://domain/callback",
                "grant_type":"authorization_code"
                }"""
                        .replace("wsxdcfvgbg", code));
        assertFalse(tokens.get("access_token").asText().isEmpty());
        // "Renew access token": the seed repeats the authorization-code body.
        String second = BrowserLogin.code(identityRealm.realmUrl(), CLIENT, "https://domain/callback", "userA", "XXXX");
        row(
                identityRealm,
                "POST",
                "/identity-management/v1.0.0/token",
                clientCredentials(),
                """
                {
                "code":"wsxdcfvgbg",
                "redirect_uri":"https://domain/callback",
                "grant_type":"authorization_code"
                }"""
                        .replace("wsxdcfvgbg", second));
        row(
                identityRealm,
                "GET",
                "/identity-management/v1.0.0/credentials?client_id=" + CLIENT,
                clientCredentials(),
                null);
        row(
                identityRealm,
                "POST",
                "/identity-management/v1.0.0/user/logout",
                clientCredentials(),
                """
                {
                "refresh_token":"xxxxxxx",
                "grant_type":"refresh_token"
                }"""
                        .replace("xxxxxxx", tokens.get("refresh_token").asText()));
    }

    // ------------------------------------------------------------------ User Management APIs

    @Test
    @Order(2)
    void userRows() {
        row(
                "POST",
                "/user-management/v1.0.0/user",
                clientCredentials(),
                """
                {
                "username":"UserA",
                "first_name":"Jhon",
                "last_name":"Creg",
                "email":"jhon@gmail.com",
                "password":"12345","temporary_password":false
                }""");
        row(
                "POST",
                "/user-management/v1.0.0/user/activation",
                clientCredentials(),
                """
                {
                "username":"UserA"
                }""");
        row(
                "POST",
                "/user-management/v1.0.0/user/deactivation",
                clientCredentials(),
                """
                {
                "username":"UserA"
                }""");
        row("GET", "/user-management/v1.0.0/user/activation/status?user.username=UserA", clientCredentials(), null);
        row("GET", "/user-management/v1.0.0/user/availability?user.username=UserA", clientCredentials(), null);
        row(
                "PUT",
                "/user-management/v1.0.0/user/password",
                clientCredentials(),
                """
                {
                "username":"testuser1",
                "password":"123456"
                }""");
        row(
                "DELETE",
                "/user-management/v1.0.0/user",
                Http.bearer(adminToken),
                """
                {
                "username":"testuser1"
                }""");
        row(
                "PUT",
                "/user-management/v1.0.0/user/profile",
                clientCredentials(),
                """
                {
                "username":"jhon",
                "first_name":"Jhon",
                "last_name":"Saturday",
                "email":"jhon@gmail.com"
                }""");
        row("GET", "/user-management/v1.0.0/users?offset=0&limit=10&user.id=username", clientCredentials(), null);
        row(
                "GET",
                "/user-management/v1.0.0/users/profile?user_profile.attributes.key=key"
                        + "&user_profile.attributes.value=value",
                clientCredentials(),
                null);
        row(
                "POST",
                "/user-management/v1.0.0/user/profile/mapper",
                Http.bearer(adminToken),
                """
                {
                "current_username":"UserB",
                "previous_username":"UserA",
                "linking_attributes":["phone","email"]
                }""");
    }

    /** The attribute rows carry the key email, which in Keycloak is the login email: 400, nothing written. */
    @Test
    @Order(3)
    void userAttributeRowsAreRefused() {
        String attributes =
                """
                {
                "attributes":[
                {
                "key":"phone",
                "values":["81239153889"]
                },
                {
                "key":"email",
                "values":["irjanith@gmail.com","isjarana@gmail.com"]
                }],
                "users":["username"]
                }""";
        for (String method : List.of("POST", "DELETE")) {
            Http.Reply refused =
                    send(method, "/user-management/v1.0.0/attributes", Http.bearer(adminToken), attributes);
            assertEquals(400, refused.status(), "the key email is Keycloak's login email: " + refused);
            assertTrue(refused.json().get("error_description").asText().contains("email"), refused.toString());
        }
        JsonNode username = realm.adminUser("username");
        assertEquals("username@example.org", username.get("email").asText(), "the login email is untouched");
        assertFalse(username.path("attributes").has("phone"), "nothing of the refused row was written");
    }

    @Test
    @Order(4)
    void userRoleRows() {
        row(
                "POST",
                "/user-management/v1.0.0/users/roles",
                Http.bearer(adminToken),
                """
                {
                "roles":["gateway_provider"],
                "usernames":["username"],
                "client_level":false
                }""");
        row(
                "DELETE",
                "/user-management/v1.0.0/users/roles",
                Http.bearer(adminToken),
                """
                {
                "realm_roles":["gateway_provider"],
                "username":"username"
                }""");
        assertFalse(realm.realmRoleNames("username").contains("gateway_provider"));
        row(
                "POST",
                "/user-management/v1.0.0/user/admin",
                Http.bearer(adminToken),
                """
                {
                "username":"user a"
                }""");
        row(
                "DELETE",
                "/user-management/v1.0.0/user/admin",
                Http.bearer(adminToken),
                """
                {
                "username":"user a"
                }""");
    }

    // ------------------------------------------------------------------ Group Management APIs

    @Test
    @Order(5)
    void groupRows() {
        row(
                "POST",
                "/group-management/v1.0.0/groups",
                clientCredentials(),
                """
                {
                "clientId":"custos Id",
                "groups": [ {
                "name": "Test grouping",
                "ownerId":"username",
                "description":"This is test group.",
                "realm_roles": [],
                "client_roles": [],
                "attributes": [],
                "sub_groups": []
                }]
                }""");
        row(
                "PUT",
                "/group-management/v1.0.0/group/" + groupId("to-update"),
                clientCredentials(),
                """
                {
                "clientId":"custos Id",
                "group": {
                "name": "Read Only Admin Users",
                "ownerId":"admin",
                "description":"Group of admin users with read-only access.",
                "realm_roles": [],
                "client_roles": [],
                "attributes": [],
                "sub_groups": []
                }
                }""");
        row("DELETE", "/group-management/v1.0.0/group/" + groupId("to-delete"), clientCredentials(), null);
        row("GET", "/group-management/v1.0.0/group?group.id=" + GROUP_A, clientCredentials(), null);
        row("GET", "/group-management/v1.0.0/group?group.name=groupX", clientCredentials(), null);
        row("GET", "/group-management/v1.0.0/groups", clientCredentials(), null);
    }

    @Test
    @Order(6)
    void groupMembershipRows() {
        row(
                "POST",
                "/group-management/v1.0.0/user/group/membership",
                clientCredentials(),
                """
                {
                "group_id":"30c93703-2843-46a4-9551-4ea5ccb7fa4d",
                "username":"username",
                "membership_type":"MEMBER"
                }""");
        row(
                "PUT",
                "/group-management/v1.0.0/user/group/membership",
                clientCredentials(),
                """
                {
                "group_id":"30c93703-2843-46a4-9551-4ea5ccb7fa4d",
                "username":"username",
                "type":"ADMIN"
                }""");
        row(
                "DELETE",
                "/group-management/v1.0.0/user/group/membership",
                clientCredentials(),
                """
                {
                "group_id":"30c93703-2843-46a4-9551-4ea5ccb7fa4d",
                "username":"username",
                "membership_type":"MEMBER"
                }""");
        row(
                "POST",
                "/group-management/v1.0.0/group/membership",
                clientCredentials(),
                """
                {
                "child_id":"30c93703-2843-46a4-9551-4ea5ccb7fa4d",
                "parent_id":"30c93703-2843-5678-9551-4ea5ccb7fa4d"
                }""");
        assertEquals(
                GROUP_B,
                realm.admin()
                        .get("/" + realm.name() + "/groups/" + GROUP_A)
                        .get("parentId")
                        .asText());
        row(
                "DELETE",
                "/group-management/v1.0.0/group/membership",
                clientCredentials(),
                """
                {
                "child_id":"30c93703-2843-46a4-9551-4ea5ccb7fa4d",
                "parent_id":"30c93703-2843-5678-9551-4ea5ccb7fa4d"
                }""");
        row("GET", "/group-management/v1.0.0/groups/memberships/child?group.id=groupX", clientCredentials(), null);
        row("GET", "/group-management/v1.0.0/user/group/memberships/child?group.id=groupX", clientCredentials(), null);
        row(
                "GET",
                "/group-management/v1.0.0/user/group/memberships?profile.username=username",
                clientCredentials(),
                null);
    }

    // ------------------------------------------------------------------ Secret Management APIs

    @Test
    @Order(7)
    void secretRows() {
        String metadata =
                """
                {
                "metadata" : {
                "client_id":"custosId",
                "description":"Admin user SSH for Gateway phasta",
                "owner_id":"username"
                }
                }""";
        row("GET", "/resource-secret-management/v1.0.0/openid-connect/certs", clientCredentials(), null);
        String ssh = row("POST", "/resource-secret-management/v1.0.0/secret/ssh", clientCredentials(), metadata)
                .get("token")
                .asText();
        row("GET", "/resource-secret-management/v1.0.0/secret/ssh?token=" + ssh, clientCredentials(), null);
        row("DELETE", "/resource-secret-management/v1.0.0/secret/ssh?token=" + ssh, clientCredentials(), null);
        String password = row(
                        "POST",
                        "/resource-secret-management/v1.0.0/secret/password",
                        clientCredentials(),
                        """
                {
                "metadata" : {
                "client_id":"custosId",
                "description":"Admin user SSH for Gateway phasta",
                "owner_id":"username"
                },
                "password":"passwordToBeSaved"
                }""")
                .get("token")
                .asText();
        assertEquals(
                "passwordToBeSaved",
                row(
                                "GET",
                                "/resource-secret-management/v1.0.0/secret/password?client_id=" + CLIENT + "&token="
                                        + password,
                                clientCredentials(),
                                null)
                        .get("password")
                        .asText());
        row(
                "DELETE",
                "/resource-secret-management/v1.0.0/secret/password?client_id=" + CLIENT + "&token=" + password,
                clientCredentials(),
                null);
        String certificate = row(
                        "POST", "/resource-secret-management/v1.0.0/secret/certificate", clientCredentials(), metadata)
                .get("token")
                .asText();
        row(
                "GET",
                "/resource-secret-management/v1.0.0/secret/certificate?client_id=" + CLIENT + "&token=" + certificate,
                clientCredentials(),
                null);
        row(
                "DELETE",
                "/resource-secret-management/v1.0.0/secret/certificate?client_id=" + CLIENT + "&token=" + certificate,
                clientCredentials(),
                null);
        row(
                "GET",
                "/resource-secret-management/v1.0.0/secret/summaries?client_id=" + CLIENT
                        + "&accessible_tokens=axsdcfvgbhbnh",
                clientCredentials(),
                null);
    }

    @Test
    @Order(8)
    void keyValueSecretRows() {
        String user = userToken("username", "username-password-1");
        String kv =
                """
                {
                "metadata" : {
                "client_id":"custosId",
                "description":"sample key"
                },
                "key":"vault_key",
                "value":"axsdcfvgbhnhnhnhJKNM"
                }""";
        Http.Reply set = Http.request("POST", realm.custos("resource-secret-management", "secret/kv"))
                .auth(clientCredentials())
                .header("user-token", user)
                .body(kv, "application/json")
                .send();
        assertEquals(200, set.status(), set.toString());
        Http.Reply get = Http.request(
                        "GET",
                        realm.custos("resource-secret-management", "secret/kv")
                                + "?metadata.client_id=custosId&key=vault_key")
                .auth(clientCredentials())
                .header("user-token", user)
                .send();
        assertEquals("axsdcfvgbhnhnhnhJKNM", get.json().get("value").asText(), get.toString());
        Http.Reply update = Http.request("PUT", realm.custos("resource-secret-management", "secret/kv"))
                .auth(clientCredentials())
                .header("user-token", user)
                .body(kv, "application/json")
                .send();
        assertEquals(200, update.status(), update.toString());
        Http.Reply delete = Http.request("DELETE", realm.custos("resource-secret-management", "secret/kv"))
                .auth(clientCredentials())
                .header("user-token", user)
                .body(
                        """
                        {
                        "metadata" : {
                        "client_id":"custosId",
                        "description":"sample key"
                        },
                        "key":"vault_key"
                        }""",
                        "application/json")
                .send();
        assertEquals(200, delete.status(), delete.toString());
    }

    // ------------------------------------------------------------------ Sharing Management APIs

    @Test
    @Order(9)
    void entityTypeRows() {
        String experiment =
                """
                {
                "client_id":"custosId",
                "entity_type":{
                "id":"EXPERIMENT",
                "name":"EXPERIMENT",
                "description":"Experiment entity type"
                }
                }""";
        row("POST", "/sharing-management/v1.0.0/entity/type", clientCredentials(), experiment);
        row("PUT", "/sharing-management/v1.0.0/entity/type", clientCredentials(), experiment);
        row(
                "GET",
                "/sharing-management/v1.0.0/entity/type?client_id=custosId&entity_type.id=EXPERIMENT",
                clientCredentials(),
                null);
        row("GET", "/sharing-management/v1.0.0/entity/types?client_id=custosId", clientCredentials(), null);
        row(
                "DELETE",
                "/sharing-management/v1.0.0/entity/type",
                clientCredentials(),
                """
                {
                "client_id":"custosId",
                "entity_type":{
                "id":"EXPERIMENT"
                }
                }""");
    }

    @Test
    @Order(10)
    void permissionTypeRows() {
        row("POST", "/sharing-management/v1.0.0/permission/type", clientCredentials(), READ);
        row("PUT", "/sharing-management/v1.0.0/permission/type", clientCredentials(), READ);
        row("GET", "/sharing-management/v1.0.0/permission/types?client_id=custosId", clientCredentials(), null);
        row(
                "DELETE",
                "/sharing-management/v1.0.0/permission/type",
                clientCredentials(),
                """
                {
                "client_id":"custosID",
                "permission_type":{
                "id":"READ"
                }
                }""");
    }

    @Test
    @Order(11)
    void entityRows() {
        // The realm the entity and share rows need: their types, and the entities they name.
        row(
                "POST",
                "/sharing-management/v1.0.0/entity/type",
                clientCredentials(),
                "{\"entity_type\":{\"id\":\"API\"}}");
        row("POST", "/sharing-management/v1.0.0/permission/type", clientCredentials(), READ);
        row(
                "POST",
                "/sharing-management/v1.0.0/permission/type",
                clientCredentials(),
                "{\"permission_type\":{\"id\":\"WRITE\"}}");
        for (String id : List.of("qasxdfmklasxcv", "qasedrvgbt")) {
            row(
                    "POST",
                    "/sharing-management/v1.0.0/entity",
                    clientCredentials(),
                    "{\"entity\":{\"id\":\"" + id + "\",\"type\":\"API\",\"owner_id\":\"admin\"}}");
        }

        String exp99 =
                """
                {
                "client_id":"custoId",
                "entity":{
                "id":"exp99",
                "name":"EXperment 9",
                "description":"Experiment 9",
                "type":"API",
                "owner_id":"admin",
                "parent_id":""
                }
                }""";
        row("POST", "/sharing-management/v1.0.0/entity", clientCredentials(), exp99);
        row("PUT", "/sharing-management/v1.0.0/entity", clientCredentials(), exp99);
        row(
                "DELETE",
                "/sharing-management/v1.0.0/entity",
                clientCredentials(),
                """
                {
                "client_id":"custoId",
                "entity":{
                "id":"exp99"
                }
                }""");
        row(
                "POST",
                "/sharing-management/v1.0.0/entities",
                clientCredentials(),
                """
                {
                "client_id":"custosId",
                "search_criteria":[{
                "search_field":"ENTITY_TYPE_ID",
                "value":"PROJECT",
                "condition":"EQUAL"
                },
                {
                "search_field":"OWNER_ID",
                "value":"admin",
                "condition":"EQUAL"
                }
                ]
                }""");
    }

    @Test
    @Order(12)
    void shareRows() {
        String userShare =
                """
                {
                "client_id":"custosId",
                "entity":{
                "id":"qasxdfmklasxcv"
                },
                "permission_type":{
                "id":"WRITE"
                },
                "owner_id":["testuser2"],
                "cascade":"true"
                }""";
        String groupShare =
                """
                {
                "client_id":"custosId",
                "entity":{
                "id":"qasxdfmklasxcv"
                },
                "permission_type":{
                "id":"READ"
                },
                "owner_id":["30c93703-2843-46a4-9551-4ea5ccb7fa4d"],
                "cascade":"true"
                }""";
        row("POST", "/sharing-management/v1.0.0/users/share", clientCredentials(), userShare);
        row("POST", "/sharing-management/v1.0.0/groups/share", clientCredentials(), groupShare);
        assertTrue(row(
                        "GET",
                        "/sharing-management/v1.0.0/entity/user/access?client_id=custosId&entity.id=qasxdfmklasxcv"
                                + "&permission_type.id=WRITE&owner_id=testuser2",
                        clientCredentials(),
                        null)
                .get("status")
                .asBoolean());
        row("DELETE", "/sharing-management/v1.0.0/users/share", clientCredentials(), userShare);
        row("DELETE", "/sharing-management/v1.0.0/groups/share", clientCredentials(), groupShare);
        assertFalse(row(
                        "GET",
                        "/sharing-management/v1.0.0/entity/user/access?client_id=custosId&entity.id=qasedrvgbt"
                                + "&permission_type.id=READ&owner_id=testuser2",
                        clientCredentials(),
                        null)
                .get("status")
                .asBoolean());
        row(
                "GET",
                "/sharing-management/v1.0.0/users/share?client_id=custosId&entity.id=qasedrvgbt"
                        + "&permission_type.id=READ",
                clientCredentials(),
                null);
        row(
                "GET",
                "/sharing-management/v1.0.0/groups/share?client_id=custosId&entity.id=qasedrvgbt"
                        + "&permission_type.id=READ",
                clientCredentials(),
                null);
    }

    // ------------------------------------------------------------------ Agent Management APIs

    @Test
    @Order(13)
    void agentRows() {
        String admin = Http.bearer(adminToken);
        row("POST", "/agent-management/v1.0.0/enable", admin, null);
        row(
                "POST",
                "/agent-management/v1.0.0/token/configuration",
                admin,
                """
                {
                "access_token_life_time":700
                }""");
        row(
                "POST",
                "/agent-management/v1.0.0/roles",
                admin,
                """
                {"roles":[{
                "name":"testing",
                "description":"testing role"
                }
                ],
                "client_level": true
                }""");
        Http.Reply malformed = send(
                "POST",
                "/agent-management/v1.0.0/agent",
                admin,
                """
                {
                “client_roles”:[“testing”]
                "id":"agent123",
                "realm_roles":["owner"],
                "attributes":[{
                "key":"agent_cluster_id"
                "values":["123123131"]
                }]
                }""");
        assertEquals(400, malformed.status(), "the seed's register-agent example is not JSON: " + malformed);
        assertTrue(
                malformed.json().get("error_description").asText().startsWith("malformed JSON"), malformed.toString());
        // The same request as JSON (quotes straightened, the two missing commas added).
        agentSecret = row(
                        "POST",
                        "/agent-management/v1.0.0/agent",
                        admin,
                        """
                {
                "client_roles":["testing"],
                "id":"agent123",
                "realm_roles":["owner"],
                "attributes":[{
                "key":"agent_cluster_id",
                "values":["123123131"]
                }]
                }""")
                .get("secret")
                .asText();
        for (String id : List.of("agentlmc", "xxxtttyyyaswed")) {
            row("POST", "/agent-management/v1.0.0/agent", admin, "{\"id\":\"" + id + "\"}");
        }
        row("GET", "/agent-management/v1.0.0/agent/agent123", admin, null);
        row("POST", "/agent-management/v1.0.0/agent/deactivation/agentlmc", admin, null);
        row("POST", "/agent-management/v1.0.0/agent/activation/agentlmc", admin, null);
        String attributes =
                """
                {
                "agents":["agentlmc"],
                "attributes":[{
                "key":"agent_test",
                "values":["tesitng"]
                }]
                }""";
        row("POST", "/agent-management/v1.0.0/agent/attributes", admin, attributes);
        row("DELETE", "/agent-management/v1.0.0/agent/attributes", admin, attributes);
        row(
                "POST",
                "/agent-management/v1.0.0/agent/roles",
                admin,
                """
                {
                "agents":["xxxtttyyyaswed"],
                "roles":["testing"],
                "client_level":true
                }""");
        row(
                "DELETE",
                "/agent-management/v1.0.0/agent/roles",
                admin,
                """
                {
                "id":"agentlmc",
                "roles":["test"]
                }""");
        row(
                "POST",
                "/agent-management/v1.0.0/protocol/mapper",
                admin,
                """
                {
                "name":"realm_role_mapper",
                "claim_name":"realm_roles",
                "claim_type":"STRING",
                "mapper_type":"USER_REALM_ROLE",
                "add_to_id_token":true,
                "add_to_access_token":true,
                "add_to_user_info":true,
                "multi_valued":true,
                "aggregate_attribute_values":false
                }""");
        row("GET", "/agent-management/v1.0.0/agents", admin, null);
    }

    @Test
    @Order(14)
    void agentTokenRows() {
        String admin = Http.bearer(adminToken);
        String agent = Http.custosBearer("agent123", agentSecret);
        JsonNode token = row(
                "POST",
                "/identity-management/v1.0.0/agent/token/" + CLIENT,
                agent,
                """
                {
                "grant_type":"client_credentials"
                }""");
        JsonNode renewed = row(
                "POST",
                "/identity-management/v1.0.0/agent/token/" + CLIENT,
                agent,
                """
                {
                "grant_type":"refresh_token",
                "refresh_token":"XXXX"
                }"""
                        .replace("XXXX", token.get("refresh_token").asText()));
        row(
                "POST",
                "/identity-management/v1.0.0/agent/logout/" + CLIENT,
                agent,
                """
                {
                "refresh_token":"XXXX"
                }"""
                        .replace("XXXX", renewed.get("refresh_token").asText()));
        row("DELETE", "/agent-management/v1.0.0/agent/agent123", admin, null);
    }

    // ------------------------------------------------------------------ Audit Logs

    /** The seed's query, verbatim: a Custos operation name and limit=0 (the default page). */
    @Test
    @Order(15)
    void auditLogRows() {
        long since = System.currentTimeMillis() - 1;
        row(
                "POST",
                "/user-management/v1.0.0/user",
                clientCredentials(),
                "{\"username\":\"logged-user\","
                        + "\"first_name\":\"L\",\"last_name\":\"U\",\"email\":\"logged@example.org\"}");
        JsonNode events = row(
                        "GET",
                        "/log-management/v1.0.0/logs?offset=0&limit=0&service_name=org.apache.custos.user"
                                + ".management.service.UserManagementService&event_type=findUsers",
                        clientCredentials(),
                        null)
                .get("events");
        assertEquals(0, events.size(), "reads are not recorded: " + events);
        List<String> registered = new ArrayList<>();
        row(
                        "GET",
                        "/log-management/v1.0.0/logs?offset=0&limit=0"
                                + "&service_name=org.apache.custos.user.management.service"
                                + ".UserManagementService&event_type=registerUser&start_time=" + since,
                        clientCredentials(),
                        null)
                .get("events")
                .forEach(e -> registered.add(
                        e.get("event_type").asText() + ":" + e.get("username").asText()));
        assertEquals(List.of("registerUser:service-account-" + CLIENT.toLowerCase()), registered);
    }
}
