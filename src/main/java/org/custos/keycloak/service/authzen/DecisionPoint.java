package org.custos.keycloak.service.authzen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.DecisionPointRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.authzen.AuthZen;
import org.custos.keycloak.service.settings.CustosSettings;
import org.custos.keycloak.service.sharing.SharingDecisions;
import org.custos.keycloak.service.sharing.WhoHasAccess;
import org.custos.keycloak.service.support.AdminEvents;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The AuthZEN 1.0 evaluation endpoints over the sharing engine: subject (see {@link Subjects}), action = a
 * permission type (or OWNER), resource = an entity of the type named. What is unknown is a decision of false, never
 * an error. Every evaluation is answered by {@link SharingDecisions#decide}, the function behind the Custos checks,
 * and a batch by one call of it. With {@code "context": {"explain": true}} a decision carries the share that made it.
 */
public final class DecisionPoint {

    public static final int MAX_EVALUATIONS = SharingDecisions.MAX_BATCH;
    static final String EXECUTE_ALL = "execute_all";
    static final String DENY_ON_FIRST_DENY = "deny_on_first_deny";
    static final String PERMIT_ON_FIRST_PERMIT = "permit_on_first_permit";
    static final String AUDITED_RESOURCE = "CUSTOS_AUTHZEN_DECISION";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final DecisionPointRules rules;
    private final SharingDecisions decisions;
    private final Subjects subjects;

    public DecisionPoint(KeycloakSession session, DecisionPointRules rules) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.rules = rules;
        this.decisions = SharingDecisions.of(session, rules.sharing());
        this.subjects = new Subjects(session);
    }

    /** One evaluation: 403 when the caller may not ask about the subject. */
    public AuthZen.Decision evaluate(AuthZen.EvaluationRequest request) {
        AuthZen.EvaluationRequest r = Subjects.complete(request, "");
        if (!rules.mayName(r.subject().type(), r.subject().id())) {
            throw DecisionPointRules.refusal();
        }
        Subjects.Subject subject = subjects.resolve(r.subject());
        rules.requireMayAskAbout(subject.user());
        AuthZen.Decision decision = decideAll(List.of(r), List.of(subject)).get(0);
        audit("evaluation", Map.of("evaluations", 1, "permitted", decision.decision() ? 1 : 0));
        return decision;
    }

    /**
     * Many evaluations with top-level defaults, under one of the specification's semantics; without evaluations,
     * the single evaluation (its answer shape too). An evaluation about a subject the caller may not ask about is a
     * false decision carrying a 403 error; the others are answered all together.
     */
    public Object evaluations(AuthZen.EvaluationsRequest request) {
        AuthZen.EvaluationsRequest r = request;
        if (r == null) {
            throw CustosException.invalidField("body", "is required");
        }
        if (r.evaluations() == null || r.evaluations().isEmpty()) {
            return evaluate(new AuthZen.EvaluationRequest(r.subject(), r.action(), r.resource(), r.context()));
        }
        if (r.evaluations().size() > MAX_EVALUATIONS) {
            throw CustosException.invalidField(
                    "evaluations", "may hold at most " + MAX_EVALUATIONS + " evaluations (split the batch)");
        }
        String semantic = r.options() == null || r.options().evaluationsSemantic() == null
                ? EXECUTE_ALL
                : r.options().evaluationsSemantic();
        if (!List.of(EXECUTE_ALL, DENY_ON_FIRST_DENY, PERMIT_ON_FIRST_PERMIT).contains(semantic)) {
            throw CustosException.invalidField(
                    "options.evaluations_semantic",
                    "must be one of " + EXECUTE_ALL + ", " + DENY_ON_FIRST_DENY + ", " + PERMIT_ON_FIRST_PERMIT);
        }
        List<AuthZen.EvaluationRequest> items = new ArrayList<>();
        List<Subjects.Subject> resolved = new ArrayList<>();
        // A batch is usually about one subject (a PEP listing what its user may do): each is looked up once.
        Map<List<String>, Subjects.Subject> subjectsByName = new HashMap<>();
        for (int i = 0; i < r.evaluations().size(); i++) {
            AuthZen.EvaluationRequest e = r.evaluations().get(i);
            if (e == null) {
                throw CustosException.invalidField("evaluations[" + i + "]", "must be an object");
            }
            AuthZen.EvaluationRequest item = Subjects.complete(
                    new AuthZen.EvaluationRequest(
                            e.subject() != null ? e.subject() : r.subject(),
                            e.action() != null ? e.action() : r.action(),
                            e.resource() != null ? e.resource() : r.resource(),
                            e.context() != null ? e.context() : r.context()),
                    "evaluations[" + i + "]");
            items.add(item);
            AuthZen.Entity subject = item.subject();
            resolved.add(subjectsByName.computeIfAbsent(
                    List.of(subject.type(), subject.id()),
                    k -> rules.mayName(subject.type(), subject.id()) ? subjects.resolve(subject) : Subjects.REFUSED));
        }
        List<AuthZen.Decision> all = decideAll(items, resolved);
        List<AuthZen.Decision> out = new ArrayList<>();
        for (AuthZen.Decision d : all) {
            if (semantic.equals(DENY_ON_FIRST_DENY) && !d.decision()) {
                Map<String, Object> context = new LinkedHashMap<>();
                context.put("code", "200");
                context.put("reason", DENY_ON_FIRST_DENY);
                if (d.context() != null) {
                    context.putAll(d.context());
                }
                out.add(new AuthZen.Decision(false, context));
                break;
            }
            out.add(d);
            if (semantic.equals(PERMIT_ON_FIRST_PERMIT) && d.decision()) {
                break;
            }
        }
        audit(
                "evaluations",
                Map.of(
                        "evaluations", items.size(),
                        "answered", out.size(),
                        "permitted",
                                out.stream().filter(AuthZen.Decision::decision).count()));
        return new AuthZen.Decisions(out);
    }

    /** Decides every item with one call of the decision function; refusals become false with a 403 error. */
    private List<AuthZen.Decision> decideAll(List<AuthZen.EvaluationRequest> items, List<Subjects.Subject> resolved) {
        List<SharingDecisions.Question> questions = new ArrayList<>();
        List<Integer> asked = new ArrayList<>();
        AuthZen.Decision[] out = new AuthZen.Decision[items.size()];
        for (int i = 0; i < items.size(); i++) {
            AuthZen.EvaluationRequest item = items.get(i);
            Subjects.Subject s = resolved.get(i);
            if (!rules.mayAskAbout(s.user())) {
                out[i] = new AuthZen.Decision(
                        false,
                        Map.of(
                                "error",
                                Map.of(
                                        "status",
                                        403,
                                        "message",
                                        DecisionPointRules.refusal().getDescription())));
                continue;
            }
            if (s.principal() == null) {
                out[i] = denied(item);
                continue;
            }
            questions.add(new SharingDecisions.Question(
                    s.principal(),
                    item.resource().id(),
                    item.resource().type(),
                    item.action().name()));
            asked.add(i);
        }
        List<SharingDecisions.Answer> answers = questions.isEmpty() ? List.of() : decisions.decide(questions);
        for (int k = 0; k < answers.size(); k++) {
            int i = asked.get(k);
            SharingDecisions.Answer a = answers.get(k);
            out[i] = a.allowed()
                    ? new AuthZen.Decision(
                            true, explains(items.get(i)) ? Map.of("grant", WhoHasAccess.reason(a.grant())) : null)
                    : denied(items.get(i));
        }
        return List.of(out);
    }

    private static AuthZen.Decision denied(AuthZen.EvaluationRequest item) {
        return new AuthZen.Decision(false, explains(item) ? Map.of("grant", Map.of("kind", "none")) : null);
    }

    private static boolean explains(AuthZen.EvaluationRequest item) {
        Object explain = item.context() == null ? null : item.context().get("explain");
        return Boolean.TRUE.equals(explain) || "true".equals(explain);
    }

    /** With the realm's "audit decisions" switch on (and admin events stored), one admin event per request. */
    void audit(String endpoint, Map<String, ?> summary) {
        if (CustosSettings.auditDecisions(realm) && rules.caller().user() != null) {
            new AdminEvents(session, rules.caller())
                    .emit(OperationType.ACTION, AUDITED_RESOURCE, summary, "authzen/access/v1/" + endpoint);
        }
    }
}
