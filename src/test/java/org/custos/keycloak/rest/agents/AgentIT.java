package org.custos.keycloak.rest.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Agents as Keycloak clients with service accounts: management rows and the agent token life cycle. */
class AgentIT {

    private static final String SERVICE = "agent-management";
    private static TestRealm realm;
    private static TestRealm otherRealm;
    private static String admin;

    @BeforeAll
    static void setUp() {
        AdminApi api = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(api, "agents", rep -> {
            rep.putObject("roles").set("realm", Http.JSON.valueToTree(List.of(Map.of("name", "agent_role"))));
            rep.withArray("users")
                    // Agents are clients (manage-clients); mapping realm roles on them is a role mapping, which
                    // Keycloak gives to user-admins (manage-users).
                    .add(
                            Http.parse(
                                    """
                                    {"username": "agentadmin", "enabled": true, "email": "aa@example.org",
                                     "firstName": "A", "lastName": "A",
                                     "clientRoles": {"realm-management": ["manage-clients", "manage-users"]},
                                     "credentials":
                                       [{"type": "password", "value": "agent-admin-1", "temporary": false}]}"""));
            rep.withArray("users")
                    .add(
                            Http.parse(
                                    """
                                    {"username": "clientsonly", "enabled": true, "email": "co@example.org",
                                     "firstName": "C", "lastName": "O",
                                     "clientRoles": {"realm-management": ["manage-clients"]},
                                     "credentials":
                                       [{"type": "password", "value": "clients-only-1", "temporary": false}]}"""));
        });
        otherRealm = TestRealm.create(
                api, "agents-other", rep -> rep.withArray("users").forEach(u -> {
                    if (u.get("username").asText().equals("service-account-" + TestRealm.TENANT_CLIENT)) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) u.get("clientRoles"))
                                .withArray("realm-management")
                                .add("manage-clients");
                    }
                }));
        admin = realm.accessToken("agentadmin", "agent-admin-1");
        assertEquals(200, call("POST", "enable").json(Map.of()).send().status());
    }

    @AfterAll
    static void tearDown() {
        realm.close();
        otherRealm.close();
    }

    private static Http.Request call(String method, String path) {
        return Http.request(method, realm.custos(SERVICE, path)).auth(Http.bearer(admin));
    }

    private static JsonNode register(String id, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("id", id));
        body.putAll(extra);
        Http.Reply r = call("POST", "agent").json(body).send();
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private static Http.Reply agentToken(TestRealm r, String id, String secret, Map<String, String> body) {
        return Http.request("POST", r.custos("identity-management", "agent/token/" + TestRealm.TENANT_CLIENT))
                .auth(Http.custosBearer(id, secret))
                .json(body)
                .send();
    }

    private static JsonNode claims(String jwt) throws Exception {
        return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String newId() {
        return "agent-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void enableIsIdempotentAndAgentsAreClientsInTheConsole() {
        assertEquals(200, call("POST", "enable").send().status());
        String id = newId();
        JsonNode registered = register(id, Map.of());
        assertEquals(id, registered.get("id").asText());
        assertTrue(registered.get("secret").asText().length() >= 32);
        JsonNode client = realm.admin()
                .get("/" + realm.name() + "/clients?clientId=" + id)
                .get(0);
        assertTrue(client.get("serviceAccountsEnabled").asBoolean());
        assertEquals(false, client.get("publicClient").asBoolean());
        assertTrue(call("GET", "agents").send().body().contains(id));
        assertEquals(409, call("POST", "agent").json(Map.of("id", id)).send().status());
        assertEquals(
                409,
                call("POST", "agent")
                        .json(Map.of("id", TestRealm.TENANT_CLIENT))
                        .send()
                        .status(),
                "an agent id must not collide with an ordinary client");
    }

    @Test
    void theTokenLifeCycleWorksEndToEnd() throws Exception {
        String id = newId();
        String secret = register(
                        id,
                        Map.of(
                                "realm_roles", List.of("agent_role"),
                                "attributes", List.of(Map.of("key", "site", "values", List.of("iu")))))
                .get("secret")
                .asText();
        assertEquals(
                200,
                call("POST", "protocol/mapper")
                        .jsonBody(
                                """
                                {"name": "site-%s", "attribute_name": "site", "claim_name": "site",
                                 "claim_type": "STRING", "mapper_type": "USER_ATTRIBUTE",
                                 "add_to_access_token": true}"""
                                        .formatted(id))
                        .send()
                        .status());

        Http.Reply token = agentToken(realm, id, secret, Map.of("grant_type", "client_credentials"));
        assertEquals(200, token.status(), token.toString());
        JsonNode claims = claims(token.json().get("access_token").asText());
        assertEquals(id, claims.get("azp").asText());
        assertTrue(claims.at("/realm_access/roles").toString().contains("agent_role"), claims.toString());
        assertEquals("iu", claims.get("site").asText(), "attributes reach the token through the protocol mapper");

        // Its token is a credential of its own realm only.
        String access = token.json().get("access_token").asText();
        assertEquals(
                200,
                Http.request("GET", realm.custos("resource-secret-management", "secret/summaries"))
                        .auth(Http.bearer(access))
                        .send()
                        .status());
        assertEquals(
                401,
                Http.request("GET", otherRealm.custos("resource-secret-management", "secret/summaries"))
                        .auth(Http.bearer(access))
                        .send()
                        .status());

        String refresh = token.json().get("refresh_token").asText();
        Http.Reply renewed =
                agentToken(realm, id, secret, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertEquals(200, renewed.status(), renewed.toString());
        String renewedRefresh = renewed.json().get("refresh_token").asText();
        Http.Reply out = Http.request(
                        "POST", realm.custos("identity-management", "agent/logout/" + TestRealm.TENANT_CLIENT))
                .auth(Http.custosBearer(id, secret))
                .jsonBody("""
                        {"refresh_token": "%s"}""".formatted(renewedRefresh))
                .send();
        assertEquals(200, out.status(), out.toString());
        assertEquals(
                400,
                agentToken(realm, id, secret, Map.of("grant_type", "refresh_token", "refresh_token", renewedRefresh))
                        .status(),
                "refused after logout");
        assertEquals(
                400,
                agentToken(realm, id, secret, Map.of("grant_type", "password")).status());
    }

    @Test
    void aDisabledOrDeletedAgentGetsNoToken() {
        String id = newId();
        String secret = register(id, Map.of()).get("secret").asText();
        Http.Reply first = agentToken(realm, id, secret, Map.of("grant_type", "client_credentials"));
        assertEquals(200, first.status());
        assertEquals(200, call("POST", "agent/deactivation/" + id).send().status());
        assertEquals(
                401,
                agentToken(realm, id, secret, Map.of("grant_type", "client_credentials"))
                        .status());
        String refresh = first.json().get("refresh_token").asText();
        assertEquals(
                401,
                agentToken(realm, id, secret, Map.of("grant_type", "refresh_token", "refresh_token", refresh))
                        .status());
        assertEquals(
                false, call("GET", "agent/" + id).send().json().get("isEnabled").asBoolean());
        assertEquals(200, call("POST", "agent/activation/" + id).send().status());
        assertEquals(
                200,
                agentToken(realm, id, secret, Map.of("grant_type", "client_credentials"))
                        .status());
        assertEquals(200, call("DELETE", "agent/" + id).send().status());
        assertEquals(
                401,
                agentToken(realm, id, secret, Map.of("grant_type", "client_credentials"))
                        .status());
        assertEquals(404, call("GET", "agent/" + id).send().status());
    }

    @Test
    void tokenLifetimeRolesAndAttributesAreManaged() throws Exception {
        String id = newId();
        String secret = register(id, Map.of()).get("secret").asText();
        assertEquals(
                200,
                call("POST", "token/configuration")
                        .json(Map.of("access_token_life_time", 120))
                        .send()
                        .status());
        JsonNode c = claims(agentToken(realm, id, secret, Map.of("grant_type", "client_credentials"))
                .json()
                .get("access_token")
                .asText());
        assertEquals(120, c.get("exp").asLong() - c.get("iat").asLong());

        assertEquals(
                200,
                call("POST", "roles")
                        .jsonBody(
                                """
                                {"roles": [{"name": "job_runner", "description": "runs jobs", "composite": false}]}""")
                        .send()
                        .status());
        assertEquals(
                200,
                call("POST", "agent/roles")
                        .json(Map.of("agents", List.of(id), "roles", List.of("job_runner"), "client_level", true))
                        .send()
                        .status());
        c = claims(agentToken(realm, id, secret, Map.of("grant_type", "client_credentials"))
                .json()
                .get("access_token")
                .asText());
        assertTrue(c.at("/resource_access/custos-agents/roles").toString().contains("job_runner"), c.toString());
        assertEquals(
                "job_runner",
                call("GET", "agent/" + id)
                        .send()
                        .json()
                        .get("client_roles")
                        .get(0)
                        .asText());
        assertEquals(
                200,
                call("DELETE", "agent/roles")
                        .json(Map.of("id", id, "client_roles", List.of("job_runner")))
                        .send()
                        .status());
        assertEquals(
                0, call("GET", "agent/" + id).send().json().get("client_roles").size());

        assertEquals(
                200,
                call("POST", "agent/attributes")
                        .jsonBody(
                                """
                                {"agents": ["%s"], "attributes": [{"key": "lab", "values": ["a", "b"]}]}"""
                                        .formatted(id))
                        .send()
                        .status());
        assertTrue(call("GET", "agent/" + id)
                .send()
                .json()
                .get("attributes")
                .toString()
                .contains("lab"));
        assertEquals(
                200,
                call("DELETE", "agent/attributes")
                        .jsonBody(
                                """
                                {"agents": ["%s"], "attributes": [{"key": "lab", "values": ["a", "b"]}]}"""
                                        .formatted(id))
                        .send()
                        .status());
        assertTrue(!call("GET", "agent/" + id)
                .send()
                .json()
                .get("attributes")
                .toString()
                .contains("lab"));
    }

    @Test
    void agentsNeedManageClientsAndAnotherRealmsAgentsAreInvisible() {
        String id = newId();
        register(id, Map.of());
        assertEquals(
                403,
                Http.request("GET", realm.custos(SERVICE, "agents"))
                        .auth(realm.tenantAuth())
                        .send()
                        .status());
        assertEquals(
                401, Http.request("GET", realm.custos(SERVICE, "agents")).send().status());
        assertEquals(
                401,
                Http.request("GET", otherRealm.custos(SERVICE, "agent/" + id))
                        .auth(Http.bearer(admin))
                        .send()
                        .status(),
                "this realm's admin token means nothing in another realm");
        Http.Request otherAdmin =
                Http.request("POST", otherRealm.custos(SERVICE, "enable")).auth(otherRealm.tenantAuth());
        assertEquals(200, otherAdmin.send().status());
        Http.Reply elsewhere = Http.request("GET", otherRealm.custos(SERVICE, "agent/" + id))
                .auth(otherRealm.tenantAuth())
                .send();
        assertEquals(404, elsewhere.status(), "another realm's agent is invisible: " + elsewhere);
    }

    @Test
    void aClientsOnlyAdminRegistersAgentsButCannotMapRealmRolesOnThem() {
        String clientsOnly = realm.accessToken("clientsonly", "clients-only-1");
        String id = "agent-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Http.Reply refused = Http.request("POST", realm.custos(SERVICE, "agent"))
                .auth(Http.bearer(clientsOnly))
                .json(Map.of("id", id, "realm_roles", List.of("agent_role")))
                .send();
        assertEquals(403, refused.status(), refused.toString());
        assertEquals(404, call("GET", "agent/" + id).send().status(), "nothing was registered");
        Http.Reply plain = Http.request("POST", realm.custos(SERVICE, "agent"))
                .auth(Http.bearer(clientsOnly))
                .json(Map.of("id", id))
                .send();
        assertEquals(200, plain.status(), plain.toString());
    }
}
