package org.custos.keycloak.service.authzen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.custos.keycloak.auth.DecisionPointRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.representation.authzen.AuthZen;
import org.custos.keycloak.service.sharing.SharingDecisions;
import org.custos.keycloak.service.sharing.WhoHasAccess;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The AuthZEN 1.0 searches over the sharing engine, each the inverse of an evaluation: a result, evaluated, is
 * permitted, and every permitted subject, resource or action is a result. Subjects: people by username,
 * {@code agent}/{@code client} by client id, groups by id, ordered by that id; resources of one entity type by
 * entity id; actions by name. Each page is one keyset query (see {@link PageTokens}).
 */
public final class DecisionSearch {

    private static final String OWNER = "OWNER";
    private final RealmModel realm;
    private final DecisionPointRules rules;
    private final SharingDecisions decisions;
    private final Subjects subjects;
    private final CustosStores stores;
    private final DecisionPoint audit;

    public DecisionSearch(KeycloakSession session, DecisionPointRules rules) {
        this.realm = session.getContext().getRealm();
        this.rules = rules;
        this.decisions = SharingDecisions.of(session, rules.sharing());
        this.subjects = new Subjects(session);
        this.stores = CustosStores.of(session);
        this.audit = new DecisionPoint(session, rules);
    }

    /** Who may do the action on the resource: asks about everyone, so only a decision point may. */
    public AuthZen.SearchResults subjects(AuthZen.SearchRequest request) {
        AuthZen.SearchRequest r = required(request);
        AuthZen.Entity subject = Subjects.entity(r.subject(), "subject", false);
        AuthZen.Action action = Subjects.action(r.action(), "action");
        AuthZen.Entity resource = Subjects.entity(r.resource(), "resource", true);
        PageTokens.Position at =
                PageTokens.read(r.page(), "subject", subject.type(), action.name(), resource.type(), resource.id());
        rules.requireDecisionPoint();
        Optional<SharingEntity> entity = entity(resource);
        if (entity.isEmpty() || !exists(action.name())) {
            return page(at, List.of(), k -> null, "search/subject");
        }
        String e = entity.get().id();
        List<String> perms = List.of(action.name(), OWNER);
        Set<String> groups = WhoHasAccess.groups(realm, stores.shares(), e, perms);
        List<String> keys;
        if (Subjects.GROUP.equals(subject.type())) {
            keys = groups.stream()
                    .filter(g -> at.after() == null || g.compareTo(at.after()) > 0)
                    .limit(at.limit() + 1L)
                    .toList();
        } else if (Subjects.USER.equals(subject.type()) || Subjects.isServiceAccountType(subject.type())) {
            keys = stores.shares()
                    .holdingUsers(
                            realm.getId(),
                            e,
                            perms,
                            groups,
                            Subjects.isServiceAccountType(subject.type()),
                            at.after(),
                            at.limit() + 1);
        } else {
            keys = List.of();
        }
        return page(at, keys, k -> AuthZen.Result.entity(subject.type(), k), "search/subject");
    }

    /** What resources of a type the subject may do the action on. */
    public AuthZen.SearchResults resources(AuthZen.SearchRequest request) {
        AuthZen.SearchRequest r = required(request);
        AuthZen.Entity subject = Subjects.entity(r.subject(), "subject", true);
        AuthZen.Action action = Subjects.action(r.action(), "action");
        AuthZen.Entity resource = Subjects.entity(r.resource(), "resource", false);
        PageTokens.Position at =
                PageTokens.read(r.page(), "resource", subject.type(), subject.id(), action.name(), resource.type());
        Subjects.Subject s = asked(subject);
        if (s.principal() == null || !exists(action.name())) {
            return page(at, List.of(), k -> null, "search/resource");
        }
        List<String> keys = stores.shares()
                .reachable(
                        realm.getId(),
                        List.of(action.name(), OWNER),
                        s.principal(),
                        resource.type(),
                        at.after(),
                        at.limit() + 1);
        return page(at, keys, k -> AuthZen.Result.entity(resource.type(), k), "search/resource");
    }

    /** What the subject may do on the resource: holding OWNER, every action. */
    public AuthZen.SearchResults actions(AuthZen.SearchRequest request) {
        AuthZen.SearchRequest r = required(request);
        AuthZen.Entity subject = Subjects.entity(r.subject(), "subject", true);
        AuthZen.Entity resource = Subjects.entity(r.resource(), "resource", true);
        PageTokens.Position at =
                PageTokens.read(r.page(), "action", subject.type(), subject.id(), resource.type(), resource.id());
        Subjects.Subject s = asked(subject);
        if (s.principal() == null) {
            return page(at, List.of(), k -> null, "search/action");
        }
        List<SharingDecisions.Question> questions = new ArrayList<>();
        for (String p : new TreeSet<>(decisions.permissionTypes())) {
            questions.add(new SharingDecisions.Question(s.principal(), resource.id(), resource.type(), p));
        }
        List<SharingDecisions.Answer> answers = decisions.decide(questions);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            String name = questions.get(i).permission();
            if (answers.get(i).allowed() && (at.after() == null || name.compareTo(at.after()) > 0)) {
                keys.add(name);
            }
        }
        return page(
                at, keys.subList(0, Math.min(keys.size(), at.limit() + 1)), AuthZen.Result::action, "search/action");
    }

    /** The subject of a resource or action search: the caller itself, or anyone for a decision point (else 403). */
    private Subjects.Subject asked(AuthZen.Entity subject) {
        if (!rules.mayName(subject.type(), subject.id())) {
            throw DecisionPointRules.refusal();
        }
        Subjects.Subject s = subjects.resolve(subject);
        rules.requireMayAskAbout(s.user());
        return s;
    }

    private static AuthZen.SearchRequest required(AuthZen.SearchRequest r) {
        if (r == null) {
            throw CustosException.invalidField("body", "is required");
        }
        return r;
    }

    private Optional<SharingEntity> entity(AuthZen.Entity resource) {
        return stores.entities().entity(realm.getId(), resource.id()).filter(e -> e.typeId()
                .equals(resource.type()));
    }

    private boolean exists(String permission) {
        return decisions.permissionTypes().contains(permission);
    }

    /** A page of {@code keys} fetched one over the limit: the extra one only says that another page follows. */
    private AuthZen.SearchResults page(
            PageTokens.Position at, List<String> keys, Function<String, AuthZen.Result> result, String endpoint) {
        boolean more = keys.size() > at.limit();
        List<String> shown = more ? keys.subList(0, at.limit()) : keys;
        List<AuthZen.Result> results = shown.stream().map(result).toList();
        audit.audit(endpoint, Map.of("results", results.size()));
        return new AuthZen.SearchResults(
                new AuthZen.PageInfo(more ? PageTokens.next(at, shown.get(shown.size() - 1)) : "", results.size()),
                results);
    }
}
