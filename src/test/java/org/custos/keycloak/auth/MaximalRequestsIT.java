package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.service.settings.CustosSettings;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.AuthZenApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.SharingApi;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The largest request every list endpoint accepts, at Keycloak's default development heap of 512 MB
 * ({@code kc.sh}: {@code -Xmx512m}, {@code -XX:+ExitOnOutOfMemoryError}), leaves the server up: each is answered
 * 200, the server answers a cheap request right after, and the change is all there — 1,000 holders after a share
 * with 1,000 users, 1,000 answers to 1,000 checks, 10,000 values after 10 users × 1,000 values. Lists are as long as
 * {@link RequestLimits} allows, free text as long as the body limit ({@link KeycloakServer#MAX_BODY_BYTES}) or the
 * database column allows; a body of exactly the limit is accepted and one byte more is 413. Last, four of the
 * largest shares at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaximalRequestsIT {

    private static final int ITEMS = RequestLimits.MAX_ITEMS;
    private static final int ROLE_USERS = 100;
    private static final int ROLES = RequestLimits.MAX_CHANGES / ROLE_USERS;
    private static final int ATTRIBUTE_USERS = RequestLimits.MAX_CHANGES / ITEMS;
    private static final int AGENTS = RequestLimits.MAX_CHANGES / ITEMS;
    /** Keycloak keeps role and group names and descriptions in columns of this many characters. */
    private static final int COLUMN = 255;

    private static final String SHARE_GROUPS = "share-groups";
    private static final String EVERYONE = "everyone";
    private static final String NOBODY = "nobody";
    private static final Duration SLOW = Duration.ofMinutes(2);
    private static TestRealm realm;
    private static SharingApi tenant;
    private static boolean sharedWithEveryone;
    private static List<String> agentRoles;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "maximal", rep -> {
            ArrayNode users = rep.withArray("users");
            users.forEach(u -> {
                if (u.get("username").asText().equals("service-account-" + TestRealm.TENANT_CLIENT)) {
                    ((ObjectNode) u.get("clientRoles"))
                            .withArray("realm-management")
                            .add("manage-clients")
                            .add("manage-realm");
                }
            });
            // Users without credentials: a realm import writes them fast.
            for (int i = 0; i < ITEMS; i++) {
                users.addObject()
                        .put("username", user(i))
                        .put("enabled", true)
                        .put("email", user(i) + "@example.org")
                        .put("firstName", "Max")
                        .put("lastName", "Imal");
            }
            ArrayNode roles = rep.putObject("roles").putArray("realm");
            for (int i = 0; i < ROLES; i++) {
                roles.addObject().put("name", role(i));
            }
            ArrayNode groups =
                    rep.putArray("groups").addObject().put("name", SHARE_GROUPS).putArray("subGroups");
            for (int i = 0; i < ITEMS; i++) {
                groups.addObject().put("name", "g%04d".formatted(i));
            }
        });
        tenant = new SharingApi(realm, realm.tenantAuth());
        tenant.entityType("DOC");
        tenant.permissionType("READ");
        entity(NOBODY);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static String user(int i) {
        return "max-%04d".formatted(i);
    }

    private static String role(int i) {
        return "max-role-%03d".formatted(i);
    }

    private static List<String> users(int from, int to) {
        return IntStream.range(from, to).mapToObj(MaximalRequestsIT::user).toList();
    }

    /** {@code n} distinct texts of {@code length} characters, each starting with {@code prefix} and its index. */
    private static List<String> texts(String prefix, int n, int length) {
        return IntStream.range(0, n)
                .mapToObj(i -> {
                    String head = prefix + "-" + i + "-";
                    return head + "x".repeat(Math.max(0, length - head.length()));
                })
                .toList();
    }

    /** {@code n} distinct texts that together fill nine tenths of the body limit: free text as long as a body takes. */
    private static List<String> filling(String prefix, int n) {
        return texts(prefix, n, (int) (KeycloakServer.MAX_BODY_BYTES * 9 / 10 / n));
    }

    /** {@code n} roles of the longest name and description Keycloak stores. */
    private static List<Map<String, Object>> longRoles(String prefix, int n) {
        List<String> names = texts(prefix, n, COLUMN);
        return IntStream.range(0, n)
                .mapToObj(i -> Map.<String, Object>of(
                        "name", names.get(i), "description", "d".repeat(COLUMN), "composite", false))
                .toList();
    }

    private static void entity(String id) {
        Http.Reply created = tenant.createEntity(id, "DOC", TestRealm.USER, null);
        assertEquals(200, created.status(), created.toString());
    }

    private static String json(Object body) {
        try {
            return body instanceof String s ? s : Http.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A POST of {@code auth}; its body must fit the body limit. */
    private static Http.Reply send(String auth, String url, Object body) {
        String text = json(body);
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= KeycloakServer.MAX_BODY_BYTES, "the test's body has " + bytes + " bytes");
        return Http.request("POST", url).auth(auth).json(text).timeout(SLOW).send();
    }

    /** A POST of the tenant client to {@code /custos/<service>/v1.0.0/<path>}. */
    private static Http.Reply post(String service, String path, Object body) {
        return send(realm.tenantAuth(), realm.custos(service, path), body);
    }

    /** A POST of the tenant client (a decision point: it holds manage-authorization) to AuthZEN. */
    private static Http.Reply authzen(String path, Object body) {
        return send(realm.tenantAuth(), realm.realmUrl() + "/custos/authzen/access/v1/" + path, body);
    }

    /** A GET of the tenant client that must answer 200. */
    private static JsonNode get(String service, String path) {
        Http.Reply r = Http.request("GET", realm.custos(service, path))
                .auth(realm.tenantAuth())
                .timeout(SLOW)
                .send();
        assertEquals(200, r.status(), () -> brief(r));
        return r.json();
    }

    private static String brief(Http.Reply reply) {
        String body = reply.body();
        return reply.status() + " " + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
    }

    /** The answer is 200, and the server still answers a cheap request right after. */
    private static JsonNode accepted(Http.Reply reply) {
        assertEquals(200, reply.status(), () -> brief(reply));
        assertServerUp();
        return reply.json();
    }

    private static void assertServerUp() {
        Http.Reply document =
                Http.request("GET", realm.realmUrl() + "/custos/openapi.json").send();
        assertEquals(200, document.status(), "the server still answers");
    }

    private static JsonNode admin(String path) {
        return realm.admin().get("/" + realm.name() + path);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, Object> share(String entity, List<String> owners) {
        return Map.of("entity", Map.of("id", entity), "permission_type", Map.of("id", "READ"), "owner_id", owners);
    }

    /** The entity {@value #EVERYONE}, shared with all 1,000 users by the largest share (once, asserted). */
    private static synchronized void everyone() {
        if (!sharedWithEveryone) {
            entity(EVERYONE);
            accepted(post("sharing-management", "users/share", share(EVERYONE, users(0, ITEMS))));
            sharedWithEveryone = true;
        }
    }

    // ------------------------------------------------------------- sharing

    @Test
    @Order(1)
    void aShareWithAThousandUsers() {
        everyone();
        assertEquals(users(0, ITEMS), tenant.holders("users", EVERYONE, "READ", false), "every user holds READ");
        assertTrue(tenant.check(EVERYONE, "READ", user(ITEMS - 1)));
    }

    @Test
    @Order(2)
    void aShareWithAThousandGroups() {
        String parent = null;
        for (JsonNode g : admin("/groups?max=100&briefRepresentation=true")) {
            if (g.get("name").asText().equals(SHARE_GROUPS)) {
                parent = g.get("id").asText();
            }
        }
        assertNotNull(parent, SHARE_GROUPS + " was imported");
        List<String> ids = new ArrayList<>();
        admin("/groups/" + parent + "/children?first=0&max=" + ITEMS + "&briefRepresentation=true")
                .forEach(g -> ids.add(g.get("id").asText()));
        assertEquals(ITEMS, ids.size());
        entity("for-groups");
        accepted(post("sharing-management", "groups/share", share("for-groups", ids)));
        assertEquals(
                new TreeSet<>(ids),
                new TreeSet<>(tenant.holders("groups", "for-groups", "READ", false)),
                "every group holds READ");
    }

    /** Even checks ask about the entity every user holds READ on, odd ones about one nobody does. */
    private static String checked(int i) {
        return i % 2 == 0 ? EVERYONE : NOBODY;
    }

    @Test
    @Order(3)
    void aBatchOfAThousandChecks() {
        everyone();
        List<Map<String, Object>> checks = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            checks.add(Map.of(
                    "entity", Map.of("id", checked(i)), "permission_type", Map.of("id", "READ"), "owner_id", user(i)));
        }
        JsonNode results = accepted(post("sharing-management", "entity/user/access/batch", Map.of("checks", checks)))
                .get("results");
        assertEquals(ITEMS, results.size(), "one answer per check");
        for (int i = 0; i < ITEMS; i++) {
            assertEquals(i % 2 == 0, results.get(i).get("status").asBoolean(), "check " + i);
        }
    }

    @Test
    @Order(4)
    void aSearchWithTheMostCriteriaASearchTakes() {
        for (String id : List.of("findme-1", "findme-2", "findme-3")) {
            entity(id);
        }
        // Names are "name of <id>": the first criterion finds the three, the second leaves one out, and the other
        // 48 (as long as the body allows) match no name and leave the two. A search takes at most 50 criteria.
        List<Map<String, Object>> criteria = new ArrayList<>();
        criteria.add(Map.of("search_field", "NAME", "condition", "LIKE", "value", "%findme%"));
        criteria.add(Map.of("search_field", "NAME", "condition", "NOT", "value", "%findme-3%"));
        int most = 50;
        for (String text : filling("nomatch", most - 2)) {
            criteria.add(Map.of("search_field", "NAME", "condition", "NOT", "value", "%" + text + "%"));
        }
        String alice = Http.bearer(realm.userAccessToken());
        Map<String, Object> body = Map.of("search_criteria", criteria, "limit", ITEMS);
        JsonNode found = accepted(send(alice, realm.custos("sharing-management", "entities"), body))
                .get("entity_array");
        List<String> ids = new ArrayList<>();
        found.forEach(e -> ids.add(e.get("id").asText()));
        assertEquals(List.of("findme-1", "findme-2"), ids);
        criteria.add(Map.of("search_field", "NAME", "condition", "NOT", "value", "%one-more%"));
        Http.Reply over = send(alice, realm.custos("sharing-management", "entities"), body);
        assertEquals(400, over.status(), over.toString());
        assertTrue(over.body().contains("search_criteria"), over.toString());
    }

    // ------------------------------------------------------------- AuthZEN

    @Test
    @Order(5)
    void aThousandEvaluations() {
        everyone();
        List<Map<String, Object>> evaluations = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            evaluations.add(Map.of(
                    "subject", AuthZenApi.subject("user", user(i)),
                    "resource", AuthZenApi.resource("DOC", checked(i))));
        }
        Map<String, Object> body = Map.of("action", AuthZenApi.action("READ"), "evaluations", evaluations);
        JsonNode decisions = accepted(authzen("evaluations", body)).get("evaluations");
        assertEquals(ITEMS, decisions.size(), "one decision per evaluation");
        for (int i = 0; i < ITEMS; i++) {
            assertEquals(i % 2 == 0, decisions.get(i).get("decision").asBoolean(), "evaluation " + i);
        }
    }

    @Test
    @Order(6)
    void anEvaluationWhoseContextFillsTheItemAndDepthBounds() {
        everyone();
        // The context is an object at depth 1; its lists nest at depths 2 .. MAX_DEPTH, each holding the next.
        int lists = RequestLimits.MAX_DEPTH - 1;
        int strings = RequestLimits.MAX_TOTAL_ITEMS - (lists - 1);
        int per = strings / lists;
        List<String> text = filling("c", strings);
        List<Object> innermost = new ArrayList<>(text.subList(0, per + strings % lists));
        List<Object> outer = innermost;
        for (int from = innermost.size(); from < strings; from += per) {
            List<Object> next = new ArrayList<>(text.subList(from, from + per));
            next.add(outer);
            outer = next;
        }
        Map<String, Object> body = Map.of(
                "subject", AuthZenApi.subject("user", user(0)),
                "action", AuthZenApi.action("READ"),
                "resource", AuthZenApi.resource("DOC", EVERYONE),
                "context", Map.of("lists", outer));
        assertLargestAccepted(body, innermost);
        JsonNode decision = accepted(authzen("evaluation", body));
        assertTrue(decision.get("decision").asBoolean(), decision.toString());
    }

    /**
     * The bounds take {@code body} and nothing larger: one more item in {@code innermost} is refused, and so is the
     * same number of items one level deeper. {@code innermost} is as it was afterwards.
     */
    private static void assertLargestAccepted(Object body, List<Object> innermost) {
        assertDoesNotThrow(() -> RequestLimits.check(Http.JSON.valueToTree(body)));
        innermost.add("one more");
        assertThrows(CustosException.class, () -> RequestLimits.check(Http.JSON.valueToTree(body)), "one more item");
        Object first = innermost.remove(0);
        innermost.set(innermost.size() - 1, List.of());
        assertThrows(CustosException.class, () -> RequestLimits.check(Http.JSON.valueToTree(body)), "one deeper");
        innermost.remove(innermost.size() - 1);
        innermost.add(0, first);
    }

    // ------------------------------------------------------------- user management

    @Test
    @Order(7)
    void tenUsersTimesAThousandAttributeValues() {
        List<String> users = users(ITEMS / 10, ITEMS / 10 + ATTRIBUTE_USERS);
        List<String> values = filling("v", ITEMS);
        Map<String, Object> attribute = Map.of("key", "maximal", "values", values);
        accepted(post("user-management", "attributes", Map.of("users", users, "attributes", List.of(attribute))));
        for (String u : users) {
            JsonNode stored = realm.adminUser(u).get("attributes").get("maximal");
            assertEquals(new TreeSet<>(values), texts(stored), u + " has every value");
        }
    }

    @Test
    @Order(8)
    void aHundredUsersTimesAHundredRoles() {
        List<String> users = users(2 * ITEMS / 10, 2 * ITEMS / 10 + ROLE_USERS);
        List<String> roles =
                IntStream.range(0, ROLES).mapToObj(MaximalRequestsIT::role).toList();
        accepted(post("user-management", "users/roles", Map.of("usernames", users, "roles", roles)));
        for (String r : List.of(role(0), role(ROLES - 1))) {
            Set<String> holders = new TreeSet<>();
            admin("/roles/" + r + "/users?first=0&max=" + ITEMS)
                    .forEach(u -> holders.add(u.get("username").asText()));
            assertEquals(new TreeSet<>(users), holders, "every user holds " + r);
        }
        for (String u : List.of(users.get(0), users.get(ROLE_USERS - 1))) {
            assertTrue(realm.realmRoleNames(u).containsAll(roles), u + " holds every role");
        }
    }

    // ------------------------------------------------------------- groups and tenant roles

    /** {@code fanOut[depth]} groups named as long as Keycloak stores, each with the next level of the tree below it. */
    private static List<Map<String, Object>> groupTree(String prefix, int[] fanOut, int depth) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : texts(prefix, fanOut[depth], COLUMN)) {
            Map<String, Object> group = new HashMap<>(Map.of("name", name));
            if (depth + 1 < fanOut.length) {
                group.put("sub_groups", groupTree(prefix + depth, fanOut, depth + 1));
            }
            out.add(group);
        }
        return out;
    }

    @Test
    @Order(9)
    void aThousandGroupsInOneRequest() {
        int before = admin("/groups/count").get("count").asInt();
        int topBefore = admin("/groups/count?top=true").get("count").asInt();
        // 10 top-level groups, each with 9 sub-groups of 10: 10 + 90 + 900 = 1,000 groups.
        int[] fanOut = {10, 9, 10};
        Map<String, Object> body = Map.of("groups", groupTree("made", fanOut, 0));
        JsonNode created = accepted(post("group-management", "groups", body));
        assertEquals(fanOut[0], created.get("groups").size(), "the top-level groups are answered");
        for (JsonNode top : created.get("groups")) {
            assertEquals(fanOut[1], top.get("sub_groups").size());
            top.get("sub_groups")
                    .forEach(g -> assertEquals(fanOut[2], g.get("sub_groups").size()));
        }
        assertEquals(before + ITEMS, admin("/groups/count").get("count").asInt(), "1,000 groups were created");
        long listed =
                get("group-management", "groups?limit=1").get("total_size").asLong();
        assertEquals(topBefore + fanOut[0], listed, "the new top-level groups are listed");
    }

    @Test
    @Order(10)
    void aThousandTenantRoles() {
        List<Map<String, Object>> roles = longRoles("tenant-role", ITEMS);
        JsonNode listed = accepted(post("tenant-management", "roles", Map.of("roles", roles)))
                .get("roles");
        Set<String> names = new HashSet<>();
        listed.forEach(r -> names.add(r.get("name").asText()));
        roles.forEach(r -> assertTrue(names.contains((String) r.get("name")), "a created role is listed"));
    }

    // ------------------------------------------------------------- agents

    private static String agent(int i) {
        return "max-agent-%02d".formatted(i);
    }

    private static List<String> agents() {
        return IntStream.range(0, AGENTS).mapToObj(MaximalRequestsIT::agent).toList();
    }

    /** Agents on, {@value #AGENTS} agents, and 1,000 agent roles made by the largest roles request (once). */
    private static synchronized List<String> agentRoles() {
        if (agentRoles == null) {
            assertEquals(200, post("agent-management", "enable", Map.of()).status());
            for (String id : agents()) {
                Http.Reply registered = post("agent-management", "agent", Map.of("id", id));
                assertEquals(200, registered.status(), registered.toString());
            }
            List<Map<String, Object>> roles = longRoles("agent-role", ITEMS);
            accepted(post("agent-management", "roles", Map.of("roles", roles)));
            agentRoles = roles.stream().map(r -> (String) r.get("name")).toList();
        }
        return agentRoles;
    }

    private static JsonNode describe(String agent) {
        return get("agent-management", "agent/" + agent);
    }

    @Test
    @Order(11)
    void aThousandAgentRoles() {
        List<String> names = agentRoles();
        String container = admin("/clients?clientId=" + CustosSettings.AGENT_CONTAINER)
                .get(0)
                .get("id")
                .asText();
        Set<String> stored = new HashSet<>();
        admin("/clients/" + container + "/roles?first=0&max=" + 2 * ITEMS + "&briefRepresentation=true")
                .forEach(r -> stored.add(r.get("name").asText()));
        assertTrue(stored.containsAll(names), "every agent role was created");
    }

    @Test
    @Order(12)
    void tenAgentsTimesAThousandAttributeValues() {
        agentRoles();
        List<String> values = filling("a", ITEMS);
        Map<String, Object> attribute = Map.of("key", "maximal", "values", values);
        accepted(post(
                "agent-management", "agent/attributes", Map.of("agents", agents(), "attributes", List.of(attribute))));
        for (String id : List.of(agent(0), agent(AGENTS - 1))) {
            JsonNode stored = null;
            for (JsonNode a : describe(id).get("attributes")) {
                if (a.get("key").asText().equals("maximal")) {
                    stored = a.get("values");
                }
            }
            assertTrue(stored != null, id + " has the attribute");
            assertEquals(new TreeSet<>(values), texts(stored), id + " has every value");
        }
    }

    @Test
    @Order(13)
    void tenAgentsTimesAThousandRoles() {
        List<String> roles = agentRoles();
        Map<String, Object> body = Map.of("agents", agents(), "roles", roles, "client_level", true);
        accepted(post("agent-management", "agent/roles", body));
        for (String id : List.of(agent(0), agent(AGENTS - 1))) {
            assertEquals(new TreeSet<>(roles), texts(describe(id).get("client_roles")), id + " holds every role");
        }
    }

    // ------------------------------------------------------------- the body limit

    private static final String TAIL = "\"}}";

    /** An entity request up to its full_text's value. */
    private static String head(String id) {
        return "{\"client_id\":\"" + TestRealm.TENANT_CLIENT + "\",\"entity\":{\"id\":\"" + id
                + "\",\"type\":\"DOC\",\"owner_id\":\"" + TestRealm.USER + "\",\"name\":\"big\",\"full_text\":\"";
    }

    /** An entity request of exactly {@code bytes} bytes: its full_text fills what the other fields leave. */
    private static String entityOfSize(String id, long bytes) {
        return head(id) + "f".repeat((int) (bytes - head(id).length() - TAIL.length())) + TAIL;
    }

    @Test
    @Order(14)
    void aBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIs413() {
        long limit = KeycloakServer.MAX_BODY_BYTES;
        String largest = entityOfSize("body-at-limit", limit);
        assertEquals(limit, largest.getBytes(StandardCharsets.UTF_8).length);
        accepted(post("sharing-management", "entity", largest));
        JsonNode stored = get("sharing-management", "entity?entity.id=body-at-limit");
        long fullText = limit - head("body-at-limit").length() - TAIL.length();
        assertEquals(fullText, stored.get("full_text").asText().length(), "the whole full_text is stored");
        Http.Reply over = Http.request("POST", realm.custos("sharing-management", "entity"))
                .auth(realm.tenantAuth())
                .json(entityOfSize("body-over-limit", limit + 1))
                .timeout(SLOW)
                .send();
        assertEquals(413, over.status(), () -> brief(over));
        assertServerUp();
        assertFalse(
                get("sharing-management", "entity/existence?entity.id=body-over-limit")
                        .get("status")
                        .asBoolean(),
                "the refused entity was not created");
    }

    // ------------------------------------------------------------- at once

    @Test
    @Order(15)
    void fourOfTheLargestSharesAtOnce() throws Exception {
        int threads = 4;
        List<String> entities =
                IntStream.range(0, threads).mapToObj(i -> "burst-" + i).toList();
        entities.forEach(MaximalRequestsIT::entity);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (String e : entities) {
                replies.add(pool.submit(() -> post("sharing-management", "users/share", share(e, users(0, ITEMS)))));
            }
            for (Future<Http.Reply> reply : replies) {
                Http.Reply r = reply.get(3, TimeUnit.MINUTES);
                assertEquals(200, r.status(), () -> brief(r));
            }
        } finally {
            pool.shutdownNow();
        }
        assertServerUp();
        for (String e : entities) {
            assertEquals(users(0, ITEMS), tenant.holders("users", e, "READ", false), "every user holds READ on " + e);
        }
    }
}
