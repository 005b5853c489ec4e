package org.custos.keycloak.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.custos.keycloak.auth.EscalationWorld.Actor;
import org.custos.keycloak.auth.EscalationWorld.Step;
import org.custos.keycloak.testing.Http;
import org.custos.keycloak.testing.SharingApi;
import org.junit.jupiter.api.Test;

/**
 * Attackers and callers against a reference model ({@link EscalationModel}). Callers whose tokens act in Custos but
 * who are not realm admins — plain users (a group OWNER, ADMIN and MEMBER among them), the same user through the
 * tenant's credentials, the manage-users tenant client, a manage-clients client, an agent — and attackers holding
 * tokens Custos must refuse (see {@link EscalationActors}) send requests on every path that changes what a principal
 * holds: realm and client roles, group memberships and their Custos types (OWNER, ADMIN, MEMBER), the group tree,
 * shares, entities, secret values. After every step the model must equal what the server reports: an attacker's step
 * changes nothing whatever it asks, a caller's refused step nothing, an accepted one exactly what it says — and only
 * within {@link EscalationRules}.
 *
 * <p>The random walk runs a fixed seed ({@value #DEFAULT_SEED}) and one new seed per run, each printed as
 * {@code escalation model seed=N steps=M}; a failure names the seed and the step. Replay a seed with
 * {@code -Dcustos.escalation.seed=N} (it replaces the run's random one); {@code -Dcustos.escalation.steps=M} sets the
 * walk's length (default {@value #STEPS}). Each walk ends with the realm disabled: a sample of steps, every one refused
 * 403 and changing nothing, then the realm is enabled again and compared once more.
 */
class EscalationModelIT {

    static final long DEFAULT_SEED = 20261207L;
    static final int STEPS = 300;
    static final int DISABLED_REALM_STEPS = 20;

    @Test
    void theFixedSeedsWalkMatchesTheModel() {
        walk(DEFAULT_SEED, "the fixed seed");
    }

    @Test
    void thisRunsSeedsWalkMatchesTheModel() {
        Long given = Long.getLong("custos.escalation.seed", Long.getLong("custos.model.seed"));
        walk(given != null ? given : System.nanoTime(), given != null ? "the given seed" : "this run's seed");
    }

    private static void walk(long seed, String which) {
        int count = Integer.getInteger("custos.escalation.steps", Integer.getInteger("custos.model.steps", STEPS));
        System.out.println("escalation model seed=" + seed + " steps=" + count + " (" + which
                + "; replay: -Dcustos.escalation.seed=" + seed + ")");
        long started = System.nanoTime();
        try (EscalationWorld w = new EscalationWorld("escalation-model")) {
            w.entityAsTenant("root", "owen", null);
            w.entityAsTenant("child", "owen", "root");
            w.entityAsTenant("side", "gina", null);
            w.shareAsTenant("root", "READ", false, "mel", false);
            w.shareAsTenant("root", "READ", false, "gina", true);
            w.shareAsTenant("child", "WRITE", false, "plain", false);
            w.shareAsTenant("side", "READ", true, w.team, true);
            w.secret("sam", "sams", "sams-value", false);
            w.secret("owen", "owens", "owens-value", false);
            w.secret("gina", "ginas", "ginas-value", true);
            w.compare("seed=" + seed + " set-up");
            EscalationWalk walk = new EscalationWalk(w, new Random(seed));
            for (int i = 0; i < count; i++) {
                w.run(walk.next(), "seed=" + seed + " step=" + i, true);
            }
            w.setRealmEnabled(false);
            try {
                for (int i = 0; i < DISABLED_REALM_STEPS; i++) {
                    w.run(walk.next(), "seed=" + seed + " disabled realm, step=" + (count + i), true);
                }
            } finally {
                w.setRealmEnabled(true);
            }
            w.compare("seed=" + seed + ": the realm enabled again");
            System.out.println("escalation model seed=" + seed + ": " + w.outcomes() + "; model and server agreed "
                    + "after every step (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
            assertTrue(w.accepted > 0 && w.refused > 0, "seed=" + seed + ": the walk exercised both outcomes");
        }
    }

    /**
     * Every actor on every path in turn: group creation under the admins' group and with an admin role, joining the
     * admins' group and its sub-group as OWNER, a view-users group for another user, a group's roles, direct roles,
     * re-parenting, making and unmaking admins, giving and taking Custos OWNER and ADMIN types, sharing with a group,
     * widening a share to cascade, revoking another's grant, creating an entity, and reading and writing another
     * user's secret. Callers are compared after each step, attackers after all of theirs.
     */
    @Test
    void everyActorTriesEveryPathAndGainsOnlyWhatTheRulesAllow() {
        try (EscalationWorld w = new EscalationWorld("escalation-suite")) {
            EscalationSteps s = w.steps;
            w.entityAsTenant("root", "radmin", null);
            w.entityAsTenant("child", "radmin", "root");
            for (String u : List.of("plain", "owen", "gina", "mel")) {
                w.shareAsTenant("root", "READ", false, u, false);
            }
            w.secret("sam", "sams", "sams-value", false);
            w.compare("suite set-up");
            List<Actor> order = new ArrayList<>();
            for (String first : List.of("plain", "owen", "gina", "mel", "tenant+gina", "agent", "clients-admin")) {
                w.actors.stream().filter(a -> a.name().equals(first)).forEach(order::add);
            }
            w.actors.stream().filter(a -> !order.contains(a)).forEach(order::add);
            int n = 0;
            for (Actor a : order) {
                String victim = "plain".equals(a.person()) ? "sam" : "plain";
                String self = a.person() == null ? victim : a.person();
                List<Step> steps = new ArrayList<>();
                steps.add(s.createGroup(a, self, w.adminGroup, List.of()));
                steps.add(s.createGroup(a, self, null, List.of("sneaky")));
                steps.add(s.createGroup(a, self, w.viewers, List.of()));
                steps.add(s.addMember(a, w.adminGroup, self, "MEMBER"));
                steps.add(s.addMember(a, w.inner, self, "OWNER"));
                steps.add(s.addMember(a, w.viewers, victim, "MEMBER"));
                for (String role : List.of("custos-secrets-admin", "sneaky", "helper")) {
                    steps.add(s.updateGroup(a, w.team, List.of(role)));
                    steps.add(s.addRole(a, self, role));
                }
                steps.add(s.move(a, w.team, w.adminGroup));
                steps.add(s.makeAdmin(a, self));
                steps.add(s.removeAdmin(a, "radmin"));
                steps.add(s.removeMember(a, w.adminGroup, "radmin"));
                steps.add(s.addMember(a, w.team, victim, "ADMIN"));
                steps.add(s.changeType(a, w.team, self, "OWNER"));
                steps.add(s.removeMember(a, w.team, EscalationWorld.DORA));
                steps.add(s.changeType(a, w.team, "owen", "MEMBER"));
                steps.add(s.share(a, "root", "READ", true, w.team, false));
                steps.add(s.createEntity(a, "x" + (++n), self, "root"));
                steps.add(s.writeSecret(a, "sams"));
                for (Step step : steps) {
                    w.run(step, "suite", !a.attacker());
                }
                // Widening a non-cascading share to cascade: only a free sharer, or a holder whose grant cascades.
                EscalationModel before = w.model.copy();
                String grantee = a.person() == null ? "plain" : a.person();
                Http.Reply widen = w.run(s.share(a, "root", "READ", false, grantee, true), "suite", !a.attacker());
                assertTrue(
                        widen.status() != 200
                                || EscalationWorld.power(a, before).contains("rm:manage-authorization")
                                || before.holds(a.account(), "root", "OWNER")
                                || before.holdsCascading(a.account(), "root", "READ"),
                        a.name() + " widened a share: " + widen);
                // Revoking a grant the tenant made: only a free sharer.
                String other = "mel".equals(a.person()) ? "gina" : "mel";
                Http.Reply revoke = w.run(s.revoke(a, "root", "READ", false, other), "suite", !a.attacker());
                assertTrue(
                        revoke.status() != 200
                                || EscalationWorld.power(a, before).contains("rm:manage-authorization")
                                || before.holds(a.account(), "root", "OWNER"),
                        a.name() + " revoked another's grant: " + revoke);
                // Secrets: sam's value is sam's.
                Http.Reply secret = w.run(s.readSecret(a, "sams"), "suite", !a.attacker());
                assertTrue(
                        List.of(401, 403, 404).contains(secret.status()), a.name() + " read sam's secret: " + secret);
                assertFalse(secret.body().contains(w.model.secrets.get("sams").value()), a.name() + " saw the value");
                if (a.attacker()) {
                    w.compare("suite, after every step of " + a.name());
                }
            }
            // The decision path agrees with the model on what cascaded down to the child.
            SharingApi tenant = new SharingApi(w.r.realm, w.r.realm.tenantAuth());
            for (String u : w.model.users) {
                assertEquals(
                        w.model.holds(u, "child", "READ"), tenant.check("child", "READ", u), "READ on child: " + u);
            }
            System.out.println("escalation suite: " + w.outcomes());
            assertTrue(
                    w.accepted > 0 && w.refused > 0,
                    "the suite exercised both outcomes: " + w.accepted + " accepted, " + w.refused + " refused");
        }
    }
}
