package org.custos.keycloak.service.authzen;

import java.util.regex.Pattern;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.representation.authzen.AuthZen;
import org.custos.keycloak.service.sharing.SharingDecisions;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * AuthZEN subjects as Keycloak knows them: {@code user} — a person, by user id (a UUID) or username (or explicitly
 * {@code id:…} / {@code username:…}; a UUID that is one user's id and another's username names nobody);
 * {@code agent} or {@code client} — a client's service account, by client id (Custos agents are clients);
 * {@code group} — a group, by id. Any other type, or an id that does not resolve, is a subject that holds nothing.
 */
final class Subjects {

    static final String USER = "user";
    static final String GROUP = "group";
    static final String AGENT = "agent";
    static final String CLIENT = "client";
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A resolved subject: the user acting (null for a group), and what a check is about (null: holds nothing). */
    record Subject(UserModel user, ShareStore.Principal principal) {}

    /** A subject the caller may not ask about, not looked up. */
    static final Subject REFUSED = new Subject(null, null);

    private final KeycloakSession session;
    private final RealmModel realm;

    Subjects(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    static boolean isServiceAccountType(String type) {
        return AGENT.equals(type) || CLIENT.equals(type);
    }

    Subject resolve(AuthZen.Entity subject) {
        String id = subject.id();
        switch (subject.type()) {
            case USER -> {
                UserModel user = person(id);
                return user == null
                        ? new Subject(null, null)
                        : new Subject(user, SharingDecisions.principal(realm, user));
            }
            case AGENT, CLIENT -> {
                ClientModel client = realm.getClientByClientId(id);
                UserModel account = client == null ? null : session.users().getServiceAccount(client);
                return account == null
                        ? new Subject(null, null)
                        : new Subject(account, SharingDecisions.principal(realm, account));
            }
            case GROUP -> {
                GroupModel group = session.groups().getGroupById(realm, id);
                return new Subject(null, group == null ? null : SharingDecisions.principal(group));
            }
            default -> {
                return new Subject(null, null);
            }
        }
    }

    private UserModel person(String id) {
        UserModel user;
        if (id.startsWith("id:")) {
            user = session.users().getUserById(realm, id.substring(3));
        } else if (id.startsWith("username:")) {
            user = session.users().getUserByUsername(realm, id.substring(9));
        } else if (UUID.matcher(id).matches()) {
            // A UUID may be a user id or (Keycloak allows it) another user's username: ambiguous is nobody.
            UserModel byId = session.users().getUserById(realm, id);
            UserModel byName = session.users().getUserByUsername(realm, id);
            user = byId == null ? byName : byName == null || byName.getId().equals(byId.getId()) ? byId : null;
        } else {
            // Not a Keycloak user id: a look-up by id would only miss (and misses are not cached).
            user = session.users().getUserByUsername(realm, id);
        }
        return user == null || user.getServiceAccountClientLink() != null ? null : user;
    }

    /** A required string of a message: 400 naming the field when it is missing or blank. */
    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw CustosException.invalidField(field, "is required");
        }
        return value;
    }

    /** The subject, action and resource of an evaluation, each with its required members. */
    static AuthZen.EvaluationRequest complete(AuthZen.EvaluationRequest r, String at) {
        if (r == null) {
            throw CustosException.invalidField(at.isEmpty() ? "body" : at, "is required");
        }
        String p = at.isEmpty() ? "" : at + ".";
        return new AuthZen.EvaluationRequest(
                entity(r.subject(), p + "subject", true),
                action(r.action(), p + "action"),
                entity(r.resource(), p + "resource", true),
                r.context());
    }

    static AuthZen.Entity entity(AuthZen.Entity e, String field, boolean needsId) {
        if (e == null) {
            throw CustosException.invalidField(field, "is required");
        }
        return new AuthZen.Entity(
                required(e.type(), field + ".type"), needsId ? required(e.id(), field + ".id") : null, e.properties());
    }

    static AuthZen.Action action(AuthZen.Action a, String field) {
        if (a == null) {
            throw CustosException.invalidField(field, "is required");
        }
        return new AuthZen.Action(required(a.name(), field + ".name"), a.properties());
    }
}
