package org.custos.keycloak.rest.authzen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.AuthZenApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AuthZEN 1.0 decision point over HTTP: the specification's own examples (its requests verbatim, its responses
 * compared exactly), the reason a decision carries, who may ask, and bad input.
 */
class AuthZenIT {

    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";
    static final String PEP = "pep";
    static final String PEP_SECRET = "pep-secret";

    static TestRealm realm;
    static SharingApi admin;
    static String groupId;
    static String subGroupId;

    @BeforeAll
    static void setUp() {
        AdminApi api = new AdminApi(KeycloakServer.get());
        String pepClient =
                """
                {"clientId": "%s", "secret": "%s", "publicClient": false, "serviceAccountsEnabled": true}"""
                        .formatted(PEP, PEP_SECRET);
        String pepServiceAccount =
                """
                {"username": "service-account-%s", "enabled": true, "serviceAccountClientId": "%s",
                 "clientRoles": {"realm-management": ["view-authorization"]}}"""
                        .formatted(PEP, PEP);
        realm = TestRealm.create(api, "authzen", rep -> {
            for (String[] u : new String[][] {{ALICE, "Alice"}, {BOB, "Bob"}, {"carol", "Carol"}}) {
                Map<String, Object> user = TestRealm.user(u[0], u[1].toLowerCase() + "-Password-1");
                user.put("firstName", u[1]);
                user.put("email", u[1].toLowerCase() + ".authzen@example.org");
                rep.withArray("users").add(Http.JSON.valueToTree(user));
            }
            rep.withArray("clients").add(Http.parse(pepClient));
            rep.withArray("users").add(Http.parse(pepServiceAccount));
        });
        String r = "/" + realm.name();
        groupId = created(api.call("POST", r + "/groups", Map.of("name", "lab")));
        subGroupId = created(api.call("POST", r + "/groups/" + groupId + "/children", Map.of("name", "bench")));
        api.call("PUT", r + "/users/" + realm.adminUser("carol").get("id").asText() + "/groups/" + subGroupId, null);
        admin = new SharingApi(realm, realm.tenantAuth());
        for (String t : List.of("account", "document")) {
            admin.entityType(t);
        }
        for (String p : List.of("can_read", "can_write", "can_edit", "read")) {
            admin.permissionType(p);
        }
        for (String a : List.of("123", "456", "789")) {
            admin.createEntity(a, "account", BOB, null);
            admin.share("users", a, "can_read", List.of(ALICE), false);
        }
        admin.share("users", "123", "can_read", List.of(BOB), false);
        admin.share("users", "123", "can_write", List.of(ALICE), false);
        for (String d : List.of("1", "2", "3", "boxcarring.md", "subject-search.md", "resource-search.md")) {
            admin.createEntity(d, "document", "carol", null);
        }
        admin.share("users", "1", "read", List.of(ALICE), false);
        admin.share("users", "3", "read", List.of(ALICE), false);
        for (String d : List.of("boxcarring.md", "subject-search.md")) {
            admin.share("users", d, "can_read", List.of(ALICE), false);
        }
        admin.share("users", "resource-search.md", "can_edit", List.of(ALICE), false);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    static String created(Http.Reply reply) {
        String location = reply.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static Map<String, Object> user(String id) {
        return AuthZenApi.subject("user", id);
    }

    static Map<String, Object> account(String id) {
        return AuthZenApi.resource("account", id);
    }

    /** An AuthZEN request: may this subject take this action on this resource? */
    static Map<String, Object> ask(Map<String, ?> subject, String action, Map<String, ?> resource) {
        return Map.of("subject", subject, "action", AuthZenApi.action(action), "resource", resource);
    }

    /** {@link #ask}, with the context {@code {"explain": true}}: the decision comes with the grant that made it. */
    static Map<String, Object> askWhy(Map<String, ?> subject, String action, Map<String, ?> resource) {
        Map<String, Object> request = new HashMap<>(ask(subject, action, resource));
        request.put("context", Map.of("explain", true));
        return request;
    }

    static String pep() {
        return Http.basic(PEP, PEP_SECRET);
    }

    static Http.Reply post(String auth, String path, Object body) {
        Http.Request r = Http.request("POST", realm.realmUrl() + "/custos/authzen/access/v1/" + path);
        r = auth == null ? r : r.auth(auth);
        return (body instanceof String text ? r.body(text, "application/json") : r.json(body)).send();
    }

    static JsonNode ok(String auth, String path, Object body) {
        Http.Reply reply = post(auth, path, body);
        assertEquals(200, reply.status(), path + " " + body + " -> " + reply);
        return reply.json();
    }

    static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------- the specification's examples

    @Test
    void theSpecificationsEvaluationExample() {
        String request =
                """
                {"subject": {"type": "user", "id": "alice@example.com"},
                 "resource": {"type": "account", "id": "123"},
                 "action": {"name": "can_read", "properties": {"method": "GET"}},
                 "context": {"time": "1985-10-26T01:22-07:00"}}""";
        assertEquals(json("{\"decision\": true}"), ok(pep(), "evaluation", request));
    }

    @Test
    void theSpecificationsThreeSemanticsExamples() {
        String body =
                """
                {"subject": {"type": "user", "id": "alice@example.com"},
                 "action": {"name": "read"},
                 "options": {"evaluations_semantic": "%s"},
                 "evaluations": [{"resource": {"type": "document", "id": "1"}},
                                 {"resource": {"type": "document", "id": "2"}},
                                 {"resource": {"type": "document", "id": "3"}}]}""";
        assertEquals(
                json("{\"evaluations\": [{\"decision\": true}, {\"decision\": false}, {\"decision\": true}]}"),
                ok(pep(), "evaluations", body.formatted("execute_all")));
        assertEquals(
                json("{\"evaluations\": [{\"decision\": true}, {\"decision\": false, \"context\": "
                        + "{\"code\": \"200\", \"reason\": \"deny_on_first_deny\"}}]}"),
                ok(pep(), "evaluations", body.formatted("deny_on_first_deny")));
        assertEquals(
                json("{\"evaluations\": [{\"decision\": true}]}"),
                ok(pep(), "evaluations", body.formatted("permit_on_first_permit")));
    }

    @Test
    void theSpecificationsDefaultValuesExamples() {
        String noDefaults =
                """
                {"evaluations": [
                  {"subject": {"type": "user", "id": "alice@example.com"}, "action": {"name": "can_read"},
                   "resource": {"type": "document", "id": "boxcarring.md"},
                   "context": {"time": "2024-05-31T15:22-07:00"}},
                  {"subject": {"type": "user", "id": "alice@example.com"}, "action": {"name": "can_read"},
                   "resource": {"type": "document", "id": "subject-search.md"},
                   "context": {"time": "2024-05-31T15:22-07:00"}},
                  {"subject": {"type": "user", "id": "alice@example.com"}, "action": {"name": "can_read"},
                   "resource": {"type": "document", "id": "resource-search.md"},
                   "context": {"time": "2024-05-31T15:22-07:00"}}]}""";
        JsonNode expected =
                json("{\"evaluations\": [{\"decision\": true}, {\"decision\": true}, {\"decision\": false}]}");
        assertEquals(expected, ok(pep(), "evaluations", noDefaults));
        String overridden =
                """
                {"subject": {"type": "user", "id": "alice@example.com"},
                 "context": {"time": "2024-05-31T15:22-07:00"},
                 "action": {"name": "can_read"},
                 "evaluations": [{"resource": {"type": "document", "id": "boxcarring.md"}},
                                 {"resource": {"type": "document", "id": "subject-search.md"}},
                                 {"action": {"name": "can_edit"},
                                  "resource": {"type": "document", "id": "resource-search.md"}}]}""";
        assertEquals(
                json("{\"evaluations\": [{\"decision\": true}, {\"decision\": true}, {\"decision\": true}]}"),
                ok(pep(), "evaluations", overridden));
        // Without evaluations, the request is a single evaluation, answered as one.
        String single =
                """
                {"subject": {"type": "user", "id": "alice@example.com"}, "action": {"name": "can_read"},
                 "resource": {"type": "account", "id": "123"}, "evaluations": []}""";
        assertEquals(json("{\"decision\": true}"), ok(pep(), "evaluations", single));
    }

    @Test
    void theSpecificationsSearchExamples() {
        String subjects =
                """
                {"subject": {"type": "user"}, "action": {"name": "can_read"},
                 "resource": {"type": "account", "id": "123"}, "context": {"time": "2024-10-26T01:22-07:00"}}""";
        assertEquals(
                json("{\"page\": {\"next_token\": \"\", \"count\": 2}, \"results\": ["
                        + "{\"type\": \"user\", \"id\": \"alice@example.com\"},"
                        + " {\"type\": \"user\", \"id\": \"bob@example.com\"}]}"),
                ok(pep(), "search/subject", subjects));
        String resources =
                """
                {"subject": {"type": "user", "id": "alice@example.com"}, "action": {"name": "can_read"},
                 "resource": {"type": "account"}}""";
        JsonNode found = ok(pep(), "search/resource", resources);
        assertEquals(
                json("[{\"type\":\"account\",\"id\":\"123\"},{\"type\":\"account\",\"id\":\"456\"},"
                        + "{\"type\":\"account\",\"id\":\"789\"}]"),
                found.get("results"));
        String actions =
                """
                {"subject": {"type": "user", "id": "alice@example.com"},
                 "resource": {"type": "account", "id": "123"}, "context": {"time": "2024-10-26T01:22-07:00"}}""";
        assertEquals(
                json("[{\"name\": \"can_read\"}, {\"name\": \"can_write\"}]"),
                ok(pep(), "search/action", actions).get("results"));
    }

    @Test
    void theSpecificationsPaginationExample() {
        Map<String, Object> request = new HashMap<>(ask(user(ALICE), "can_read", AuthZenApi.resource("account", null)));
        request.put("page", Map.of("limit", 2));
        JsonNode first = ok(pep(), "search/resource", request);
        assertEquals(2, first.get("page").get("count").asInt());
        String token = first.get("page").get("next_token").asText();
        assertFalse(token.isEmpty(), "a partial page carries a token");
        assertEquals(
                json("[{\"type\":\"account\",\"id\":\"123\"},{\"type\":\"account\",\"id\":\"456\"}]"),
                first.get("results"));
        request.put("page", Map.of("token", token, "limit", 2));
        JsonNode second = ok(pep(), "search/resource", request);
        assertEquals(json("{\"next_token\": \"\", \"count\": 1}"), second.get("page"));
        assertEquals(json("[{\"type\":\"account\",\"id\":\"789\"}]"), second.get("results"));
        // The token belongs to that search: sent with another, it is refused.
        request.put("action", Map.of("name", "can_write"));
        Http.Reply other = post(pep(), "search/resource", request);
        assertEquals(400, other.status(), other.toString());
        assertTrue(other.body().contains("page.token"), other.body());
    }

    @Test
    void theMetadataNamesEveryEndpointUnderTheRealmsBase() {
        Http.Reply reply = Http.request("GET", realm.realmUrl() + "/custos/authzen/.well-known/authzen-configuration")
                .send();
        assertEquals(200, reply.status(), reply.toString());
        String base = realm.realmUrl() + "/custos/authzen";
        JsonNode m = reply.json();
        assertEquals(base, m.get("policy_decision_point").asText());
        for (String[] e : new String[][] {
            {"access_evaluation_endpoint", "evaluation"},
            {"access_evaluations_endpoint", "evaluations"},
            {"search_subject_endpoint", "search/subject"},
            {"search_resource_endpoint", "search/resource"},
            {"search_action_endpoint", "search/action"}
        }) {
            assertEquals(base + "/access/v1/" + e[1], m.get(e[0]).asText(), e[0]);
        }
        // Each URL it names answers (with credentials).
        assertEquals(
                200,
                post(pep(), "search/action", Map.of("subject", user(ALICE), "resource", account("123")))
                        .status());
    }

    // ------------------------------------------------------------- reasons, subjects, unknowns

    @Test
    void aDecisionExplainsTheShareThatMadeIt() {
        admin.entityType("folder");
        admin.createEntity("f-top", "folder", "carol", null);
        admin.createEntity("f-mid", "folder", "carol", "f-top");
        admin.createEntity("f-leaf", "folder", "carol", "f-mid");
        admin.share("groups", "f-top", "read", List.of(groupId), true);
        admin.share("users", "f-leaf", "read", List.of(BOB), false);
        Map<String, Object> leaf = AuthZenApi.resource("folder", "f-leaf");
        JsonNode owner = ok(pep(), "evaluation", askWhy(user("carol"), "read", leaf));
        assertEquals(
                json("{\"decision\": true, \"context\": {\"grant\": {\"kind\": \"owner\", "
                        + "\"permission\": \"OWNER\"}}}"),
                owner);
        JsonNode direct = ok(pep(), "evaluation", askWhy(user(BOB), "read", leaf));
        assertEquals(
                json("{\"kind\": \"direct\", \"permission\": \"read\"}"),
                direct.get("context").get("grant"));
        // carol is in "bench", a sub-group of "lab", which holds read on f-top, cascading to f-leaf.
        admin.share("users", "f-top", "can_read", List.of("carol"), false);
        JsonNode viaGroup = ok(pep(), "evaluation", askWhy(AuthZenApi.subject("group", subGroupId), "read", leaf));
        assertEquals(
                json("{\"kind\": \"group\", \"permission\": \"read\", \"group\": \"" + groupId
                        + "\", \"cascaded_from\": \"f-top\"}"),
                viaGroup.get("context").get("grant"));
        JsonNode none = ok(pep(), "evaluation", askWhy(user(ALICE), "read", leaf));
        assertEquals(json("{\"decision\": false, \"context\": {\"grant\": {\"kind\": \"none\"}}}"), none);
    }

    @Test
    void unknownSubjectsTypesResourcesAndActionsAreFalseNotErrors() {
        List<Map<String, Object>> subjects = List.of(
                Map.of("type", "user", "id", "nobody"),
                Map.of("type", "robot", "id", ALICE),
                Map.of("type", "group", "id", "no-such-group"),
                Map.of("type", "agent", "id", "no-such-client"));
        for (Map<String, Object> s : subjects) {
            JsonNode d = ok(pep(), "evaluation", ask(s, "can_read", account("123")));
            assertFalse(d.get("decision").asBoolean(), s.toString());
        }
        for (Map<String, String> resource :
                List.of(Map.of("type", "document", "id", "123"), Map.of("type", "account", "id", "999"))) {
            assertFalse(
                    ok(pep(), "evaluation", ask(user(ALICE), "can_read", resource))
                            .get("decision")
                            .asBoolean(),
                    resource.toString());
        }
        // bob owns 123: OWNER satisfies every action that exists, and no other.
        Map<String, Object> carol = Map.of("type", "user", "id", BOB);
        Map<String, Object> acct = Map.of("type", "account", "id", "123");
        assertTrue(ok(pep(), "evaluation", ask(carol, "can_edit", acct))
                .get("decision")
                .asBoolean());
        assertFalse(
                ok(pep(), "evaluation", ask(carol, "fly", acct)).get("decision").asBoolean());
        // A user may be named by id too; a client's service account as agent or client.
        String aliceId = realm.adminUser(ALICE).get("id").asText();
        for (String id : List.of(aliceId, "id:" + aliceId, "username:" + ALICE)) {
            assertTrue(
                    ok(pep(), "evaluation", ask(user(id), "can_read", acct))
                            .get("decision")
                            .asBoolean(),
                    id);
        }
        admin.share("users", "456", "can_write", List.of("service-account-" + PEP), false);
        for (String type : List.of("agent", "client")) {
            assertTrue(
                    ok(pep(), "evaluation", ask(AuthZenApi.subject(type, PEP), "can_write", account("456")))
                            .get("decision")
                            .asBoolean(),
                    type);
        }
        assertEquals(
                json("[{\"type\":\"agent\",\"id\":\"pep\"}]"),
                ok(pep(), "search/subject", ask(AuthZenApi.subject("agent", null), "can_write", account("456")))
                        .get("results"));
    }

    @Test
    void aUuidThatIsOneUsersIdAndAnothersUsernameNamesNobody() {
        String bobId = realm.adminUser(BOB).get("id").asText();
        Map<String, Object> impostor = TestRealm.user(bobId, "impostor-Password-1");
        impostor.put("firstName", "Imp");
        realm.admin().call("POST", "/" + realm.name() + "/users", impostor);
        try {
            admin.share("users", "789", "can_write", List.of(bobId), false);
            Map<String, Object> acct = account("123");
            assertFalse(
                    ok(pep(), "evaluation", ask(user(bobId), "can_read", acct))
                            .get("decision")
                            .asBoolean(),
                    "ambiguous: neither bob nor the impostor");
            assertTrue(ok(pep(), "evaluation", ask(user("id:" + bobId), "can_read", acct))
                    .get("decision")
                    .asBoolean());
            assertTrue(ok(pep(), "evaluation", ask(user("username:" + bobId), "can_write", account("789")))
                    .get("decision")
                    .asBoolean());
        } finally {
            admin.revoke("users", "789", "can_write", List.of(bobId));
            realm.admin()
                    .call(
                            "DELETE",
                            "/" + realm.name() + "/users/"
                                    + realm.adminUser(bobId).get("id").asText(),
                            null);
        }
    }

    /**
     * The same entity id in two realms, shared with a different user in each: each realm's decision point answers
     * from its own shares only — a grant over there is no grant here, and the other way round.
     */
    @Test
    void anotherRealmsEntitiesAndSharesDoNotExistHere() {
        try (TestRealm other = TestRealm.create(new AdminApi(KeycloakServer.get()), "authzen-other", rep -> {
            Map<String, Object> bob = TestRealm.user(BOB, "bob-Password-1");
            bob.put("email", "bob.elsewhere@example.org");
            rep.withArray("users").add(Http.JSON.valueToTree(bob));
            rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user("carol", "carol-Password-1")));
        })) {
            SharingApi there = new SharingApi(other, other.tenantAuth());
            there.entityType("ledger");
            there.permissionType("can_read");
            admin.entityType("ledger");
            // bob owns "twin" in both realms; here carol may read it, over there alice may.
            assertEquals(200, admin.createEntity("twin", "ledger", BOB, null).status());
            assertEquals(200, there.createEntity("twin", "ledger", BOB, null).status());
            assertEquals(
                    200,
                    admin.share("users", "twin", "can_read", List.of("carol"), false)
                            .status());
            assertEquals(
                    200,
                    there.share("users", "twin", "can_read", List.of(TestRealm.USER), false)
                            .status());
            AuthZenApi here = new AuthZenApi(realm, pep());
            AuthZenApi away = new AuthZenApi(other, other.tenantAuth());
            Map<String, Object> twin = AuthZenApi.resource("ledger", "twin");
            Map<String, Object> alice = AuthZenApi.subject("user", TestRealm.USER);
            Map<String, Object> carol = AuthZenApi.subject("user", "carol");
            assertTrue(away.evaluate(alice, "can_read", twin), "the premise: alice holds can_read over there");
            assertFalse(here.evaluate(alice, "can_read", twin), "the other realm's grant counts here");
            assertTrue(here.evaluate(carol, "can_read", twin), "the premise: carol holds can_read here");
            assertFalse(away.evaluate(carol, "can_read", twin), "this realm's grant counts over there");
            Map<String, Object> ledgers = AuthZenApi.resource("ledger", null);
            assertEquals(List.of(), here.search("resource", ask(alice, "can_read", ledgers), 10));
            assertEquals(List.of("twin"), away.search("resource", ask(alice, "can_read", ledgers), 10));
            Map<String, Object> users = AuthZenApi.subject("user", null);
            List<String> readersHere = here.search("subject", ask(users, "can_read", twin), 10);
            List<String> readersThere = away.search("subject", ask(users, "can_read", twin), 10);
            assertTrue(readersHere.contains("carol") && !readersHere.contains(TestRealm.USER), readersHere.toString());
            assertTrue(
                    readersThere.contains(TestRealm.USER) && !readersThere.contains("carol"), readersThere.toString());
            // The other realm's decision point knows nothing of this one.
            Http.Reply foreign = Http.request("POST", other.realmUrl() + "/custos/authzen/access/v1/evaluation")
                    .auth(pep())
                    .json(ask(alice, "can_read", account("123")))
                    .send();
            assertEquals(401, foreign.status(), "this realm's PEP credentials are not the other realm's");
        }
    }

    // ------------------------------------------------------------- who may ask

    @Test
    void aUserAsksOnlyAboutItselfAndLearnsNothingElse() {
        String alice = Http.bearer(realm.accessToken(ALICE, "alice-Password-1"));
        Map<String, Object> acct = Map.of("type", "account", "id", "123");
        Map<String, Object> read = Map.of("name", "can_read");
        assertTrue(ok(alice, "evaluation", ask(user(ALICE), "can_read", acct))
                .get("decision")
                .asBoolean());
        for (String other :
                List.of(BOB, "nobody", realm.adminUser(BOB).get("id").asText())) {
            Http.Reply refused = post(alice, "evaluation", ask(user(other), "can_read", acct));
            assertEquals(403, refused.status(), other + " -> " + refused);
            assertTrue(refused.body().contains("view-authorization"), refused.body());
        }
        assertEquals(
                403,
                post(alice, "evaluation", ask(AuthZenApi.subject("group", groupId), "can_read", acct))
                        .status());
        assertEquals(
                403,
                post(alice, "search/subject", ask(AuthZenApi.subject("user", null), "can_read", acct))
                        .status());
        assertEquals(
                403,
                post(alice, "search/resource", ask(user(BOB), "can_read", AuthZenApi.resource("account", null)))
                        .status());
        // In a batch, the item about bob is refused on its own; her own are answered.
        JsonNode batch = ok(
                alice,
                "evaluations",
                Map.of(
                        "action", read,
                        "resource", acct,
                        "evaluations",
                                List.of(
                                        Map.of("subject", Map.of("type", "user", "id", ALICE)),
                                        Map.of("subject", Map.of("type", "user", "id", BOB)))));
        assertTrue(batch.get("evaluations").get(0).get("decision").asBoolean());
        JsonNode refused = batch.get("evaluations").get(1);
        assertFalse(refused.get("decision").asBoolean());
        assertEquals(403, refused.get("context").get("error").get("status").asInt());
        // Her own resources, by search.
        assertEquals(
                3,
                ok(alice, "search/resource", ask(user(ALICE), "can_read", AuthZenApi.resource("account", null)))
                        .get("results")
                        .size());
        // A client without the decision-point role, and no credential at all.
        Http.Reply noRole = post(
                Http.basic(TestRealm.NO_DIRECT_GRANT_CLIENT, TestRealm.NO_DIRECT_GRANT_SECRET),
                "evaluation",
                ask(user(ALICE), "can_read", acct));
        assertEquals(403, noRole.status(), noRole.toString());
        assertEquals(401, post(null, "evaluation", Map.of()).status());
    }

    @Test
    void aDecisionPointAuthenticatesWithAKeycloakTokenOrItsClientCredentials() {
        JsonNode token = realm.nativeClientCredentials(PEP, PEP_SECRET);
        Map<String, Object> body = ask(user(BOB), "can_read", account("123"));
        assertTrue(ok(Http.bearer(token.get("access_token").asText()), "evaluation", body)
                .get("decision")
                .asBoolean());
        assertTrue(ok(pep(), "evaluation", body).get("decision").asBoolean());
        assertTrue(ok(Http.custosBearer(PEP, PEP_SECRET), "evaluation", body)
                .get("decision")
                .asBoolean());
    }

    @Test
    void theRequestIdComesBackOnAnswersAndErrors() {
        for (String auth : new String[] {pep(), null}) {
            Http.Reply reply = Http.request("POST", realm.realmUrl() + "/custos/authzen/access/v1/evaluation")
                    .header("X-Request-ID", "bfe9eb29-ab87-4ca3-be83-a1d5d8305716")
                    .auth(auth == null ? "Bearer nonsense" : auth)
                    .json(ask(user(ALICE), "can_read", account("123")))
                    .send();
            assertEquals(auth == null ? 401 : 200, reply.status(), reply.toString());
            assertEquals("bfe9eb29-ab87-4ca3-be83-a1d5d8305716", reply.header("X-Request-ID"));
        }
        Http.Reply tooLong = Http.request("POST", realm.realmUrl() + "/custos/authzen/access/v1/evaluation")
                .header("X-Request-ID", "x".repeat(300))
                .auth(pep())
                .json(Map.of())
                .send();
        assertEquals(400, tooLong.status());
        assertEquals(null, tooLong.header("X-Request-ID"), "an id no PEP would send is not reflected");
    }

    // ------------------------------------------------------------- bad input

    /** A request the decision point refuses (400), and what its error must name. */
    record BadRequest(String path, Object body, String problem) {
        @Override
        public String toString() {
            return path + " " + body;
        }
    }

    static Stream<BadRequest> badRequests() {
        Map<String, Object> acct = account("123");
        Map<String, Object> alice = user(ALICE);
        Map<String, Object> read = Map.of("name", "can_read");
        JsonNode unknownSemantic = Http.parse(
                """
                {"subject": {"type": "user", "id": "%s"}, "action": {"name": "can_read"},
                 "resource": {"type": "account", "id": "123"},
                 "options": {"evaluations_semantic": "maybe"}, "evaluations": [{}]}"""
                        .formatted(ALICE));
        return Stream.of(
                new BadRequest("evaluation", "{}", "subject"),
                new BadRequest("evaluation", Map.of("subject", alice, "action", read), "resource"),
                new BadRequest(
                        "evaluation",
                        Map.of("subject", Map.of("type", "user"), "action", read, "resource", acct),
                        "subject.id"),
                new BadRequest(
                        "evaluation", Map.of("subject", alice, "action", Map.of("name", 7), "resource", acct), "name"),
                new BadRequest("evaluation", Map.of("subject", "alice", "action", read, "resource", acct), "subject"),
                new BadRequest(
                        "evaluation",
                        Map.of("subject", alice, "action", read, "resource", acct, "context", "now"),
                        "context"),
                new BadRequest("evaluation", "{\"subject\": ", "malformed JSON"),
                new BadRequest("evaluation", "[1, 2]", ""),
                new BadRequest(
                        "evaluations",
                        Map.of("evaluations", List.of(Map.of("resource", acct))),
                        "evaluations[0].subject"),
                new BadRequest(
                        "evaluations", Map.of("subject", alice, "action", read, "evaluations", "all"), "evaluations"),
                new BadRequest("evaluations", unknownSemantic, "evaluations_semantic"),
                new BadRequest("search/subject", Map.of("action", read, "resource", acct), "subject"),
                new BadRequest(
                        "search/resource",
                        Map.of("subject", alice, "action", read, "resource", Map.of("id", "1")),
                        "resource.type"),
                new BadRequest("search/action", Map.of("subject", alice), "resource"),
                new BadRequest("search/resource", accountsOfAlice(Map.of("limit", 1001)), "page.limit"),
                new BadRequest("search/resource", accountsOfAlice(Map.of("limit", -1)), "page.limit"),
                new BadRequest("search/resource", accountsOfAlice(Map.of("token", "not-a-token")), "page.token"),
                new BadRequest("search/resource", accountsOfAlice(Map.of("limit", "many")), "limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsA400NamingTheProblem(BadRequest bad) {
        Http.Reply reply = post(pep(), bad.path(), bad.body());
        assertEquals(400, reply.status(), bad + " -> " + reply);
        assertTrue(reply.body().contains(bad.problem()), bad + " -> " + reply.body());
        assertTrue(reply.json().has("error"), reply.body());
    }

    @Test
    void unknownFieldsAreIgnoredAndABodyThatIsNoRequestIsRefused() {
        JsonNode extra = Http.parse(
                """
                {"subject": {"type": "user", "id": "%s", "tenant": "x"}, "action": {"name": "can_read"},
                 "resource": {"type": "account", "id": "123"}, "future_field": [1, 2]}"""
                        .formatted(ALICE));
        assertTrue(ok(pep(), "evaluation", extra).get("decision").asBoolean(), "unknown fields are ignored");
        for (String path : List.of("evaluation", "evaluations", "search/subject", "search/resource", "search/action")) {
            Http.Reply reply = post(pep(), path, "null");
            assertEquals(400, reply.status(), path + " null -> " + reply);
        }
        Http.Reply text = Http.request("POST", realm.realmUrl() + "/custos/authzen/access/v1/evaluation")
                .auth(pep())
                .body("subject=alice", "text/plain")
                .send();
        assertEquals(415, text.status(), text.toString());
    }

    @Test
    void tooManyEvaluationsAreRefusedWithTheLimit() {
        for (int n : new int[] {1001, 10_000}) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(Map.of("resource", Map.of("type", "account", "id", "a" + i)));
            }
            Http.Reply reply = post(
                    pep(),
                    "evaluations",
                    Map.of(
                            "subject", Map.of("type", "user", "id", ALICE),
                            "action", Map.of("name", "can_read"),
                            "evaluations", items));
            assertTrue(reply.status() == 400 || reply.status() == 413, n + " -> " + reply);
            assertTrue(reply.body().contains("1000") || reply.body().contains("bytes"), reply.body());
        }
        List<Map<String, Object>> thousand = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            thousand.add(Map.of("resource", Map.of("type", "account", "id", i % 2 == 0 ? "123" : "x" + i)));
        }
        JsonNode all = ok(
                pep(),
                "evaluations",
                Map.of(
                        "subject", Map.of("type", "user", "id", ALICE),
                        "action", Map.of("name", "can_read"),
                        "evaluations", thousand));
        assertEquals(1000, all.get("evaluations").size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(
                    i % 2 == 0, all.get("evaluations").get(i).get("decision").asBoolean(), "item " + i);
        }
    }

    // ------------------------------------------------------------- audit

    @Test
    void decisionsAreAuditedOnlyWhenTheRealmSaysSo() {
        Map<String, Object> body = ask(user(ALICE), "can_read", account("123"));
        ok(pep(), "evaluation", body);
        assertEquals(0, decisionEvents().size(), "off by default");
        JsonNode rep = realm.admin().get("/" + realm.name());
        ((com.fasterxml.jackson.databind.node.ObjectNode) rep.get("attributes")).put("custos.audit.decisions", "true");
        realm.admin().update("/" + realm.name(), rep);
        try {
            ok(pep(), "evaluation", body);
            List<JsonNode> recorded = decisionEvents();
            assertEquals(1, recorded.size(), recorded.toString());
            assertEquals(
                    "service-account-" + PEP,
                    realm.admin()
                            .get("/" + realm.name() + "/users/"
                                    + recorded.get(0)
                                            .get("authDetails")
                                            .get("userId")
                                            .asText())
                            .get("username")
                            .asText());
            assertEquals("ACTION", recorded.get(0).get("operationType").asText());
            assertEquals(
                    "authzen/access/v1/evaluation",
                    recorded.get(0).get("resourcePath").asText());
        } finally {
            ((com.fasterxml.jackson.databind.node.ObjectNode) rep.get("attributes"))
                    .put("custos.audit.decisions", "false");
            realm.admin().update("/" + realm.name(), rep);
        }
    }

    private static List<JsonNode> decisionEvents() {
        List<JsonNode> out = new ArrayList<>();
        realm.admin().get("/" + realm.name() + "/admin-events?max=1000").forEach(e -> {
            if ("CUSTOS_AUTHZEN_DECISION".equals(e.path("resourceType").asText())) {
                out.add(e);
            }
        });
        return out;
    }

    private static Map<String, Object> accountsOfAlice(Map<String, ?> page) {
        return Map.of(
                "subject", Map.of("type", "user", "id", ALICE),
                "action", Map.of("name", "can_read"),
                "resource", Map.of("type", "account"),
                "page", page);
    }
}
