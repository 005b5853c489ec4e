package org.custos.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Nothing answers whether a thing exists to a caller who may not see it. Each probe sends one request twice — naming
 * something that exists (an entity of someone else's, a user, a group the caller cannot see, a client) and something
 * that does not — and the two answers must be the same status and, with the probed name replaced by a placeholder,
 * the same body. A person cannot choose a secret's token either (a chosen token that is taken would answer 409).
 */
class ExistenceIT {

    private static final String PASSWORD = "existence-password-1";
    private static final String NOBODY =
            "nobody-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String NO_ID = UUID.randomUUID().toString();
    private static final String PLACEHOLDER = "<NAME>";
    private static final String SECRETS = "resource-secret-management";
    private static final String SHARING = "sharing-management";
    private static final String GROUPS = "group-management";
    private static TestRealm realm;
    /** A realm that lets persons create entities with their own token ({@code custos.entities.created-by-users}). */
    private static TestRealm open;

    private static final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    static void setUp() {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(admin, "existence", rep -> {
            rep.set(
                    "groups",
                    Http.JSON.valueToTree(List.of(
                            Map.of("name", "Company", "subGroups", List.of(Map.of("name", "Interns"))),
                            Map.of("name", "Hidden"))));
            user(rep, "bob", null);
            user(rep, "intern", "/Company/Interns");
            user(rep, "peer", "/Company");
        });
        open = TestRealm.create(admin, "existence-open", rep -> {
            rep.putObject("attributes").put("custos.entities.created-by-users", "true");
            user(rep, "bob", null);
        });
        for (String g : List.of("Company", "Hidden")) {
            ids.put(
                    "{" + g.toLowerCase() + "}",
                    admin.get("/" + realm.name() + "/group-by-path/" + g)
                            .get("id")
                            .asText());
        }
        for (TestRealm r : List.of(realm, open)) {
            SharingApi tenant = new SharingApi(r, r.tenantAuth());
            tenant.entityType("DOC");
            tenant.permissionType("READ");
        }
        SharingApi tenant = new SharingApi(realm, realm.tenantAuth());
        assertEquals(200, tenant.createEntity("bobs-doc", "DOC", "bob", null).status());
        assertEquals(
                200,
                tenant.createEntity("alices-doc", "DOC", TestRealm.USER, null).status());
    }

    @AfterAll
    static void tearDown() {
        try {
            realm.close();
        } finally {
            open.close();
        }
    }

    private static void user(ObjectNode rep, String username, String group) {
        Map<String, Object> u = TestRealm.user(username, PASSWORD);
        if (group != null) {
            u.put("groups", List.of(group));
        }
        rep.withArray("users").add(Http.JSON.valueToTree(u));
    }

    /** The {@code Authorization} of a caller: a person's own token, the tenant's credentials, or none. */
    private static String auth(TestRealm r, String caller) {
        return switch (caller) {
            case "tenant" -> r.tenantAuth();
            case "anonymous" -> null;
            case TestRealm.USER -> Http.bearer(r.userAccessToken());
            default -> Http.bearer(r.accessToken(caller, PASSWORD));
        };
    }

    /** Group ids known only at run time, written {@code {company}} and {@code {hidden}} in the probes. */
    private static String resolve(String text) {
        String out = text;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * One request, sent by {@code caller} naming {@code existing} and then {@code absent} where {@code %s} stands in
     * {@code path} and {@code body} (null for none); both answers must be {@code status}.
     */
    record Probe(
            String label,
            boolean inOpenRealm,
            String caller,
            String method,
            String service,
            String path,
            String body,
            String existing,
            String absent,
            int status) {

        Http.Reply send(String name) {
            TestRealm r = inOpenRealm ? open : realm;
            Http.Request request =
                    Http.request(method, r.custos(service, resolve(path).formatted(name)));
            String authorization = auth(r, caller);
            if (authorization != null) {
                request.auth(authorization);
            }
            return (body == null ? request : request.json(resolve(body).formatted(name))).send();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static Probe probe(String label, String caller, String request, String body, String existing, int status) {
        return probe(label, false, caller, request, body, existing, NOBODY, status);
    }

    /** {@code request} is {@code "METHOD service path"}. */
    private static Probe probe(
            String label,
            boolean openRealm,
            String caller,
            String request,
            String body,
            String existing,
            String absent,
            int status) {
        String[] parts = request.split(" ", 3);
        return new Probe(label, openRealm, caller, parts[0], parts[1], parts[2], body, existing, absent, status);
    }

    static Stream<Probe> probes() {
        return Stream.of(sharingProbes(), groupProbes(), userAndClientProbes()).flatMap(probes -> probes);
    }

    private static Stream<Probe> sharingProbes() {
        String entity =
                """
                {"entity": {"id": "%s", "type": "DOC", "owner_id": "alice", "name": "mine"}}""";
        String ownedBy = """
                {"entity": {"id": "alices-new-doc", "type": "DOC", "owner_id": "%s"}}""";
        String groupShare =
                """
                {"entity": {"id": "alices-doc"}, "permission_type": {"id": "READ"}, "owner_id": ["%s"]}""";
        String create = "POST " + SHARING + " entity";
        return Stream.of(
                probe("entity id taken by bob's entity, plain user", "alice", create, entity, "bobs-doc", 403),
                probe(
                        "entity owned by another user, realm lets users create",
                        true,
                        "alice",
                        create,
                        ownedBy,
                        "bob",
                        NOBODY,
                        403),
                probe(
                        "bob's entity read by alice",
                        "alice",
                        "GET " + SHARING + " entity?entity.id=%s",
                        null,
                        "bobs-doc",
                        404),
                probe(
                        "share with a group alice cannot see",
                        false,
                        "alice",
                        "POST " + SHARING + " groups/share",
                        groupShare,
                        "{hidden}",
                        NO_ID,
                        404));
    }

    private static Stream<Probe> groupProbes() {
        String join = """
                {"group_id": "{company}", "username": "%s", "membership_type": "TYPE"}""";
        String retype = """
                {"group_id": "{company}", "username": "%s", "type": "ADMIN"}""";
        String add = "POST " + GROUPS + " user/group/membership";
        String access = "GET " + GROUPS + " user/group/access?group_id={company}&username=%s&type=MEMBER";
        return Stream.of(
                probe(
                        "group read by name by an outsider",
                        "alice",
                        "GET " + GROUPS + " group?group.name=%s",
                        null,
                        "Hidden",
                        404),
                probe(
                        "group read by an outsider",
                        false,
                        "alice",
                        "GET " + GROUPS + " group?group.id=%s",
                        null,
                        "{hidden}",
                        NO_ID,
                        404),
                probe(
                        "member added to the parent by a sub-group member",
                        "intern",
                        add,
                        join.replace("TYPE", "MEMBER"),
                        "bob",
                        404),
                probe("member added by a plain member", "peer", add, join.replace("TYPE", "MEMBER"), "bob", 403),
                probe("ADMIN added by a plain member", "peer", add, join.replace("TYPE", "ADMIN"), "bob", 403),
                probe(
                        "type changed by a plain member",
                        "peer",
                        "PUT " + GROUPS + " user/group/membership",
                        retype,
                        "bob",
                        403),
                probe("membership of a non-member asked by a member", "peer", access, null, "bob", 200));
    }

    private static Stream<Probe> userAndClientProbes() {
        String secret =
                """
                {"metadata": {"owner_id": "%s", "description": "d"}, "password": "probe-password-1"}""";
        String client = TestRealm.NO_DIRECT_GRANT_CLIENT;
        String discovery = "GET identity-management .well-known/openid-configuration?client_id=%s";
        return Stream.of(
                probe(
                        "secret owned by another user, plain user",
                        "alice",
                        "POST " + SECRETS + " secret/password",
                        secret,
                        "bob",
                        403),
                probe(
                        "user read by a plain user",
                        "alice",
                        "GET user-management user?user.username=%s",
                        null,
                        "bob",
                        403),
                probe(
                        "another client's credentials",
                        false,
                        "tenant",
                        "GET identity-management credentials?client_id=%s",
                        null,
                        client,
                        "no-such-client",
                        403),
                probe("discovery for a client id", false, "anonymous", discovery, null, client, "no-such-client", 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void anExistingAndAMissingNameAnswerAlike(Probe probe) {
        String existing = resolve(probe.existing());
        Http.Reply there = probe.send(existing);
        Http.Reply missing = probe.send(probe.absent());
        assertEquals(probe.status(), there.status(), "naming what exists: " + there);
        assertEquals(probe.status(), missing.status(), "naming what does not: " + missing);
        assertEquals(
                missing.body().replace(probe.absent(), PLACEHOLDER),
                there.body().replace(existing, PLACEHOLDER),
                "the answer tells whether '" + existing + "' exists");
    }

    @Test
    void aPersonChoosingASecretsTokenIsRefusedAndNothingIsStored() {
        String chosen = "chosen-" + UUID.randomUUID();
        String alice = Http.bearer(realm.userAccessToken());
        String body =
                """
                {"metadata": {"owner_id": "alice", "token": "%s"}, "password": "chosen-password-1"}""";
        Http.Reply refused = secrets(alice, "POST", "secret/password", body.formatted(chosen));
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.json().path("error_description").asText().contains("metadata.token"), refused.body());
        Http.Reply read = secrets(alice, "GET", "secret/password?token=" + chosen, null);
        assertEquals(404, read.status(), "alice, the owner, finds no secret under it: " + read);
        Http.Reply summaries = secrets(alice, "GET", "secret/summaries", null);
        assertEquals(200, summaries.status(), summaries.toString());
        assertFalse(summaries.body().contains(chosen), summaries.body());
        // The refusal is the chosen token's alone: without one, alice stores her password (under a generated token).
        Http.Reply generated = secrets(
                alice,
                "POST",
                "secret/password",
                """
                {"metadata": {"owner_id": "alice"}, "password": "chosen-password-1"}""");
        assertEquals(200, generated.status(), generated.toString());
        assertNotEquals(chosen, generated.json().get("token").asText());
        // The token is still free: the tenant's client, which may choose tokens, stores a secret under it.
        Http.Reply byClient = secrets(realm.tenantAuth(), "POST", "secret/password", body.formatted(chosen));
        assertEquals(200, byClient.status(), byClient.toString());
        assertEquals(chosen, byClient.json().get("token").asText());
    }

    private static Http.Reply secrets(String auth, String method, String path, String body) {
        Http.Request r = Http.request(method, realm.custos(SECRETS, path)).auth(auth);
        return (body == null ? r : r.json(body)).send();
    }
}
