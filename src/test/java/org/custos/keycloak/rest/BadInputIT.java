package org.custos.keycloak.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on every endpoint that takes a body: a 4xx JSON error that names the problem, never a 500, the server
 * keeps serving, and the refused request changed nothing.
 */
class BadInputIT {

    private static TestRealm realm;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create(new AdminApi(KeycloakServer.get()), "badinput");
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    record Case(String name, String contentType, byte[] body, int status, String descriptionContains) {
    }

    private static List<Case> cases(String requiredField) {
        byte[] tenMegabytes = new byte[10_000_000];
        Arrays.fill(tenMegabytes, (byte) 'a');
        return List.of(
                new Case("malformed JSON", "application/json", "{\"refresh_token\":".getBytes(), 400, "malformed JSON"),
                new Case("a JSON array", "application/json", "[1,2,3]".getBytes(), 400, "JSON object"),
                new Case("a number where a string belongs", "application/json",
                        ("{\"" + requiredField + "\": 12345}").getBytes(), 400, "'" + requiredField + "'"),
                new Case("an object where a string belongs", "application/json",
                        ("{\"" + requiredField + "\": {\"a\":1}}").getBytes(), 400, "'" + requiredField + "'"),
                new Case("an empty body", "application/json", new byte[0], 400, null),
                new Case("a 10 MB body", "application/json", tenMegabytes, 413,
                        "exceeds " + KeycloakServer.MAX_BODY_BYTES + " bytes"),
                new Case("a wrong content type", "text/plain", "hello".getBytes(), 415, "application/json"));
    }

    private static Http.Reply post(String path, Case c) {
        return Http.request("POST", realm.custos("identity-management", path)).auth(realm.tenantAuth())
                .body(c.body(), c.contentType()).send();
    }

    private static void assertJsonError(Http.Reply r, Case c) {
        assertEquals(c.status(), r.status(), c.name() + " -> " + r.body());
        JsonNode body = r.json();
        assertTrue(body.hasNonNull("error"), r.body());
        assertTrue(body.hasNonNull("error_description"), r.body());
        if (c.descriptionContains() != null) {
            assertTrue(body.get("error_description").asText().contains(c.descriptionContains()), r.body());
        }
        assertFalse(r.body().contains("12345"), "submitted values are never echoed");
        assertFalse(r.body().contains("at org."), "stack trace leaked");
    }

    @TestFactory
    List<DynamicTest> tokenRefusesBadInput() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases("password")) {
            tests.add(DynamicTest.dynamicTest("token: " + c.name(), () -> {
                Http.Reply r = post("token", c);
                if (c.name().equals("an empty body")) {
                    assertEquals("unsupported_grant_type", r.json().get("error").asText(), r.body());
                }
                assertJsonError(r, c);
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> logoutRefusesBadInputAndEndsNothing() {
        JsonNode tokens = realm.nativePasswordGrant(TestRealm.TENANT_CLIENT, realm.tenantSecret(),
                TestRealm.USER, TestRealm.USER_PASSWORD);
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases("refresh_token")) {
            tests.add(DynamicTest.dynamicTest("logout: " + c.name(), () -> {
                Http.Reply r = post("user/logout", c);
                if (c.name().equals("an empty body")) {
                    assertEquals("field 'refresh_token' is required", r.json().get("error_description").asText());
                }
                assertJsonError(r, c);
            }));
        }
        tests.add(DynamicTest.dynamicTest("logout: the session survived every refused request", () -> {
            Http.Reply refresh = Http.request("POST", realm.custos("identity-management", "token"))
                    .auth(realm.tenantAuth()).json(Map.of("grant_type", "refresh_token",
                            "refresh_token", tokens.get("refresh_token").asText())).send();
            assertEquals(200, refresh.status(), refresh.toString());
        }));
        return tests;
    }

    @Test
    void theServerKeepsServingAfterBadInput() {
        byte[] big = new byte[10_000_000];
        Arrays.fill(big, (byte) '{');
        for (int i = 0; i < 3; i++) {
            post("token", new Case("big", "application/json", big, 413, null));
        }
        Http.Reply ok = Http.request("POST", realm.custos("identity-management", "token")).auth(realm.tenantAuth())
                .json(Map.of("grant_type", "client_credentials")).send();
        assertEquals(200, ok.status(), ok.toString());
    }

    @Test
    void theConfiguredBodyLimitIsTheOneApplied() {
        byte[] justUnder = ("{\"grant_type\":\"client_credentials\",\"pad\":\"" + "a".repeat(1_500_000) + "\"}").getBytes();
        Http.Reply r = post("token", new Case("1.5 MB", "application/json", justUnder, 200, null));
        assertEquals(200, r.status(), "a 1.5 MB body is under the configured 2 MiB limit: " + r.status());
    }

    @Test
    void jsonNullMeansAbsent() {
        Http.Reply r = Http.request("POST", realm.custos("identity-management", "token")).auth(realm.tenantAuth())
                .json("{\"grant_type\":\"client_credentials\",\"username\":null,\"scope\":null}").send();
        assertEquals(200, r.status(), r.toString());
    }
}
