package org.custos.keycloak.service.sharing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.custos.keycloak.auth.SharingAccess;
import org.custos.keycloak.auth.SharingRules;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.SharingTypeStore;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The one place sharing access is decided: does a user hold a permission on an entity (directly, through a group
 * or its sub-groups, on the entity or by a cascading share above it; OWNER satisfies every check), which entities
 * may the caller see, and what standing does it have to pass a permission on. Checks, searches and every change
 * ask here.
 */
public final class SharingDecisions {

    public static final int MAX_BATCH = 1000;
    static final int MAX_BOUND_VALUES = 1000;

    private final SharingContext ctx;

    SharingDecisions(SharingContext ctx) {
        this.ctx = ctx;
    }

    /** The decisions for the caller of this request ({@code access} authenticated it: {@code auth().sharing()}). */
    public static SharingDecisions of(KeycloakSession session, SharingAccess access) {
        return new SharingDecisions(new SharingContext(session, access));
    }

    /** Pairs "entityId|permission" the user holds; {@code permissions} null means any, OWNER included. */
    Set<String> held(UserModel user, Collection<String> entityIds, Collection<String> permissions) {
        Collection<String> perms = permissions == null ? permissionTypes() : permissions;
        return ctx.stores.shares().held(entityIds, perms, SharingContext.principal(ctx.realm, user));
    }

    /** Holds {@code permission} (or OWNER) on the entity. */
    boolean holds(UserModel user, SharingEntity entity, String permission) {
        return decide(List.of(
                        new Question(SharingContext.principal(ctx.realm, user), entity.externalId(), null, permission)))
                .get(0)
                .allowed();
    }

    /** Who a question is about: a user with its groups and all their ancestors. */
    public static ShareStore.Principal principal(RealmModel realm, UserModel user) {
        return SharingContext.principal(realm, user);
    }

    /** A group as the subject of a question: it holds what is shared with it or with any group above it. */
    public static ShareStore.Principal principal(GroupModel group) {
        Set<String> ids = new LinkedHashSet<>();
        for (GroupModel x = group; x != null && ids.add(x.getId()); x = x.getParent()) {
            // walk up until a group already seen
        }
        return new ShareStore.Principal(null, ids);
    }

    /**
     * Does the principal hold {@code permission} on the entity with external id {@code entityId} (of type
     * {@code entityType}, when not null)?
     */
    public record Question(ShareStore.Principal principal, String entityId, String entityType, String permission) {}

    /** The answer to a {@link Question}, with the share that decided it (null when denied). */
    public record Answer(boolean allowed, ShareStore.Grant grant) {}

    /**
     * The decision function: every check, batch check and AuthZEN evaluation ends here. Holding the permission, or
     * OWNER, through a share on the entity or a cascading share above it, with the user or one of its groups.
     * Answers any number of questions with one query (plus, only when an allow rests on OWNER alone, one look-up of
     * the realm's permission types: OWNER satisfies every permission that exists, and no other). The deciding share
     * is the nearest one, the permission itself before OWNER, a user share before a group share.
     */
    public List<Answer> decide(List<Question> questions) {
        return decide(ctx.stores.shares(), ctx.realm.getId(), questions, this::permissionTypes);
    }

    /** {@link #decide} over a share store: one query a chunk, then {@link #answer}. */
    static List<Answer> decide(
            ShareStore shares, String realmId, List<Question> questions, Supplier<Set<String>> permissionTypes) {
        List<ShareStore.Grant> grants = new ArrayList<>();
        for (List<Question> chunk : chunks(questions)) {
            Set<String> entityIds = new LinkedHashSet<>();
            Set<String> permissions = new LinkedHashSet<>();
            Set<String> userIds = new LinkedHashSet<>();
            Set<String> groupIds = new LinkedHashSet<>();
            permissions.add(SharingContext.OWNER);
            for (Question q : chunk) {
                entityIds.add(q.entityId());
                permissions.add(q.permission());
                if (q.principal().userId() != null) {
                    userIds.add(q.principal().userId());
                }
                groupIds.addAll(q.principal().groupIds());
            }
            grants.addAll(shares.grants(realmId, entityIds, permissions, userIds, groupIds));
        }
        return answer(questions, grants, permissionTypes);
    }

    /**
     * The pure half of {@link #decide}: the answers, given every share the store found for the questions. For each
     * question, the deciding share is the nearest one, the permission itself before OWNER, a user share before a
     * group share; OWNER satisfies every permission the realm has ({@code permissionTypes}, read only when an allow
     * rests on OWNER alone), and no other.
     */
    static List<Answer> answer(
            List<Question> questions, List<ShareStore.Grant> grants, Supplier<Set<String>> permissionTypes) {
        Map<String, List<ShareStore.Grant>> byEntity = new HashMap<>();
        grants.forEach(g ->
                byEntity.computeIfAbsent(g.externalId(), k -> new ArrayList<>()).add(g));
        Set<String> existing = null;
        List<Answer> answers = new ArrayList<>(questions.size());
        for (Question q : questions) {
            ShareStore.Grant best = null;
            for (ShareStore.Grant g : byEntity.getOrDefault(q.entityId(), List.of())) {
                if (decides(q, g) && (best == null || closer(g, best, q))) {
                    best = g;
                }
            }
            if (best != null && !best.permissionId().equals(q.permission())) {
                if (existing == null) {
                    existing = permissionTypes.get();
                }
                if (!existing.contains(q.permission())) {
                    best = null;
                }
            }
            answers.add(new Answer(best != null, best));
        }
        return answers;
    }

    /**
     * The questions in as few queries as keep each within {@value #MAX_BOUND_VALUES} bound values (databases limit
     * them; Oracle allows 1,000 per list), one subject's questions together: a batch about one subject, or a few, is
     * one query.
     */
    static List<List<Question>> chunks(List<Question> questions) {
        Map<ShareStore.Principal, List<Question>> bySubject = new LinkedHashMap<>();
        questions.forEach(q ->
                bySubject.computeIfAbsent(q.principal(), k -> new ArrayList<>()).add(q));
        List<List<Question>> out = new ArrayList<>();
        List<Question> current = new ArrayList<>();
        Set<String> values = new HashSet<>();
        for (Map.Entry<ShareStore.Principal, List<Question>> subject : bySubject.entrySet()) {
            List<String> who = new ArrayList<>();
            who.add("u|" + subject.getKey().userId());
            subject.getKey().groupIds().forEach(g -> who.add("g|" + g));
            boolean whoBound = false;
            for (Question q : subject.getValue()) {
                String entity = "e|" + q.entityId();
                String permission = "p|" + q.permission();
                long more = (values.contains(entity) ? 0 : 1) + (values.contains(permission) ? 0 : 1);
                if (!whoBound) {
                    more += who.stream().filter(v -> !values.contains(v)).count();
                }
                if (!current.isEmpty() && values.size() + more > MAX_BOUND_VALUES) {
                    out.add(current);
                    current = new ArrayList<>();
                    values.clear();
                    whoBound = false;
                }
                if (!whoBound) {
                    values.addAll(who);
                    whoBound = true;
                }
                values.add(entity);
                values.add(permission);
                current.add(q);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static boolean decides(Question q, ShareStore.Grant g) {
        boolean principal = ShareStore.USER.equals(g.principalType())
                ? g.principalId().equals(q.principal().userId())
                : q.principal().groupIds().contains(g.principalId());
        return principal
                && (q.entityType() == null || q.entityType().equals(g.typeId()))
                && (g.permissionId().equals(q.permission()) || g.permissionId().equals(SharingContext.OWNER));
    }

    /** The nearer share decides; between two equally near group shares, the first group id (not the row order). */
    private static boolean closer(ShareStore.Grant g, ShareStore.Grant best, Question q) {
        int a = rank(g, q);
        int b = rank(best, q);
        return a < b || (a == b && g.principalId().compareTo(best.principalId()) < 0);
    }

    private static int rank(ShareStore.Grant g, Question q) {
        return g.depth() * 4
                + (g.permissionId().equals(q.permission()) ? 0 : 2)
                + (ShareStore.USER.equals(g.principalType()) ? 0 : 1);
    }

    /** The permission types of the realm, OWNER included. */
    public Set<String> permissionTypes() {
        return permissionTypes(ctx.stores.sharingTypes(), ctx.realm.getId());
    }

    static Set<String> permissionTypes(SharingTypeStore types, String realmId) {
        Set<String> all = new LinkedHashSet<>();
        all.add(SharingContext.OWNER);
        types.types(realmId, SharingTypeStore.Kind.PERMISSION_TYPE).forEach(p -> all.add(p.externalId()));
        return all;
    }

    private boolean reaches(SharingEntity entity) {
        return ctx.actor() != null
                && !held(ctx.actor(), List.of(entity.id()), null).isEmpty();
    }

    /** The entity if the caller may see it (it reaches it, or is a viewer); 404 otherwise, as if it did not exist. */
    SharingEntity visibleEntity(String externalId, String field) {
        SharingEntity e = ctx.entity(externalId, field);
        if (!ctx.isViewer() && !reaches(e)) {
            throw CustosException.notFound("entity '" + externalId + "' not found");
        }
        return e;
    }

    boolean isVisible(String externalId) {
        return ctx.stores
                .entities()
                .entity(ctx.realm.getId(), SharingFields.required(externalId, "entity.id"))
                .filter(e -> ctx.isViewer() || reaches(e))
                .isPresent();
    }

    /** The user a check is about: the caller itself, or anyone for a viewer. */
    UserModel checkedUser(String username, String field) {
        String name = SharingFields.required(username, field);
        boolean self = ctx.actor() != null && ctx.actor().getUsername().equals(name);
        if (!self && !ctx.isViewer()) {
            throw CustosException.forbidden(
                    "a caller may check only its own access unless it has '" + SharingAccess.VIEWER_ROLE + "'");
        }
        return self ? ctx.actor() : ctx.user(name);
    }

    void requireOwnerOrAdmin(SharingEntity e) {
        if (!ctx.isAdmin() && (ctx.actor() == null || !holds(ctx.actor(), e, SharingContext.OWNER))) {
            throw CustosException.forbidden(
                    "only the entity's OWNER or a sharing admin (" + SharingAccess.ADMIN_ROLE + ") may do this");
        }
    }

    /** What the caller holds on the entity for {@code permission}: the input of {@link SharingRules}. */
    SharingRules.Standing standing(SharingEntity e, String permission) {
        UserModel actor = ctx.actor();
        if (ctx.isAdmin() || (actor != null && holds(actor, e, SharingContext.OWNER))) {
            return new SharingRules.Standing(true, true, true);
        }
        if (actor == null || !holds(actor, e, permission)) {
            return new SharingRules.Standing(false, false, false);
        }
        return new SharingRules.Standing(
                false,
                true,
                ctx.stores.shares().holdsCascading(e.id(), permission, SharingContext.principal(ctx.realm, actor)));
    }

    /** Does {@code username} hold {@code permissionId} on the entity? */
    public boolean check(String entityId, String permissionId, String username) {
        UserModel user = checkedUser(username, "owner_id");
        String id = SharingFields.required(entityId, "entity.id");
        String permission = SharingFields.required(permissionId, "permission_type.id");
        if (decide(List.of(new Question(SharingContext.principal(ctx.realm, user), id, null, permission)))
                .get(0)
                .allowed()) {
            return true;
        }
        // A deny: a viewer learns that the entity or the permission does not exist (404), anyone else nothing.
        if (ctx.isViewer()) {
            ctx.entity(id, "entity.id");
        }
        ctx.permission(permission, "permission_type.id");
        return false;
    }

    /** Many checks, answered in order, with one decision query for the whole batch. */
    public List<Boolean> batchCheck(List<AccessCheck> checks) {
        if (checks == null) {
            throw CustosException.invalidField("checks", "is required");
        }
        if (checks.size() > MAX_BATCH) {
            throw CustosException.invalidField("checks", "may hold at most " + MAX_BATCH + " checks");
        }
        Map<String, UserModel> users = new HashMap<>();
        Map<String, ShareStore.Principal> principals = new HashMap<>();
        Set<String> knownPermissions = new HashSet<>();
        Set<String> knownEntities = new HashSet<>();
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            String path = "checks[" + i + "]";
            AccessCheck c = SharingFields.requiredObject(checks.get(i), path);
            String eid = SharingFields.required(c.entityId(), path + ".entity.id");
            if (ctx.isViewer() && knownEntities.add(eid)) {
                ctx.entity(eid, path + ".entity.id");
            }
            String permission = SharingFields.required(c.permissionTypeId(), path + ".permission_type.id");
            if (knownPermissions.add(permission)) {
                ctx.permission(permission, path + ".permission_type.id");
            }
            UserModel user = users.get(c.owner());
            if (user == null) {
                user = checkedUser(c.owner(), path + ".owner_id");
                users.put(c.owner(), user);
            }
            questions.add(new Question(
                    principals.computeIfAbsent(user.getId(), id -> principal(ctx.realm, users.get(c.owner()))),
                    eid,
                    null,
                    permission));
        }
        return decide(questions).stream().map(Answer::allowed).toList();
    }
}
