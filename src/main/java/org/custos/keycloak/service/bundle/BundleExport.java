package org.custos.keycloak.service.bundle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.custos.keycloak.model.CustosStores;
import org.custos.keycloak.model.EntityStore.SharingEntity;
import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.custos.keycloak.model.ShareStore;
import org.custos.keycloak.model.SharingTypeStore.Kind;
import org.custos.keycloak.model.SharingTypeStore.SharingType;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.BundleViews.Ref;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Writes a realm's Custos data as a {@link BundleViews.Bundle}: every row of our tables for the realm and the
 * realm's Custos settings, with each user, group and client it names by id and by name. Secrets stay sealed as
 * stored. The caller's right to it was checked by the resource (Keycloak's manage-realm).
 */
public final class BundleExport {

    /** Rows read per query. */
    static final int PAGE = 1000;

    /** Realm attributes that are Custos settings travel in the bundle (Keycloak's own export carries them too). */
    public static final String SETTINGS_PREFIX = "custos.";

    /** A bundle lists an entity's shares in one order, whatever the database's: exports of the same data are equal. */
    private static final java.util.Comparator<ShareStore.Share> SHARE_ORDER = java.util.Comparator.comparing(
                    ShareStore.Share::permissionId)
            .thenComparing(ShareStore.Share::principalType)
            .thenComparing(ShareStore.Share::principalId);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final CustosStores stores;
    private final Map<String, Ref> users = new HashMap<>();

    public BundleExport(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.stores = CustosStores.of(session);
    }

    /** Whether the realm holds any Custos rows (its settings aside). */
    public boolean hasData() {
        String id = realm.getId();
        return !stores.entities().page(id, 0, 1).isEmpty()
                || !stores.sharingTypes().types(id, Kind.ENTITY_TYPE).isEmpty()
                || !stores.sharingTypes().types(id, Kind.PERMISSION_TYPE).isEmpty()
                || !stores.secrets().page(id, null, null, null, 0, 1).isEmpty()
                || session.groups().getGroupsStream(realm).anyMatch(g -> !stores.memberships()
                        .types(id, g.getId())
                        .isEmpty());
    }

    public BundleViews.Bundle export() {
        List<SharingEntity> rows = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<SharingEntity> page = stores.entities().page(realm.getId(), offset, PAGE);
            rows.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
        }
        Map<String, SharingEntity> byId = new HashMap<>();
        rows.forEach(e -> byId.put(e.id(), e));
        List<BundleViews.Entity> entities = new ArrayList<>();
        List<BundleViews.Share> shares = new ArrayList<>();
        for (SharingEntity e : parentsFirst(rows, byId)) {
            entities.add(entity(e, byId));
            stores.shares().reaching(e.id(), true).stream().sorted(SHARE_ORDER).forEach(s -> shares.add(share(e, s)));
        }
        return new BundleViews.Bundle(
                BundleViews.FORMAT,
                BundleViews.VERSION,
                new BundleViews.Realm(realm.getId(), realm.getName()),
                settings(realm),
                types(Kind.ENTITY_TYPE),
                types(Kind.PERMISSION_TYPE),
                entities,
                shares,
                memberships(),
                secrets());
    }

    /** The realm's Custos settings: its attributes named {@value #SETTINGS_PREFIX}*, by name. */
    static Map<String, String> settings(RealmModel realm) {
        Map<String, String> settings = new TreeMap<>();
        realm.getAttributes().forEach((name, value) -> {
            if (name.startsWith(SETTINGS_PREFIX) && value != null) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    private List<BundleViews.Type> types(Kind kind) {
        return stores.sharingTypes().types(realm.getId(), kind).stream()
                .map(BundleExport::type)
                .toList();
    }

    private static BundleViews.Type type(SharingType t) {
        return new BundleViews.Type(t.externalId(), t.name(), t.description(), t.createdAt(), t.updatedAt());
    }

    /** Every entity after its parent: an import creates them in this order. */
    static List<SharingEntity> parentsFirst(List<SharingEntity> rows, Map<String, SharingEntity> byId) {
        Map<String, List<SharingEntity>> children = new LinkedHashMap<>();
        List<SharingEntity> roots = new ArrayList<>();
        for (SharingEntity e : rows) {
            if (e.parentId() == null || !byId.containsKey(e.parentId())) {
                roots.add(e);
            } else {
                children.computeIfAbsent(e.parentId(), k -> new ArrayList<>()).add(e);
            }
        }
        List<SharingEntity> ordered = new ArrayList<>(rows.size());
        List<SharingEntity> level = roots;
        while (!level.isEmpty()) {
            ordered.addAll(level);
            List<SharingEntity> next = new ArrayList<>();
            level.forEach(e -> next.addAll(children.getOrDefault(e.id(), List.of())));
            level = next;
        }
        return ordered;
    }

    private BundleViews.Entity entity(SharingEntity e, Map<String, SharingEntity> byId) {
        SharingEntity parent = e.parentId() == null ? null : byId.get(e.parentId());
        return new BundleViews.Entity(
                e.externalId(),
                e.typeId(),
                user(e.ownerUserId()),
                parent == null ? null : parent.externalId(),
                e.name(),
                e.description(),
                e.fullText(),
                e.binaryData(),
                e.originalCreationTime(),
                e.createdAt(),
                e.updatedAt());
    }

    private BundleViews.Share share(SharingEntity e, ShareStore.Share s) {
        Ref principal;
        if (ShareStore.GROUP.equals(s.principalType())) {
            GroupModel g = session.groups().getGroupById(realm, s.principalId());
            principal = new Ref(s.principalId(), g == null ? null : KeycloakModelUtils.buildGroupPath(g));
        } else {
            principal = user(s.principalId());
        }
        return new BundleViews.Share(
                e.externalId(),
                s.permissionId(),
                s.principalType(),
                principal,
                s.cascading(),
                s.sharedBy(),
                s.grantorId() == null ? null : user(s.grantorId()));
    }

    private List<BundleViews.Membership> memberships() {
        List<BundleViews.Membership> memberships = new ArrayList<>();
        session.groups().getGroupsStream(realm).forEach(g -> {
            Ref group = new Ref(g.getId(), KeycloakModelUtils.buildGroupPath(g));
            new TreeMap<>(stores.memberships().types(realm.getId(), g.getId()))
                    .forEach((userId, type) -> memberships.add(new BundleViews.Membership(group, user(userId), type)));
        });
        return memberships;
    }

    private List<BundleViews.Secret> secrets() {
        List<BundleViews.Secret> secrets = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<StoredSecret> page = stores.secrets().page(realm.getId(), null, null, null, offset, PAGE);
            page.forEach(s -> secrets.add(secret(s)));
            if (page.size() < PAGE) {
                return secrets;
            }
        }
    }

    private BundleViews.Secret secret(StoredSecret s) {
        return new BundleViews.Secret(
                s.id(),
                s.token(),
                s.type(),
                s.ownerId(),
                s.ownerUserId() == null ? null : user(s.ownerUserId()),
                s.clientId(),
                s.kvKey(),
                s.description(),
                s.createdAt(),
                writer(s.valueWriter()),
                s.sealed().keyId(),
                s.sealed().wrappedKey(),
                s.sealed().ciphertext());
    }

    /** {@code user:<id>} or {@code client:<internal id>}, with the username or client id beside it. */
    private Ref writer(String writer) {
        if (writer == null) {
            return null;
        }
        if (writer.startsWith(BundleImport.USER_WRITER)) {
            return new Ref(
                    writer,
                    user(writer.substring(BundleImport.USER_WRITER.length())).name());
        }
        if (writer.startsWith(BundleImport.CLIENT_WRITER)) {
            ClientModel c = realm.getClientById(writer.substring(BundleImport.CLIENT_WRITER.length()));
            return new Ref(writer, c == null ? null : c.getClientId());
        }
        return new Ref(writer, null);
    }

    private Ref user(String id) {
        return users.computeIfAbsent(id, k -> {
            UserModel u = session.users().getUserById(realm, k);
            return new Ref(k, u == null ? null : u.getUsername());
        });
    }
}
