package org.custos.keycloak.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.custos.keycloak.auth.EscalationModel.Share;
import org.custos.keycloak.auth.EscalationWorld.Actor;
import org.custos.keycloak.auth.EscalationWorld.Step;

/**
 * The seeded random walk: each step a random action by a random actor (three in five a caller whose token acts, the
 * rest attackers), on random targets — often what exists (a member, a share) and often the actor itself. Choices
 * depend only on the seed and on the model (whose names are the walk's own, never server-made ids), so a seed
 * replays the same walk.
 */
final class EscalationWalk {

    /** At most this many groups and entities, so that every comparison stays a few dozen reads. */
    private static final int MAX_GROUPS = 7;

    private static final int MAX_ENTITIES = 7;

    private final EscalationWorld w;
    private final EscalationModel m;
    private final EscalationSteps s;
    private final Random rnd;
    private int entities;

    EscalationWalk(EscalationWorld world, Random rnd) {
        this.w = world;
        this.m = world.model;
        this.s = world.steps;
        this.rnd = rnd;
    }

    private <T> T pick(List<T> from) {
        return from.get(rnd.nextInt(from.size()));
    }

    /** An existing membership {group, user}, in the model's order. */
    private String[] membership() {
        List<String[]> all = new ArrayList<>();
        for (String g : m.groups()) {
            for (String u : m.users) {
                if (m.type(g, u) != null) {
                    all.add(new String[] {g, u});
                }
            }
        }
        return all.isEmpty() ? null : pick(all);
    }

    Step next() {
        Actor a = rnd.nextInt(5) < 3 ? pick(w.callersOnly()) : pick(w.attackersOnly());
        List<String> groups = m.groups();
        String group = pick(groups);
        String other = pick(groups);
        String user = a.person() != null && rnd.nextInt(4) == 0 ? a.person() : pick(m.users);
        String role = pick(EscalationSteps.ROLES);
        String type = pick(EscalationSteps.TYPES);
        String entity = pick(new ArrayList<>(m.entityParent.keySet()));
        String permission = pick(EscalationSteps.PERMISSIONS);
        boolean cascade = rnd.nextBoolean();
        boolean existing = rnd.nextInt(10) < 7;
        String[] member = existing ? membership() : null;
        String memberGroup = member == null ? group : member[0];
        String memberUser = member == null ? user : member[1];
        List<String> secrets = new ArrayList<>(m.secrets.keySet());
        return switch (rnd.nextInt(20)) {
            case 0 -> groups.size() < MAX_GROUPS
                    ? s.createGroup(a, user, cascade ? null : group, existing ? List.of() : List.of(role))
                    : s.addMember(a, group, user, type);
            case 1, 2, 3 -> s.addMember(a, group, user, type);
            case 4 -> s.removeMember(a, memberGroup, memberUser);
            case 5, 6 -> s.changeType(a, memberGroup, memberUser, type);
            case 7 -> s.updateGroup(a, group, cascade ? List.of() : List.of(role));
            case 8 -> s.move(a, group, other);
            case 9 -> s.unparent(a, group, m.parent.get(group) != null ? m.parent.get(group) : other);
            case 10 -> s.addRole(a, user, role);
            case 11 -> s.makeAdmin(a, user);
            case 12 -> s.removeAdmin(a, user);
            case 13, 14 -> rnd.nextInt(10) < 3
                    ? s.share(a, entity, permission, true, group, cascade)
                    : s.share(a, entity, permission, false, user, cascade);
            case 15 -> revoke(a, existing, entity, permission, user);
            case 16, 17 -> s.readSecret(a, pick(secrets));
            case 18 -> s.writeSecret(a, pick(secrets));
            default -> m.entityParent.size() < MAX_ENTITIES
                    ? s.createEntity(a, "e" + (++entities), user, cascade ? null : entity)
                    : s.share(a, entity, permission, false, user, cascade);
        };
    }

    private Step revoke(Actor a, boolean existing, String entity, String permission, String user) {
        List<Share> rows = new ArrayList<>(m.sharesInOrder());
        rows.removeIf(r -> r.permission().equals(EscalationModel.OWNER));
        if (!existing || rows.isEmpty()) {
            return s.revoke(a, entity, permission, false, user);
        }
        Share row = pick(rows);
        return s.revoke(a, row.entity(), row.permission(), row.type().equals(EscalationModel.GROUP), row.principal());
    }
}
