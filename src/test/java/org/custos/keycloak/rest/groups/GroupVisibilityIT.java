package org.custos.keycloak.rest.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.custos.keycloak.testing.AdminApi;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.KeycloakServer;
import org.custos.keycloak.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who sees a group's members, and how much of each. The finding: an intern in Company/Interns asked for Company's
 * members ({@code user/group/memberships/child?group_id=<Company>}) and got every member's e-mail, roles and
 * attributes — an administrator-set social security number among them. A member is now a direct member: the intern
 * does not see Company at all (404, as if it did not exist); a direct member of Company sees usernames and membership
 * types only; a user-admin with {@code view-users} sees e-mails, the attributes Keycloak's user profile lets
 * administrators read, and the roles of the users it may view. Sub-groups and parents are listed only where the
 * caller sees them.
 */
class GroupVisibilityIT {

    private static final String SERVICE = "group-management";
    private static final String PASSWORD = "visibility-password-1";
    private static final String SSN = "078-05-1120";
    private static final String CEO_EMAIL = "ceo@example.org";
    private static TestRealm realm;
    private static String company;
    private static String interns;

    @BeforeAll
    static void setUp() {
        AdminApi admin = new AdminApi(KeycloakServer.get());
        realm = TestRealm.create(admin, "group-visibility", rep -> {
            rep.putArray("groups")
                    .add(json("""
                    {"name": "Company", "subGroups": [{"name": "Interns"}]}"""));
            rep.putObject("roles").putArray("realm").addObject().put("name", "executive");
            ObjectNode ceo = user(rep, "ceo", "/Company");
            ceo.putArray("realmRoles").add("executive");
            ceo.putObject("attributes").putArray("ssn").add(SSN);
            user(rep, "intern", "/Company/Interns");
            user(rep, "peer", "/Company");
            user(rep, "hr", null)
                    .putObject("clientRoles")
                    .putArray("realm-management")
                    .add("view-users");
        });
        company = admin.get("/" + realm.name() + "/group-by-path/Company")
                .get("id")
                .asText();
        interns = admin.get("/" + realm.name() + "/group-by-path/Company/Interns")
                .get("id")
                .asText();
        // Unmanaged attributes are shown to administrators only (never to the user, never editable by them).
        ObjectNode profile = (ObjectNode) admin.get("/" + realm.name() + "/users/profile");
        profile.put("unmanagedAttributePolicy", "ADMIN_VIEW");
        Http.Reply configured = admin.call("PUT", "/" + realm.name() + "/users/profile", profile);
        assertEquals(200, configured.status(), configured.toString());
        assertEquals(
                SSN,
                realm.adminUser("ceo").path("attributes").path("ssn").path(0).asText(),
                "the premise: Keycloak's admin API shows the ssn the administrator set");
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static ObjectNode user(ObjectNode rep, String username, String group) {
        ObjectNode u = Http.JSON.valueToTree(TestRealm.user(username, PASSWORD));
        if (group != null) {
            u.putArray("groups").add(group);
        }
        rep.withArray("users").add(u);
        return u;
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Http.Reply as(String username, String path) {
        return Http.request("GET", realm.custos(SERVICE, path))
                .auth(Http.bearer(realm.accessToken(username, PASSWORD)))
                .send();
    }

    /** The member list as the finding asked for it ({@code group_id}, the parameter Custos's clients send). */
    private static Http.Reply members(String caller, String groupId) {
        return as(caller, "user/group/memberships/child?group_id=" + groupId);
    }

    /** The profiles of a 200 member list, by username. */
    private static Map<String, JsonNode> profiles(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        Map<String, JsonNode> byName = new TreeMap<>();
        reply.json().get("profiles").forEach(p -> byName.put(p.get("username").asText(), p));
        return byName;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The ids of a group list ({@code {"groups": [...]}}) or of a group's {@code sub_groups}. */
    private static List<String> ids(JsonNode groups) {
        List<String> out = new ArrayList<>();
        groups.forEach(g -> out.add(g.get("id").asText()));
        return out;
    }

    private static JsonNode ok(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    /** A refusal that tells nothing of the group, its members or their data. */
    private static void assertHidden(Http.Reply reply, String groupId) {
        assertEquals(404, reply.status(), reply.toString());
        assertEquals("group not found", reply.json().path("error_description").asText(), reply.body());
        for (String secret : List.of(groupId, "ceo", CEO_EMAIL, SSN, "executive", "Company")) {
            assertFalse(reply.body().contains(secret), "'" + secret + "' leaked: " + reply.body());
        }
    }

    @Test
    void anInternDoesNotSeeTheCompanysMembers() {
        assertHidden(members("intern", company), company);
        assertHidden(as("intern", "user/group/memberships/child?group.id=" + company), company);
        // Membership of a sub-group is membership there: the intern sees the interns.
        assertEquals(Set.of("intern"), profiles(members("intern", interns)).keySet());
    }

    @Test
    void aDirectMemberSeesNamesAndTypesOnly() {
        Http.Reply reply = members("peer", company);
        Map<String, JsonNode> seen = profiles(reply);
        assertEquals(Set.of("ceo", "peer"), seen.keySet(), "direct members only: " + reply.body());
        JsonNode ceo = seen.get("ceo");
        assertEquals("MEMBER", ceo.get("membership_type").asText());
        assertEquals("", ceo.get("email").asText(), reply.body());
        assertEquals("", ceo.get("first_name").asText());
        assertEquals("", ceo.get("last_name").asText());
        assertEquals(0, ceo.get("attributes").size(), reply.body());
        assertEquals(List.of(), texts(ceo.get("realm_roles")), reply.body());
        assertEquals(List.of(), texts(ceo.get("client_roles")));
        for (String secret : List.of(CEO_EMAIL, SSN, "executive")) {
            assertFalse(reply.body().contains(secret), "'" + secret + "' leaked to a plain member: " + reply.body());
        }
    }

    @Test
    void aUserViewerSeesEmailsReadableAttributesAndRoles() {
        Map<String, JsonNode> seen = profiles(members("hr", company));
        assertEquals(Set.of("ceo", "peer"), seen.keySet());
        JsonNode ceo = seen.get("ceo");
        assertEquals(CEO_EMAIL, ceo.get("email").asText());
        assertEquals("ceo", ceo.get("first_name").asText());
        JsonNode ssn = null;
        for (JsonNode a : ceo.get("attributes")) {
            if (a.get("key").asText().equals("ssn")) {
                ssn = a;
            }
        }
        assertNotNull(ssn, "an attribute Keycloak shows administrators: " + ceo);
        assertEquals(List.of(SSN), texts(ssn.get("values")));
        assertTrue(texts(ceo.get("realm_roles")).contains("executive"), ceo.toString());
    }

    @Test
    void anInternSeesNeitherTheParentGroupNorItsOtherSubGroups() {
        assertHidden(as("intern", "group?group.id=" + company), company);
        assertHidden(as("intern", "groups/memberships/child?group.id=" + company), company);
        JsonNode parents = ok(as("intern", "groups/memberships?group.id=" + interns));
        assertEquals(List.of(), ids(parents.get("groups")), "Company is not shown as the parent: " + parents);
        JsonNode own = ok(as("intern", "group?group.id=" + interns));
        assertEquals("Interns", own.get("name").asText());
        assertEquals(
                List.of(),
                ids(ok(as("intern", "groups/memberships/child?group.id=" + interns))
                        .get("groups")));
    }

    @Test
    void subGroupsAreListedOnlyToThoseWhoSeeThem() {
        JsonNode peersView = ok(as("peer", "group?group.id=" + company));
        assertEquals("Company", peersView.get("name").asText());
        assertEquals(List.of(), ids(peersView.get("sub_groups")), "peer is not in Interns: " + peersView);
        JsonNode peersChildren = ok(as("peer", "groups/memberships/child?group.id=" + company));
        assertEquals(List.of(), ids(peersChildren.get("groups")));
        assertFalse(peersChildren.toString().contains("Interns"), peersChildren.toString());
        // A user viewer sees the whole tree.
        assertEquals(
                List.of(interns), ids(ok(as("hr", "group?group.id=" + company)).get("sub_groups")));
        assertEquals(
                List.of(interns),
                ids(ok(as("hr", "groups/memberships/child?group.id=" + company)).get("groups")));
        assertEquals(
                List.of(company),
                ids(ok(as("hr", "groups/memberships?group.id=" + interns)).get("groups")));
    }
}
