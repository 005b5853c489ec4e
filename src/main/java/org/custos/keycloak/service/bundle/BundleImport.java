package org.custos.keycloak.service.bundle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.SharingTypeStore.Kind;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.BundleViews.Bundle;
import org.custos.keycloak.representation.console.BundleViews.Report;
import org.custos.keycloak.service.groups.GroupService;
import org.custos.keycloak.service.settings.CustosSettings;
import org.custos.keycloak.service.sharing.SharingEntities;
import org.keycloak.common.util.Time;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Imports a {@link Bundle} into a realm, all or nothing: every row is resolved against the realm (its users, groups
 * and clients matched, not created; its entities' parents, types and permissions present) and compared with what the
 * realm holds. A row already there as it is changes nothing; one there with other values is a conflict; one that
 * cannot be imported (a user not in the realm, a secret no key here opens) is a problem. A dry run only reports;
 * otherwise rows are written as they are resolved, in the request's one transaction, and a problem, or a conflict
 * unless merging (which keeps the realm's row), ends it with 400 or 409, which rolls every row back. Shares may also
 * come after the bundle, a holder at a time ({@link #shares}), so that a migration never holds them all. The caller's
 * rights were checked by the resource.
 */
public final class BundleImport {

    public static final String USER_WRITER = "user:";
    public static final String CLIENT_WRITER = "client:";

    private static final int LOOKUP = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final CustosStores stores;
    private final BundleReferences refs;
    private final BundleSecrets secrets;
    private final Map<String, Integer> added = new LinkedHashMap<>();
    private final Map<String, Integer> unchanged = new LinkedHashMap<>();
    private final BundleFindings conflicts = new BundleFindings();
    private final BundleFindings problems = new BundleFindings();
    private final BundleMode mode;
    private final BundleWrites writes;
    private final BundleTypes types;
    /** Custos entity id → internal id in this realm, for the bundle's entities (existing or to be created). */
    private final Map<String, String> entityIds = new java.util.HashMap<>();
    /** The bundle's entities this import creates: no share on them can be here yet. */
    private final java.util.Set<String> created = new java.util.HashSet<>();
    /** Entities here with other values, and the bundle's entities below them: none of their rows is imported. */
    private final java.util.Set<String> conflicting = new java.util.HashSet<>();
    /** Each holder (principal type, id, permission) of the shares an earlier {@link #shares} call resolved. */
    private final java.util.Set<List<String>> holders = new java.util.HashSet<>();
    /** Levels from the root of each entity placed (1 for a root): no tree deeper than entities may be. */
    private final Map<String, Integer> depths = new java.util.HashMap<>();
    /** The realm's own membership types, or those the bundle's settings bring. */
    private String extraMembershipTypes;

    public BundleImport(KeycloakSession session, RealmModel realm, KeyRing keys, BundleMode mode) {
        this.session = session;
        this.realm = realm;
        this.mode = mode;
        this.stores = CustosStores.of(session);
        this.refs = new BundleReferences(session, realm);
        this.secrets = new BundleSecrets(stores.secrets(), refs, realm, keys);
        this.writes = new BundleWrites(stores, realm.getId(), mode != BundleMode.DRY_RUN);
        this.types = new BundleTypes(stores.sharingTypes(), realm.getId());
    }

    /** Imports the bundle: {@link #start}, then {@link #finish}. */
    public Report run(Bundle bundle) {
        start(bundle);
        return finish();
    }

    /** Resolves (and, unless a dry run, writes) every row of the bundle; more shares may follow ({@link #shares}). */
    public void start(Bundle bundle) {
        BundleFormat.require(bundle);
        extraMembershipTypes = realm.getAttribute(GroupService.EXTRA_TYPES_ATTRIBUTE);
        if (extraMembershipTypes == null) {
            extraMembershipTypes = bundle.settings().get(GroupService.EXTRA_TYPES_ATTRIBUTE);
        }
        stores.lockTrees(realm.getId()); // entities are placed under parents read now: no move meanwhile
        stores.sharingTypes().serializeCreates(realm.getId());
        new BundleSettings(realm).plan(bundle, this);
        bundle.entityTypes().forEach(t -> types.plan(Kind.ENTITY_TYPE, t, this));
        bundle.permissionTypes().forEach(t -> types.plan(Kind.PERMISSION_TYPE, t, this));
        for (int i = 0;
                i < bundle.entities().size();
                i += LOOKUP) { // ids per look-up: an `in` list every database takes
            entities(bundle.entities().subList(i, Math.min(bundle.entities().size(), i + LOOKUP)));
        }
        shares(bundle.shares());
        new BundleMemberships(stores.memberships(), refs, realm, extraMembershipTypes).plan(bundle, this);
        secrets.plan(bundle, this);
    }

    /**
     * Resolves (and, unless a dry run, writes) more shares on the bundle's entities, after {@link #start}; a share
     * twice in one call is a problem. A migration passes one holder's shares per call; should two calls name the
     * same holder (two legacy names for one account or group), the later call's shares are looked up and merged.
     */
    public void shares(List<BundleViews.Share> shares) {
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        java.util.Set<List<String>> holdersNow = new java.util.HashSet<>();
        for (BundleViews.Share s : shares) {
            share(s, seen, holdersNow);
        }
        holders.addAll(holdersNow);
    }

    /** Ends the import: the report, or the refusal that rolls back what was written. */
    public Report finish() {
        if (mode != BundleMode.DRY_RUN) {
            if (problems.count() > 0) {
                throw CustosException.badRequest(problems.summary(problems.count() + " rows cannot be imported"));
            }
            if (mode == BundleMode.REFUSE && conflicts.count() > 0) {
                throw CustosException.conflict(conflicts.summary(conflicts.count()
                        + " rows are in the realm with other values (a dry run lists them; mode=merge keeps the"
                        + " realm's)"));
            }
            writes.flush();
            if (added.containsKey("settings")) {
                CustosSettings.changed(session, realm);
            }
        }
        return new Report(
                mode.label(), mode != BundleMode.DRY_RUN, added, unchanged, conflicts.listed(), problems.listed());
    }

    /** A time the bundle leaves at 0 (a hand-written bundle, such as the demo realm's) is the import's. */
    static long orNow(long millis) {
        return millis == 0 ? Time.currentTimeMillis() : millis;
    }

    void add(String kind, Runnable write) {
        added.merge(kind, 1, Integer::sum);
        writes.now(write);
    }

    void same(String kind) {
        unchanged.merge(kind, 1, Integer::sum);
    }

    void conflict(String what) {
        conflicts.add(what);
    }

    void problem(String what) {
        problems.add(what);
    }

    /** A batch of the bundle's entities, parents first: which of them the realm holds is read at once. */
    private void entities(List<BundleViews.Entity> batch) {
        Map<String, SharingEntity> here = new java.util.HashMap<>();
        List<String> ids = batch.stream()
                .filter(Objects::nonNull)
                .map(BundleViews.Entity::id)
                .filter(Objects::nonNull)
                .toList();
        stores.entities().byExternalIds(realm.getId(), ids).forEach(x -> here.put(x.externalId(), x));
        batch.forEach(e -> entity(e, here));
    }

    private void entity(BundleViews.Entity e, Map<String, SharingEntity> here) {
        String id = e == null ? null : e.id();
        if (id == null || id.isBlank()) {
            problem("an entity without an id");
            return;
        }
        if (entityIds.containsKey(id) || conflicting.contains(id)) {
            problem("entity '" + id + "' comes twice");
            return;
        }
        UserModel owner = refs.user(e.owner());
        if (owner == null) {
            problem("owner " + BundleReferences.label(e.owner()) + " of entity '" + id + "' is not a user here");
        }
        if (!types.known(Kind.ENTITY_TYPE, e.type(), "SECRET")) {
            problem("entity '" + id + "' has the unknown type '" + e.type() + "'");
        }
        String parentId = null;
        if (e.parent() != null) {
            parentId = entityIds.get(e.parent());
            if (parentId == null) {
                parentId = stores.entities()
                        .entity(realm.getId(), e.parent())
                        .map(SharingEntity::id)
                        .orElse(null);
            }
            if (parentId == null) {
                problem("parent '" + e.parent() + "' of entity '" + id + "' is neither before it nor here");
            }
        }
        if (e.parent() != null && conflicting.contains(e.parent())) {
            conflicting.add(id);
            conflict("entity '" + id + "' is below '" + e.parent() + "', which is here with other values");
            return;
        }
        var existing = java.util.Optional.ofNullable(here.get(id));
        if (existing.isPresent()) {
            entityIds.put(id, existing.get().id());
            SharingEntity x = existing.get();
            boolean same = Objects.equals(x.typeId(), e.type())
                    && owner != null
                    && owner.getId().equals(x.ownerUserId())
                    && Objects.equals(x.parentId(), parentId)
                    && Objects.equals(x.name(), e.name())
                    && Objects.equals(x.description(), e.description())
                    && Objects.equals(x.fullText(), e.fullText())
                    && Objects.equals(x.binaryData(), e.binaryData());
            if (same) {
                same("entities");
            } else {
                conflicting.add(id);
                conflict("entity '" + id + "' is here with other values");
            }
            return;
        }
        if (owner == null || (e.parent() != null && parentId == null)) {
            return;
        }
        int depth = parentId == null
                ? 1
                : depths.containsKey(e.parent())
                        ? depths.get(e.parent()) + 1
                        : stores.entities().depth(parentId) + 1;
        if (depth > SharingEntities.MAX_DEPTH) {
            problem("entity '" + id + "' would be deeper than " + SharingEntities.MAX_DEPTH + " levels");
            return;
        }
        depths.put(id, depth);
        String internal = KeycloakModelUtils.generateId();
        entityIds.put(id, internal);
        created.add(id);
        SharingEntity row = new SharingEntity(
                internal,
                realm.getId(),
                id,
                e.type(),
                owner.getId(),
                parentId,
                e.name(),
                e.description(),
                e.fullText(),
                e.binaryData(),
                orNow(e.originalCreationTime()),
                orNow(e.createdAt()),
                orNow(e.updatedAt()));
        added.merge("entities", 1, Integer::sum);
        writes.entity(row);
    }

    private void share(BundleViews.Share s, java.util.Set<List<String>> seen, java.util.Set<List<String>> holdersNow) {
        if (s != null && conflicting.contains(s.entity())) {
            conflict("a share on '" + s.entity() + "', which is here with other values");
            return;
        }
        String entityId = s == null ? null : entityIds.get(s.entity());
        if (entityId == null) {
            problem("a share on '" + (s == null ? null : s.entity()) + "', which the bundle does not import");
            return;
        }
        String what = s.permission() + " on '" + s.entity() + "' for " + BundleReferences.label(s.principal());
        if (!types.known(Kind.PERMISSION_TYPE, s.permission(), "OWNER")) {
            problem("share " + what + ": unknown permission type");
            return;
        }
        String principalId;
        if (ShareStore.GROUP.equals(s.principalType())) {
            GroupModel g = refs.group(s.principal());
            principalId = g == null ? null : g.getId();
        } else if (ShareStore.USER.equals(s.principalType())) {
            UserModel u = refs.user(s.principal());
            principalId = u == null ? null : u.getId();
        } else {
            problem("share " + what + ": principal_type must be USER or GROUP");
            return;
        }
        UserModel grantor = refs.user(s.grantor());
        if (principalId == null || (s.grantor() != null && grantor == null)) {
            problem("share " + what + ": its " + (principalId == null ? "holder" : "grantor") + " is not here");
            return;
        }
        if (!seen.add(List.of(entityId, s.permission(), s.principalType(), principalId))) {
            problem("share " + what + " comes twice");
            return;
        }
        List<String> holder = List.of(s.principalType(), principalId, s.permission());
        holdersNow.add(holder);
        boolean again = holders.contains(holder); // an earlier call's shares of this holder may be written already
        if (again) {
            writes.flush();
        }
        boolean fresh = created.contains(s.entity());
        var existing = fresh && !again
                ? java.util.Optional.<ShareStore.Share>empty()
                : stores.shares().share(entityId, s.permission(), s.principalType(), principalId);
        if (existing.isPresent()) {
            if (existing.get().cascading() == s.cascading() || fresh) {
                same("shares"); // on an entity of this import: the two legacy grants merge, cascading if either did
                ShareStore.Share e = existing.get();
                ShareStore.Share merged = new ShareStore.Share(
                        e.entityId(),
                        e.permissionId(),
                        e.principalType(),
                        e.principalId(),
                        true,
                        e.sharedBy(),
                        e.grantorId(),
                        0);
                if (fresh && s.cascading() && !e.cascading()) {
                    writes.now(() -> stores.shares().grant(realm.getId(), merged, false, Time.currentTimeMillis()));
                }
            } else {
                conflict("share " + what + " is here " + (s.cascading() ? "without" : "with") + " cascade");
            }
            return;
        }
        ShareStore.Share row = new ShareStore.Share(
                entityId,
                s.permission(),
                s.principalType(),
                principalId,
                s.cascading(),
                s.sharedBy(),
                grantor == null ? null : grantor.getId(),
                0);
        added.merge("shares", 1, Integer::sum);
        if (fresh && !again) {
            writes.share(row);
        } else {
            writes.now(() -> stores.shares().grant(realm.getId(), row, true, Time.currentTimeMillis()));
        }
    }
}
