package org.custos.keycloak.rest.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User Management against a real Keycloak: every seed row, its Custos shape, and the rules around it. */
class UserIT {

    private static final String SERVICE = "user-management";
    private static TestRealm realm;
    private static TestRealm otherRealm;
    private static String rootToken;

    @BeforeAll
    static void setUp() {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        String realmRoles =
                """
                [{"name": "gateway_provider"}, {"name": "admin"},
                 {"name": "sneaky", "composite": true,
                  "composites": {"client": {"realm-management": ["realm-admin"]}}}]""";
        String root =
                """
                {"username": "root", "enabled": true, "email": "root@example.org", "firstName": "Root",
                 "lastName": "Admin", "clientRoles": {"realm-management": ["realm-admin"]},
                 "credentials": [{"type": "password", "value": "root-password", "temporary": false}]}""";
        realm = TestRealm.create(admin, "users", rep -> {
            rep.put("passwordPolicy", "length(8)");
            rep.putObject("roles").set("realm", Http.parse(realmRoles));
            ((com.fasterxml.jackson.databind.node.ObjectNode) rep.get("roles"))
                    .set(
                            "client",
                            Http.JSON.valueToTree(
                                    Map.of(TestRealm.TENANT_CLIENT, List.of(Map.of("name", "tenant-role")))));
            rep.withArray("users").add(Http.parse(root));
        });
        otherRealm = TestRealm.create(admin, "users-other", rep -> rep.withArray("users")
                .add(Http.JSON.valueToTree(Map.of("username", "only-elsewhere", "enabled", true))));
        rootToken = realm.accessToken("root", "root-password");
    }

    @AfterAll
    static void tearDown() {
        realm.close();
        otherRealm.close();
    }

    private static Http.Request call(String method, String path) {
        return Http.request(method, realm.custos(SERVICE, path)).auth(realm.tenantAuth());
    }

    /** Custos's attribute body: one attribute, its values, for these users. */
    private static Map<String, Object> attribute(String key, List<String> values, String... users) {
        return Map.of("attributes", List.of(Map.of("key", key, "values", values)), "users", List.of(users));
    }

    /** Custos's profile-mapper body: link the current account to the previous one, copying these attributes. */
    private static Map<String, Object> mapping(String current, String previous, String... attributes) {
        return Map.of(
                "current_username", current, "previous_username", previous, "linking_attributes", List.of(attributes));
    }

    private static String newUser() {
        String username = "u-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply r = call("POST", "user")
                .jsonBody(
                        """
                        {"username": "%s", "first_name": "Jhon", "last_name": "Creg", "email": "%s@example.org",
                         "password": "12345678", "temporary_password": false}"""
                                .formatted(username, username))
                .send();
        assertEquals(200, r.status(), r.toString());
        return username;
    }

    private static String activeUser() {
        String username = newUser();
        assertEquals(
                200,
                call("POST", "user/activation")
                        .json(Map.of("username", username))
                        .send()
                        .status());
        return username;
    }

    private static JsonNode adminEvents(String resourceType) {
        return realm.admin().get("/" + realm.name() + "/admin-events?resourceTypes=" + resourceType + "&max=500");
    }

    @Test
    void registerCreatesADisabledUserThatActivationEnables() {
        Http.Reply r = call("POST", "user")
                .jsonBody(
                        """
                        {"username": "jhon", "first_name": "Jhon", "last_name": "Creg", "email": "jhon@example.org",
                         "password": "12345678", "temporary_password": false}""")
                .send();
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.json().get("is_registered").asBoolean());
        JsonNode kc = realm.adminUser("jhon");
        assertFalse(kc.get("enabled").asBoolean(), "Custos keeps a registered user disabled until activation");
        assertEquals("Jhon", kc.get("firstName").asText());
        assertEquals("jhon@example.org", kc.get("email").asText());
        assertFalse(
                realm.tryPasswordGrant("jhon", "12345678").status() == 200, "a disabled user cannot obtain a token");

        JsonNode status =
                call("GET", "user/activation/status?user.username=jhon").send().json();
        assertFalse(status.get("status").asBoolean());

        Http.Reply activated =
                call("POST", "user/activation").json(Map.of("username", "jhon")).send();
        assertEquals(200, activated.status(), activated.toString());
        JsonNode u = activated.json();
        assertEquals("ACTIVE", u.get("state").asText());
        assertEquals("jhon", u.get("username").asText());
        assertEquals(kc.get("id").asText(), u.get("id").asText());
        assertEquals("", u.get("password").asText(), "passwords are write-only");
        assertTrue(u.get("creation_time").asDouble() > 0);
        for (String field : List.of(
                "first_name",
                "last_name",
                "email",
                "temporary_password",
                "realm_roles",
                "client_roles",
                "attributes",
                "last_login_at")) {
            assertTrue(u.has(field), "missing " + field + ": " + u);
        }
        assertTrue(call("GET", "user/activation/status?user.username=jhon")
                .send()
                .json()
                .get("status")
                .asBoolean());
        assertEquals(200, realm.tryPasswordGrant("jhon", "12345678").status());

        JsonNode events = adminEvents("USER");
        boolean created = false;
        for (JsonNode e : events) {
            if (e.get("operationType").asText().equals("CREATE")
                    && e.get("resourcePath")
                            .asText()
                            .equals("users/" + kc.get("id").asText())) {
                created = true;
                assertFalse(e.path("representation").asText().contains("12345678"), "password in admin event");
                assertEquals(
                        TestRealm.TENANT_CLIENT,
                        realm.admin()
                                .get("/" + realm.name() + "/clients/"
                                        + e.get("authDetails").get("clientId").asText())
                                .get("clientId")
                                .asText());
            }
        }
        assertTrue(created, "no admin event for the registration: " + events);
    }

    @Test
    void deactivationDisablesAndReportsTheState() {
        String username = activeUser();
        Http.Reply r = call("POST", "user/deactivation")
                .json(Map.of("username", username))
                .send();
        assertEquals(200, r.status(), r.toString());
        assertTrue(Set.of("CONFIRMED", "PENDING_CONFIRMATION")
                .contains(r.json().get("state").asText()));
        assertFalse(realm.adminUser(username).get("enabled").asBoolean());
        assertFalse(realm.tryPasswordGrant(username, "12345678").status() == 200);
    }

    @Test
    void aTakenUsernameOrEmailIs409AndNothingChanges() {
        String username = newUser();
        Http.Reply sameName = call("POST", "user")
                .jsonBody(
                        """
                        {"username": "%s", "first_name": "A", "last_name": "B", "email": "other-%s@example.org"}"""
                                .formatted(username, username))
                .send();
        assertEquals(409, sameName.status(), sameName.toString());
        Http.Reply sameEmail = call("POST", "user")
                .jsonBody(
                        """
                        {"username": "x%s", "first_name": "A", "last_name": "B", "email": "%s@example.org"}"""
                                .formatted(username, username))
                .send();
        assertEquals(409, sameEmail.status(), sameEmail.toString());
        assertNull(realm.adminUser("x" + username));
    }

    @Test
    void aPasswordPolicyViolationIs400WithKeycloaksMessageAndLeavesNoUser() {
        Http.Reply r = call("POST", "user")
                .jsonBody(
                        """
                        {"username": "shortpw", "first_name": "A", "last_name": "B", "email": "shortpw@example.org",
                         "password": "123"}""")
                .send();
        assertEquals(400, r.status(), r.toString());
        assertEquals(
                "field 'password' violates the password policy: Invalid password: minimum length 8.",
                r.json().get("error_description").asText());
        assertNull(realm.adminUser("shortpw"), "the failed request must not leave a half-registered user");
    }

    @Test
    void invalidProfileDataIs400NamingTheField() {
        Http.Reply r = call("POST", "user")
                .json(Map.of("username", "bademail", "first_name", "A", "last_name", "B", "email", "not-an-email"))
                .send();
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.json().get("error_description").asText().startsWith("email:"), r.toString());
        Http.Reply missing = call("POST", "user")
                .json(Map.of("username", "nofirst", "last_name", "B", "email", "n@example.org"))
                .send();
        assertEquals(
                "field 'first_name' is required",
                missing.json().get("error_description").asText());
    }

    @Test
    void aTemporaryPasswordSetsKeycloaksUpdatePasswordAction() {
        String username = "temp-" + UUID.randomUUID().toString().substring(0, 6);
        call("POST", "user")
                .jsonBody(
                        """
                        {"username": "%s", "first_name": "T", "last_name": "P", "email": "%s@example.org",
                         "password": "12345678", "temporary_password": true}"""
                                .formatted(username, username))
                .send();
        call("POST", "user/activation").json(Map.of("username", username)).send();
        JsonNode kc = realm.adminUser(username);
        assertEquals("UPDATE_PASSWORD", kc.get("requiredActions").get(0).asText());
        assertFalse(realm.tryPasswordGrant(username, "12345678").status() == 200, "account not fully set up");

        Http.Reply reset = call("PUT", "user/password")
                .json(Map.of("username", username, "password", "new-password-1"))
                .send();
        assertEquals(200, reset.status(), reset.toString());
        assertTrue(reset.json().get("status").asBoolean());
        assertEquals(0, realm.adminUser(username).get("requiredActions").size(), "reset is not temporary");
        assertEquals(200, realm.tryPasswordGrant(username, "new-password-1").status());
        assertFalse(realm.tryPasswordGrant(username, "12345678").status() == 200);
    }

    @Test
    void resetPasswordFollowsThePolicy() {
        String username = activeUser();
        Http.Reply r = call("PUT", "user/password")
                .json(Map.of("username", username, "password", "short"))
                .send();
        assertEquals(400, r.status());
        assertEquals(200, realm.tryPasswordGrant(username, "12345678").status(), "the old password still works");
    }

    @Test
    void availabilityAcceptsBothParameterSpellings() {
        String username = newUser();
        assertFalse(call("GET", "user/availability?user.username=" + username)
                .send()
                .json()
                .get("status")
                .asBoolean());
        assertFalse(call("GET", "user/availability?username=" + username)
                .send()
                .json()
                .get("status")
                .asBoolean());
        assertTrue(call("GET", "user/availability?username=free-" + username)
                .send()
                .json()
                .get("status")
                .asBoolean());
        assertEquals(400, call("GET", "user/availability").send().status());
    }

    @Test
    void deleteRemovesTheUserButNeedsManageUsers() {
        String username = activeUser();
        String plainUser = realm.userAccessToken();
        Http.Reply refused = Http.request("DELETE", realm.custos(SERVICE, "user"))
                .auth(Http.bearer(plainUser))
                .json(Map.of("username", username))
                .send();
        assertEquals(403, refused.status(), refused.toString());
        assertNotNull(realm.adminUser(username));

        Http.Reply deleted =
                call("DELETE", "user").json(Map.of("username", username)).send();
        assertEquals(200, deleted.status(), deleted.toString());
        assertNull(realm.adminUser(username));
        assertEquals(
                404,
                call("DELETE", "user").json(Map.of("username", username)).send().status());
    }

    @Test
    void attributesAreReplacedPerKeyVisibleInTheConsoleAndRemovable() {
        String a = activeUser();
        String b = activeUser();
        Http.Reply added = call("POST", "attributes")
                .jsonBody(
                        """
                        {"attributes": [{"key": "phone", "values": ["81239153889"]},
                                        {"key": "emails", "values": ["irjanith@gmail.com", "isjarana@gmail.com"]}],
                         "users": ["%s", "%s"]}"""
                                .formatted(a, b))
                .send();
        assertEquals(200, added.status(), added.toString());
        for (String u : List.of(a, b)) {
            JsonNode attributes = realm.adminUser(u).get("attributes");
            assertEquals("81239153889", attributes.get("phone").get(0).asText());
            assertEquals(2, attributes.get("emails").size());
        }
        assertEquals(
                "ADMIN_EDIT",
                realm.admin()
                        .get("/" + realm.name() + "/users/profile")
                        .get("unmanagedAttributePolicy")
                        .asText(),
                "attributes must be visible and editable in the console");

        call("POST", "attributes").json(attribute("phone", List.of("1"), a)).send();
        assertEquals(
                List.of("1"),
                List.of(realm.adminUser(a).get("attributes").get("phone").get(0).asText()));

        Http.Reply removed = call("DELETE", "attributes")
                .json(attribute("emails", List.of("irjanith@gmail.com"), a))
                .send();
        assertEquals(200, removed.status(), removed.toString());
        JsonNode left = realm.adminUser(a).get("attributes").get("emails");
        assertEquals(1, left.size());
        assertEquals("isjarana@gmail.com", left.get(0).asText());
    }

    @Test
    void aUserCannotChangeCustosAttributesThroughTheAccountConsole() {
        String a = activeUser();
        call("POST", "attributes").json(attribute("lab", List.of("granted"), a)).send();
        String token = realm.accessToken(a, "12345678");
        Http.Reply mine = Http.request("GET", realm.realmUrl() + "/account")
                .auth(Http.bearer(token))
                .header("Accept", "application/json")
                .send();
        assertEquals(200, mine.status(), mine.toString());
        assertFalse(mine.json().path("attributes").has("lab"), "admin data is not shown to the user: " + mine.body());
        Http.Reply attempt = Http.request("POST", realm.realmUrl() + "/account")
                .auth(Http.bearer(token))
                .jsonBody(
                        """
                        {"username": "%s", "email": "%s@example.org", "firstName": "Jhon", "lastName": "Creg",
                         "attributes": {"lab": ["self-granted"]}}"""
                                .formatted(a, a))
                .send();
        assertTrue(attempt.status() < 500, attempt.toString());
        assertEquals(
                "granted",
                realm.adminUser(a).get("attributes").get("lab").get(0).asText());
    }

    @Test
    void keycloakUserFieldsAndTheAgentMarkerAreNotAttributes() {
        String a = activeUser();
        for (String key : List.of("email", "username", "custos-realm-agent")) {
            Http.Reply r = call("POST", "attributes")
                    .json(attribute(key, List.of("x@y.z"), a))
                    .send();
            assertEquals(400, r.status(), key + ": " + r);
        }
        assertEquals(a + "@example.org", realm.adminUser(a).get("email").asText());
    }

    @Test
    void attributeChangesAreAllOrNothingAcrossUsers() {
        String a = activeUser();
        Http.Reply r = call("POST", "attributes")
                .json(attribute("k", List.of("v"), a, "no-such-user"))
                .send();
        assertEquals(404, r.status());
        assertFalse(realm.adminUser(a).path("attributes").has("k"), "the first user must not have been changed");
    }

    @Test
    void realmAndClientRolesAreGrantedAndRevokedByEitherPathAndSpelling() {
        String a = activeUser();
        assertEquals(
                200,
                call("POST", "users/roles")
                        .jsonBody(
                                """
                                {"roles": ["gateway_provider"], "usernames": ["%s"], "client_level": false}"""
                                        .formatted(a))
                        .send()
                        .status());
        assertTrue(realm.realmRoleNames(a).contains("gateway_provider"));
        Http.Reply client = call("POST", "users/roles")
                .json(Map.of("roles", List.of("tenant-role"), "usernames", List.of(a), "client_level", true))
                .send();
        assertEquals(200, client.status(), client.toString());
        JsonNode activated = call("POST", "user/activation")
                .json(Map.of("username", a))
                .send()
                .json();
        assertEquals("tenant-role", activated.get("client_roles").get(0).asText());

        Http.Reply seed = call("DELETE", "users/roles")
                .json(Map.of("realm_roles", List.of("gateway_provider"), "username", a))
                .send();
        assertEquals(200, seed.status(), seed.toString());
        assertFalse(realm.realmRoleNames(a).contains("gateway_provider"));

        call("POST", "users/roles")
                .json(Map.of("roles", List.of("gateway_provider"), "usernames", List.of(a)))
                .send();
        Http.Reply custos = call("DELETE", "user/roles")
                .jsonBody(
                        """
                        {"roles": ["gateway_provider"], "client_roles": ["tenant-role"], "username": "%s"}"""
                                .formatted(a))
                .send();
        assertEquals(200, custos.status(), custos.toString());
        assertFalse(realm.realmRoleNames(a).contains("gateway_provider"));
        assertEquals(
                0,
                call("POST", "user/activation")
                        .json(Map.of("username", a))
                        .send()
                        .json()
                        .get("client_roles")
                        .size());
    }

    @Test
    void anUnknownRoleIs400AndGrantsNothing() {
        String a = activeUser();
        Http.Reply r = call("POST", "users/roles")
                .json(Map.of("roles", List.of("gateway_provider", "nope"), "usernames", List.of(a)))
                .send();
        assertEquals(400, r.status());
        assertTrue(r.json().get("error_description").asText().contains("'nope'"));
        assertFalse(realm.realmRoleNames(a).contains("gateway_provider"));
    }

    @Test
    void aManageUsersCallerCannotEscalateToRealmAdmin() {
        String a = activeUser();
        Http.Reply composite = call("POST", "users/roles")
                .json(Map.of("roles", List.of("sneaky"), "usernames", List.of(a)))
                .send();
        assertEquals(403, composite.status(), composite.toString());
        Http.Reply admin =
                call("POST", "user/admin").json(Map.of("username", a)).send();
        assertEquals(403, admin.status(), admin.toString());
        Http.Reply takeover = call("PUT", "user/password")
                .json(Map.of("username", "root", "password", "hijacked-1"))
                .send();
        assertEquals(
                403, takeover.status(), "resetting a realm admin's password is taking over the realm: " + takeover);
        assertEquals(
                403,
                call("PUT", "user/profile")
                        .json(Map.of("username", "root", "email", "me@evil.org"))
                        .send()
                        .status());
        assertEquals(
                403,
                call("DELETE", "user").json(Map.of("username", "root")).send().status());
        assertFalse(realm.realmRoleNames(a).contains("sneaky"));
    }

    @Test
    void aRealmAdminMakesAndRemovesTenantAdmins() {
        String a = activeUser();
        Http.Reply made = Http.request("POST", realm.custos(SERVICE, "user/admin"))
                .auth(Http.bearer(rootToken))
                .json(Map.of("username", a))
                .send();
        assertEquals(200, made.status(), made.toString());
        assertTrue(realm.realmRoleNames(a).contains("admin"));
        String id = realm.adminUser(a).get("id").asText();
        String rm = realm.admin()
                .get("/" + realm.name() + "/clients?clientId=realm-management")
                .get(0)
                .get("id")
                .asText();
        JsonNode mapped = realm.admin().get("/" + realm.name() + "/users/" + id + "/role-mappings/clients/" + rm);
        assertEquals("realm-admin", mapped.get(0).get("name").asText());

        Http.Reply removed = Http.request("DELETE", realm.custos(SERVICE, "user/admin"))
                .auth(Http.bearer(rootToken))
                .json(Map.of("username", a))
                .send();
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(
                0,
                realm.admin()
                        .get("/" + realm.name() + "/users/" + id + "/role-mappings/clients/" + rm)
                        .size());
        assertFalse(realm.realmRoleNames(a).contains("admin"));
    }

    @Test
    void updateProfileReturnsTheCustosProfile() {
        String a = activeUser();
        Http.Reply r = call("PUT", "user/profile")
                .jsonBody(
                        """
                        {"username": "%s", "first_name": "Jhon", "last_name": "Saturday",
                         "email": "sat-%s@example.org"}"""
                                .formatted(a, a))
                .send();
        assertEquals(200, r.status(), r.toString());
        JsonNode p = r.json();
        assertEquals("Saturday", p.get("last_name").asText());
        assertEquals("sat-" + a + "@example.org", p.get("email").asText());
        assertTrue(p.get("created_at").isTextual(), "int64 printed as a string");
        assertEquals("ACTIVE", p.get("status").asText());
        assertEquals("Saturday", realm.adminUser(a).get("lastName").asText());

        String b = activeUser();
        assertEquals(
                409,
                call("PUT", "user/profile")
                        .json(Map.of("username", b, "email", "sat-" + a + "@example.org"))
                        .send()
                        .status());
        assertEquals(
                400,
                call("PUT", "user/profile")
                        .json(Map.of("username", b, "email", "nope"))
                        .send()
                        .status());
    }

    @Test
    void getUsersPagesSearchesAndFindsByExactId() {
        List<String> mine = new ArrayList<>();
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 4) + "-";
        for (int i = 0; i < 5; i++) {
            String username = prefix + i;
            call("POST", "user")
                    .jsonBody(
                            """
                            {"username": "%s", "first_name": "P", "last_name": "Q", "email": "%s@example.org"}"""
                                    .formatted(username, username))
                    .send();
            mine.add(username);
        }
        JsonNode page1 = call("GET", "users?offset=0&limit=3&user.username=" + prefix)
                .send()
                .json();
        JsonNode page2 = call("GET", "users?offset=3&limit=3&user.username=" + prefix)
                .send()
                .json();
        assertEquals(3, page1.get("users").size());
        assertEquals(2, page2.get("users").size());
        assertEquals(5, page1.get("total_size").asInt());
        List<String> seen = new ArrayList<>();
        page1.get("users").forEach(u -> seen.add(u.get("username").asText()));
        page2.get("users").forEach(u -> seen.add(u.get("username").asText()));
        assertEquals(mine, seen);

        String id = realm.adminUser(mine.get(2)).get("id").asText();
        JsonNode byId = call("GET", "users?user.id=" + id).send().json();
        assertEquals(1, byId.get("users").size());
        assertEquals(mine.get(2), byId.get("users").get(0).get("username").asText());
        JsonNode freeText = call("GET", "users?user.id=" + prefix + "4").send().json();
        assertEquals(mine.get(4), freeText.get("users").get(0).get("username").asText());

        JsonNode all = call("GET", "users?limit=1000").send().json();
        all.get("users")
                .forEach(u -> assertFalse(
                        u.get("username").asText().startsWith("service-account-"),
                        "service accounts are not users: " + u));
        assertEquals(400, call("GET", "users?limit=1001").send().status());
        assertEquals(400, call("GET", "users?offset=-1").send().status());
        assertEquals(400, call("GET", "users?limit=ten").send().status());
    }

    @Test
    void usersCanBeSelectedByAttributes() {
        String a = activeUser();
        String b = activeUser();
        String tag = UUID.randomUUID().toString();
        call("POST", "attributes").json(attribute("lab", List.of(tag), a, b)).send();
        call("POST", "attributes").json(attribute("role", List.of("pi"), b)).send();
        JsonNode one = call("GET", "users/profile?user_profile.attributes.key=lab&user_profile.attributes.value=" + tag)
                .send()
                .json();
        assertEquals(2, one.get("profiles").size(), one.toString());
        JsonNode both = call(
                        "GET",
                        "users/profile?user_profile.attributes.key=lab&user_profile.attributes.value=" + tag
                                + "&user_profile.attributes.key=role&user_profile.attributes.values=pi")
                .send()
                .json();
        assertEquals(1, both.get("profiles").size(), both.toString());
        JsonNode profile = both.get("profiles").get(0);
        assertEquals(b, profile.get("username").asText());
        assertTrue(profile.get("attributes").toString().contains(tag));
        assertEquals(
                400,
                call("GET", "users/profile?user_profile.attributes.key=lab")
                        .send()
                        .status());
    }

    @Test
    void linkingCopiesTheListedAttributesFromThePreviousAccount() {
        String previous = activeUser();
        String current = activeUser();
        call("PUT", "user/profile")
                .json(Map.of("username", previous, "first_name", "Old", "last_name", "Name"))
                .send();
        call("POST", "attributes")
                .json(attribute("phone", List.of("42"), previous))
                .send();
        Http.Reply r = call("POST", "user/profile/mapper")
                .json(mapping(current, previous, "phone", "name"))
                .send();
        assertEquals(200, r.status(), r.toString());
        JsonNode kc = realm.adminUser(current);
        assertEquals("Old", kc.get("firstName").asText());
        assertEquals("42", kc.get("attributes").get("phone").get(0).asText());
        assertEquals(
                404,
                call("POST", "user/profile/mapper")
                        .json(mapping(current, "ghost", "phone"))
                        .send()
                        .status());
    }

    @Test
    void anotherRealmsUsersAreInvisible() {
        assertEquals(
                404,
                call("POST", "user/activation")
                        .json(Map.of("username", "only-elsewhere"))
                        .send()
                        .status());
        assertEquals(
                404,
                call("GET", "user/activation/status?user.username=only-elsewhere")
                        .send()
                        .status());
        String otherId = otherRealm.adminUser("only-elsewhere").get("id").asText();
        assertEquals(
                0,
                call("GET", "users?user.id=" + otherId)
                        .send()
                        .json()
                        .get("users")
                        .size());
    }

    @Test
    void deleteBodiesWithNullFieldsAreTolerated() {
        String a = activeUser();
        Http.Reply r = call("DELETE", "user")
                .json("{\"username\":\"" + a + "\",\"client_id\":null,\"extra\":[1]}")
                .send();
        assertEquals(200, r.status(), r.toString());
    }
}
