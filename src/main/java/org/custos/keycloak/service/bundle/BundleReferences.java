package org.custos.keycloak.service.bundle;

import java.util.HashMap;
import java.util.Map;
import org.custos.keycloak.representation.console.BundleViews.Ref;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The users, groups and clients a bundle names, found in the importing realm: by id first (a realm moved with
 * Keycloak's own export keeps its ids), then by username, group path or client id. Never created: what is not there
 * is a problem the import reports.
 */
final class BundleReferences {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<Ref, UserModel> users = new HashMap<>();
    private final Map<Ref, GroupModel> groups = new HashMap<>();

    BundleReferences(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The user, or null. */
    UserModel user(Ref ref) {
        if (ref == null) {
            return null;
        }
        return users.computeIfAbsent(ref, r -> {
            UserModel u = r.id() == null ? null : session.users().getUserById(realm, r.id());
            if (u == null && r.name() != null) {
                u = session.users().getUserByUsername(realm, r.name());
            }
            return u;
        });
    }

    /** The group, or null. */
    GroupModel group(Ref ref) {
        if (ref == null) {
            return null;
        }
        return groups.computeIfAbsent(ref, r -> {
            GroupModel g = r.id() == null ? null : session.groups().getGroupById(realm, r.id());
            if (g == null && r.name() != null) {
                g = KeycloakModelUtils.findGroupByPath(session, realm, r.name());
            }
            return g;
        });
    }

    /** A client by its client id, or null. */
    ClientModel client(String clientId) {
        return clientId == null ? null : realm.getClientByClientId(clientId);
    }

    /**
     * A secret value's writer in this realm: {@code user:<id>} or {@code client:<internal id>} of the user or client
     * the bundle names; null when it is not here.
     */
    String writer(Ref ref) {
        if (ref == null || ref.id() == null) {
            return null;
        }
        if (ref.id().startsWith(BundleImport.USER_WRITER)) {
            UserModel u = user(new Ref(ref.id().substring(BundleImport.USER_WRITER.length()), ref.name()));
            return u == null ? null : BundleImport.USER_WRITER + u.getId();
        }
        if (ref.id().startsWith(BundleImport.CLIENT_WRITER)) {
            ClientModel c = realm.getClientById(ref.id().substring(BundleImport.CLIENT_WRITER.length()));
            if (c == null) {
                c = client(ref.name());
            }
            return c == null ? null : BundleImport.CLIENT_WRITER + c.getId();
        }
        return null;
    }

    /** How a report names a reference: its name, else its id. */
    static String label(Ref ref) {
        return ref == null ? "(none)" : ref.name() != null ? "'" + ref.name() + "'" : "id " + ref.id();
    }
}
