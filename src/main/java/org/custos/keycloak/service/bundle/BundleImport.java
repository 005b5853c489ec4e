package org.custos.keycloak.service.bundle;

import java.util.ArrayList;
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
import org.custos.keycloak.model.SharingTypeStore.SharingType;
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
 * Imports a {@link Bundle} into a realm, all or nothing: every row is first resolved against the realm (its users,
 * groups and clients matched, not created; its entities' parents, types and permissions present) and compared with
 * what the realm holds. A row already there as it is changes nothing; one there with other values is a conflict; one
 * that cannot be imported (a user not in the realm, a secret no key here opens) is a problem. A dry run only reports;
 * otherwise a problem, or a conflict unless merging (which keeps the realm's row), writes nothing and answers 400 or
 * 409; else every row is written in the request's one transaction. The caller's rights were checked by the resource.
 */
public final class BundleImport {

    public static final String USER_WRITER = "user:";
    public static final String CLIENT_WRITER = "client:";
    /** How many conflicts or problems an error message quotes (the dry run lists them all). */
    static final int QUOTED = 5;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final CustosStores stores;
    private final BundleReferences refs;
    private final BundleSecrets secrets;
    private final Map<String, Integer> added = new LinkedHashMap<>();
    private final Map<String, Integer> unchanged = new LinkedHashMap<>();
    private final List<String> conflicts = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Runnable> writes = new ArrayList<>();
    /** Custos entity id → internal id in this realm, for the bundle's entities (existing or to be created). */
    private final Map<String, String> entityIds = new LinkedHashMap<>();
    /** Entities here with other values, and the bundle's entities below them: none of their rows is imported. */
    private final java.util.Set<String> conflicting = new java.util.HashSet<>();
    /** The bundle's type ids: they count as present for its entities and shares. */
    private final java.util.Set<String> bundleEntityTypes = new java.util.HashSet<>();

    private final java.util.Set<String> bundlePermissionTypes = new java.util.HashSet<>();
    /** Levels from the root of each entity placed (1 for a root): no tree deeper than entities may be. */
    private final Map<String, Integer> depths = new java.util.HashMap<>();
    /** The realm's own membership types, or those the bundle's settings bring. */
    private String extraMembershipTypes;

    public BundleImport(KeycloakSession session, RealmModel realm, KeyRing keys) {
        this.session = session;
        this.realm = realm;
        this.stores = CustosStores.of(session);
        this.refs = new BundleReferences(session, realm);
        this.secrets = new BundleSecrets(stores.secrets(), refs, realm, keys);
    }

    public Report run(Bundle bundle, BundleMode mode) {
        requireFormat(bundle);
        extraMembershipTypes = realm.getAttribute(GroupService.EXTRA_TYPES_ATTRIBUTE);
        if (extraMembershipTypes == null) {
            extraMembershipTypes = bundle.settings().get(GroupService.EXTRA_TYPES_ATTRIBUTE);
        }
        stores.lockTrees(realm.getId()); // entities are placed under parents read now: no move meanwhile
        stores.sharingTypes().serializeCreates(realm.getId());
        new BundleSettings(realm).plan(bundle, this);
        bundle.entityTypes().forEach(t -> type(Kind.ENTITY_TYPE, t));
        bundle.permissionTypes().forEach(t -> type(Kind.PERMISSION_TYPE, t));
        bundle.entities().forEach(this::entity);
        bundle.shares().forEach(this::share);
        new BundleMemberships(stores.memberships(), refs, realm, extraMembershipTypes).plan(bundle, this);
        secrets.plan(bundle, this);
        if (mode != BundleMode.DRY_RUN) {
            if (!problems.isEmpty()) {
                throw CustosException.badRequest(summary(problems.size() + " rows cannot be imported", problems));
            }
            if (mode == BundleMode.REFUSE && !conflicts.isEmpty()) {
                throw CustosException.conflict(summary(
                        conflicts.size() + " rows are in the realm with other values (a dry run lists them; "
                                + "mode=merge keeps the realm's)",
                        conflicts));
            }
            writes.forEach(Runnable::run);
            if (added.containsKey("settings")) {
                CustosSettings.changed(session, realm);
            }
        }
        return new Report(mode.label(), mode != BundleMode.DRY_RUN, added, unchanged, conflicts, problems);
    }

    private static void requireFormat(Bundle bundle) {
        if (bundle == null || !BundleViews.FORMAT.equals(bundle.format())) {
            throw CustosException.invalidField("format", "must be '" + BundleViews.FORMAT + "'");
        }
        if (bundle.version() != BundleViews.VERSION) {
            throw CustosException.invalidField("version", "this server reads version " + BundleViews.VERSION);
        }
        if (bundle.realm() == null || bundle.realm().id() == null) {
            throw CustosException.invalidField("realm.id", "is required");
        }
        for (Object list : new Object[] {
            bundle.settings(),
            bundle.entityTypes(),
            bundle.permissionTypes(),
            bundle.entities(),
            bundle.shares(),
            bundle.memberships(),
            bundle.secrets()
        }) {
            if (list == null) {
                throw CustosException.badRequest(
                        "a bundle carries every section, empty or not: see docs/operations.md");
            }
        }
    }

    /** A time the bundle leaves at 0 (a hand-written bundle, such as the demo realm's) is the import's. */
    private static long orNow(long millis) {
        return millis == 0 ? Time.currentTimeMillis() : millis;
    }

    static String summary(String headline, List<String> items) {
        return headline + ": " + String.join("; ", items.subList(0, Math.min(QUOTED, items.size())))
                + (items.size() > QUOTED ? "; ..." : "");
    }

    void add(String kind, Runnable write) {
        added.merge(kind, 1, Integer::sum);
        writes.add(write);
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

    private void type(Kind kind, BundleViews.Type t) {
        String label = kind == Kind.ENTITY_TYPE ? "entity type" : "permission type";
        if (t == null || t.id() == null || t.id().isBlank()) {
            problem("a " + label + " without an id");
            return;
        }
        if (!(kind == Kind.ENTITY_TYPE ? bundleEntityTypes : bundlePermissionTypes).add(t.id())) {
            problem(label + " '" + t.id() + "' comes twice");
            return;
        }
        var existing = stores.sharingTypes().type(realm.getId(), kind, t.id());
        if (existing.isEmpty()) {
            SharingType row =
                    new SharingType(t.id(), t.name(), t.description(), orNow(t.createdAt()), orNow(t.updatedAt()));
            add(kind == Kind.ENTITY_TYPE ? "entity_types" : "permission_types", () -> stores.sharingTypes()
                    .create(realm.getId(), kind, row));
        } else if (Objects.equals(existing.get().name(), t.name())
                && Objects.equals(existing.get().description(), t.description())) {
            same(kind == Kind.ENTITY_TYPE ? "entity_types" : "permission_types");
        } else {
            conflict(label + " '" + t.id() + "' has another name or description here");
        }
    }

    private boolean typeKnown(Kind kind, String id, String builtIn) {
        return id != null
                && (id.equals(builtIn)
                        || (kind == Kind.ENTITY_TYPE ? bundleEntityTypes : bundlePermissionTypes).contains(id)
                        || stores.sharingTypes().type(realm.getId(), kind, id).isPresent());
    }

    private void entity(BundleViews.Entity e) {
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
        if (!typeKnown(Kind.ENTITY_TYPE, e.type(), "SECRET")) {
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
        var existing = stores.entities().entity(realm.getId(), id);
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
        add("entities", () -> stores.entities().create(row));
    }

    private void share(BundleViews.Share s) {
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
        if (!typeKnown(Kind.PERMISSION_TYPE, s.permission(), "OWNER")) {
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
        var existing = stores.shares().share(entityId, s.permission(), s.principalType(), principalId);
        if (existing.isPresent()) {
            if (existing.get().cascading() == s.cascading()) {
                same("shares");
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
        add("shares", () -> stores.shares().grant(realm.getId(), row, true, Time.currentTimeMillis()));
    }
}
