package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.custos.keycloak.testing.AdminApi;
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
 * Every list a request carries is bounded: at most 1,000 items in one list, nesting at most 32 deep, and at most
 * 10,000 changes where lists multiply (users × roles). A request over a bound is refused 400 naming the list and the
 * bound before anything is looked up or written, and the server keeps serving. Admin events name at most 20 items
 * of a list, and how many there were.
 */
class RequestBoundsIT {

    private static final int USERS = 200;
    private static final int ROLES = 60;
    private static TestRealm realm;
    private static SharingApi tenant;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "bounds", rep -> {
            rep.withArray("users").add(Http.JSON.valueToTree(TestRealm.user("bob", "bob-password-1")));
            for (int i = 0; i < USERS; i++) {
                rep.withArray("users")
                        .add(json(
                                """
                        {"username": "%s", "enabled": true, "email": "%s@example.org", "firstName": "B",
                         "lastName": "Ound"}"""
                                        .formatted(user(i), user(i))));
            }
            ArrayNode roles = rep.putObject("roles").putArray("realm");
            for (int i = 0; i < ROLES; i++) {
                roles.addObject().put("name", role(i));
            }
        });
        tenant = new SharingApi(realm, realm.tenantAuth());
        tenant.entityType("DOC");
        tenant.permissionType("READ");
        entity("bounds-doc");
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static String user(int i) {
        return "bound-%03d".formatted(i);
    }

    private static String role(int i) {
        return "bound-role-%02d".formatted(i);
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of {@code n} copies of one JSON value. */
    private static String copies(int n, String itemJson) {
        return "[" + String.join(",", Collections.nCopies(n, itemJson)) + "]";
    }

    /** An entity of alice's, created by the tenant client. */
    private static void entity(String id) {
        Http.Reply created = tenant.createEntity(id, "DOC", TestRealm.USER, null);
        assertEquals(200, created.status(), created.toString());
    }

    private static int groupCount() {
        return realm.admin()
                .get("/" + realm.name() + "/groups/count")
                .get("count")
                .asInt();
    }

    /** A POST of the tenant client; {@code body} is JSON text or an object to serialize. */
    private static Http.Reply post(String path, Object body) {
        return Http.request("POST", realm.realmUrl() + "/custos/" + path)
                .auth(realm.tenantAuth())
                .json(body)
                .send();
    }

    /** A 400 of ours whose description says all of {@code words}. */
    private static void assertRefused(Http.Reply reply, String... words) {
        assertEquals(400, reply.status(), reply.toString());
        String description = reply.json().path("error_description").asText();
        for (String word : words) {
            assertTrue(description.contains(word), "'" + word + "' not in: " + reply.body());
        }
    }

    /** Alice, with a fresh token of the tenant client: the owner of the entities shared here. */
    private static SharingApi alice() {
        return tenant.as(Http.bearer(realm.userAccessToken()));
    }

    private static Http.Reply share(SharingApi as, String entity, List<String> owners) {
        return as.share("users", entity, "READ", owners, false);
    }

    // ------------------------------------------------------------- one list

    @Test
    void fiftyThousandCopiesOfOneNameAreRefusedAndChangeNothing() {
        entity("huge-share");
        Http.Reply refused = share(alice(), "huge-share", Collections.nCopies(50_000, "bob"));
        assertRefused(refused, "'owner_id'", "1000");
        Http.Reply document =
                Http.request("GET", realm.realmUrl() + "/custos/openapi.json").send();
        assertEquals(200, document.status(), "the server still answers");
        assertEquals(List.of(), tenant.holders("users", "huge-share", "READ", false), "nobody holds READ");
        assertFalse(tenant.check("huge-share", "READ", "bob"));
    }

    @Test
    void aThousandCopiesOfOneNameAreOneShare() {
        entity("dup-share");
        Http.Reply shared = share(alice(), "dup-share", Collections.nCopies(1000, "bob"));
        assertEquals(200, shared.status(), shared.toString());
        assertEquals(List.of("bob"), tenant.holders("users", "dup-share", "READ", false), "bob once");
        assertTrue(tenant.check("dup-share", "READ", "bob"));
    }

    /** An endpoint and one of its lists, sent with one item too many; {@code template} has one {@code %s}. */
    record Oversized(String path, String field, String template, String item) {
        String body(int items) {
            return template.formatted(copies(items, item));
        }

        @Override
        public String toString() {
            return path + " " + field;
        }
    }

    static Stream<Oversized> oversized() {
        return Stream.of(
                new Oversized(
                        "user-management/v1.0.0/users/roles",
                        "usernames",
                        """
                        {"roles": ["bound-role-00"], "usernames": %s}""",
                        "\"bound-000\""),
                new Oversized(
                        "user-management/v1.0.0/attributes",
                        "users",
                        """
                        {"attributes": [{"key": "k", "values": ["v"]}], "users": %s}""",
                        "\"bound-000\""),
                new Oversized(
                        "group-management/v1.0.0/groups",
                        "groups",
                        """
                        {"groups": %s}""",
                        """
                        {"name": "too-many"}"""),
                new Oversized(
                        "sharing-management/v1.0.0/entities",
                        "search_criteria",
                        """
                        {"search_criteria": %s}""",
                        """
                        {"search_field": "NAME", "value": "x"}"""),
                new Oversized(
                        "sharing-management/v1.0.0/entity/user/access/batch",
                        "checks",
                        """
                        {"checks": %s}""",
                        """
                        {"entity": {"id": "x"}, "permission_type": {"id": "READ"}, "owner_id": "bob"}"""),
                new Oversized(
                        "authzen/access/v1/evaluations",
                        "evaluations",
                        """
                        {"subject": {"type": "user", "id": "bob"}, "action": {"name": "READ"}, "evaluations": %s}""",
                        """
                        {"resource": {"type": "DOC", "id": "x"}}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void aListOfOneThousandAndOneIsRefusedByName(Oversized endpoint) {
        int groupsBefore = groupCount();
        assertRefused(post(endpoint.path(), endpoint.body(1001)), "'" + endpoint.field() + "'", "1000");
        int groupsAfter = groupCount();
        assertEquals(groupsBefore, groupsAfter, "no group was created");
    }

    @Test
    void nestingDeeperThanThirtyTwoLevelsIsRefused() {
        String evaluation =
                """
                {"subject": {"type": "user", "id": "bob"}, "action": {"name": "READ"},
                 "resource": {"type": "DOC", "id": "bounds-doc"}, "context": %s}""";
        String shallow = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
        Http.Reply fine = post("authzen/access/v1/evaluation", evaluation.formatted(shallow));
        assertEquals(200, fine.status(), "20 levels are within the bound: " + fine);
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertRefused(post("authzen/access/v1/evaluation", evaluation.formatted(deep)), "32");
    }

    // ------------------------------------------------------------- lists that multiply

    @Test
    void usersTimesRolesOverTenThousandChangesIsRefusedBeforeAnyGrant() {
        List<String> users =
                IntStream.range(0, USERS).mapToObj(RequestBoundsIT::user).toList();
        List<String> roles =
                IntStream.range(0, ROLES).mapToObj(RequestBoundsIT::role).toList();
        Http.Reply refused = post("user-management/v1.0.0/users/roles", Map.of("usernames", users, "roles", roles));
        assertRefused(refused, "12000", "10000 per request");
        for (String u : List.of(user(0), user(USERS - 1))) {
            assertTrue(
                    realm.realmRoleNames(u).stream().noneMatch(r -> r.startsWith("bound-role-")),
                    u + " was granted a role");
        }
        Map<String, Object> attribute = Map.of("key", "k", "values", roles);
        Http.Reply attributes =
                post("user-management/v1.0.0/attributes", Map.of("users", users, "attributes", List.of(attribute)));
        assertRefused(attributes, "10000 per request");
        // Within the bound the same caller grants the same roles: the refusal was the bound's alone.
        Map<String, Object> two = Map.of("usernames", users.subList(0, 2), "roles", roles.subList(0, 2));
        Http.Reply within = post("user-management/v1.0.0/users/roles", two);
        assertEquals(200, within.status(), within.toString());
        assertTrue(realm.realmRoleNames(user(0)).contains(role(1)));
    }

    // ------------------------------------------------------------- what an admin event records

    @Test
    void anAdminEventNamesAtMostTwentyOfTheSharedUsers() {
        entity("event-share");
        List<String> thirty =
                IntStream.range(0, 30).mapToObj(RequestBoundsIT::user).toList();
        assertEquals(200, share(tenant, "event-share", thirty).status());
        assertEquals(30, tenant.holders("users", "event-share", "READ", false).size());
        JsonNode event = null;
        for (JsonNode e : realm.admin().get("/" + realm.name() + "/admin-events?max=1000")) {
            if (e.path("resourcePath").asText().equals("sharing/entities/event-share/shares/user/READ")) {
                event = e;
                break;
            }
        }
        assertNotNull(event, "the share was recorded");
        String representation = event.path("representation").asText();
        JsonNode recorded = json(representation).path("owner_id");
        assertEquals(30, recorded.path("count").asInt(), representation);
        assertEquals(20, recorded.path("first").size(), representation);
        Map<String, String> ids = new HashMap<>();
        realm.admin()
                .get("/" + realm.name() + "/users?briefRepresentation=true&max=1000&search=bound-0")
                .forEach(u -> ids.put(u.get("username").asText(), u.get("id").asText()));
        List<String> named = new ArrayList<>();
        for (String u : thirty) {
            String id = ids.get(u);
            assertNotNull(id, u + " not found");
            if (representation.contains(id)) {
                named.add(u);
            }
        }
        assertEquals(20, named.size(), "the event names 20 of the 30 users: " + named);
    }
}
