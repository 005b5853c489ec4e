package org.custos.keycloak.service.sharing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.SharingAccess;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.ShareStore.Share;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * One entity as a sharing viewer ({@code view-authorization}) sees it: its place in the tree, every share that
 * reaches it, and every user who holds a permission on it with the share that gives it — the "why" is the same
 * grant an explained AuthZEN decision names ({@link WhoHasAccess#reason}), found by the one decision function.
 */
public final class EntityAccess {

    /** The most holders one page lists. */
    public static final int MAX_PAGE = 100;

    private final SharingContext ctx;
    private final SharingDecisions decisions;

    public EntityAccess(KeycloakSession session, SharingAccess access) {
        this.ctx = new SharingContext(session, access);
        this.decisions = new SharingDecisions(ctx);
        if (!ctx.isViewer()) {
            throw CustosException.forbidden("the caller lacks the realm-management role '" + SharingAccess.VIEWER_ROLE
                    + "' (or '" + SharingAccess.ADMIN_ROLE + "')");
        }
    }

    /**
     * One share reaching an entity: {@code principal} a username or a group id ({@code principalName} the group's
     * name), {@code inheritedFrom} the ancestor it cascades from (null on the entity itself).
     */
    public record ShareRow(
            String principalType,
            String principal,
            String principalName,
            String permission,
            boolean cascade,
            String sharedBy,
            String inheritedFrom) {}

    /** An entity, its path from the root (external ids), and every share that reaches it, nearest first. */
    public record Detail(EntityInfo entity, List<String> path, List<ShareRow> shares) {}

    /** A user holding the permission, and the share that gives it ({@code kind} owner / direct / group). */
    public record Holder(String userId, String username, Map<String, Object> grant) {}

    /** One page of holders, by username; {@code next} continues after the last one, null at the end. */
    public record HolderPage(String permission, List<Holder> holders, String next) {}

    /** The entity, its path from the root (external ids), and every share reaching it, nearest first. */
    public Detail detail(String externalId) {
        SharingEntity e = ctx.entity(externalId, "id");
        List<String> path = new ArrayList<>();
        for (SharingEntity x = e; x.parentId() != null && path.size() < SharingEntities.MAX_DEPTH; ) {
            x = ctx.stores.entities().byIds(List.of(x.parentId())).get(x.parentId());
            if (x == null) {
                break;
            }
            path.add(x.externalId());
        }
        Collections.reverse(path);
        List<Share> reaching = ctx.stores.shares().reaching(e.id(), false);
        Map<String, SharingEntity> sources = ctx.stores
                .entities()
                .byIds(reaching.stream().map(Share::entityId).distinct().toList());
        List<ShareRow> rows = new ArrayList<>();
        for (Share s : reaching) {
            boolean user = ShareStore.USER.equals(s.principalType());
            GroupModel group = user ? null : ctx.session.groups().getGroupById(ctx.realm, s.principalId());
            String principal = user ? ctx.username(s.principalId()) : s.principalId();
            if (principal == null) {
                continue; // a user deleted in this transaction: its shares go with it
            }
            SharingEntity source = sources.get(s.entityId());
            rows.add(new ShareRow(
                    s.principalType(),
                    principal,
                    group == null ? null : group.getName(),
                    s.permissionId(),
                    s.cascading(),
                    SharingFields.blankToNull(s.sharedBy()),
                    s.depth() == 0 || source == null ? null : source.externalId()));
        }
        return new Detail(EntityMapper.of(ctx, List.of(e)).get(0), path, rows);
    }

    /**
     * The users who hold {@code permissionId} (or OWNER) on the entity, by username after {@code after}, each with
     * the share that gives it: one query for the page of holders, one for their reasons.
     */
    public HolderPage holders(String externalId, String permissionId, String after, Integer limit) {
        SharingEntity e = ctx.entity(externalId, "id");
        String permission = ctx.permission(permissionId, "permission");
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > MAX_PAGE) {
            throw CustosException.invalidField("max", "must be between 1 and " + MAX_PAGE);
        }
        List<String> perms = SharingContext.OWNER.equals(permission)
                ? List.of(permission)
                : List.of(permission, SharingContext.OWNER);
        List<String> usernames = ctx.stores
                .shares()
                .holdingUsers(
                        ctx.realm.getId(),
                        e.id(),
                        perms,
                        WhoHasAccess.groups(ctx.realm, ctx.stores.shares(), e.id(), perms),
                        false,
                        SharingFields.blankToNull(after),
                        n + 1);
        boolean more = usernames.size() > n;
        List<UserModel> users = usernames.subList(0, Math.min(n, usernames.size())).stream()
                .map(u -> ctx.session.users().getUserByUsername(ctx.realm, u))
                .filter(java.util.Objects::nonNull)
                .toList();
        List<SharingDecisions.Question> questions = users.stream()
                .map(u -> new SharingDecisions.Question(
                        SharingContext.principal(ctx.realm, u), e.externalId(), null, permission))
                .toList();
        List<SharingDecisions.Answer> answers = decisions.decide(questions);
        List<Holder> holders = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            SharingDecisions.Answer a = answers.get(i);
            Map<String, Object> why = new java.util.LinkedHashMap<>(
                    a.allowed() ? WhoHasAccess.reason(a.grant()) : Map.of("kind", "none"));
            GroupModel group =
                    why.get("group") instanceof String g ? ctx.session.groups().getGroupById(ctx.realm, g) : null;
            if (group != null) {
                why.put("group_name", group.getName());
            }
            holders.add(new Holder(users.get(i).getId(), users.get(i).getUsername(), why));
        }
        return new HolderPage(permission, holders, more ? usernames.get(n - 1) : null);
    }
}
