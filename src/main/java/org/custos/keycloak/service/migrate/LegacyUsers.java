package org.custos.keycloak.service.migrate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.custos.keycloak.model.legacy.LegacyTenant;
import org.custos.keycloak.representation.console.BundleViews.Ref;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The realm's account for a username Custos's rows name — only when it is the same person. Custos named users by
 * username only; a realm may since have let someone else take a name. So where Custos kept a profile for the name,
 * the account must not be newer than that profile (a day's grace for the clocks of the two servers) and the profile
 * must not be DELETED; otherwise the rows are not carried to that account, and the import reports them. A name with
 * no profile is matched as Custos matched it: by the name.
 */
final class LegacyUsers {

    static final long GRACE_MILLIS = 24L * 60 * 60 * 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, LegacyTenant.Profile> profiles = new HashMap<>();
    private final Map<String, Ref> refs = new LinkedHashMap<>();

    LegacyUsers(KeycloakSession session, RealmModel realm, LegacyTenant tenant) {
        this.session = session;
        this.realm = realm;
        // Keycloak keeps usernames in lower case; Custos kept them as written
        tenant.profiles().stream()
                .filter(p -> p.username() != null)
                .forEach(p -> profiles.putIfAbsent(p.username().toLowerCase(Locale.ROOT), p));
    }

    /** The account, or null when there is none or it is not Custos's user of that name. */
    UserModel user(String username) {
        if (username == null) {
            return null;
        }
        UserModel user = session.users().getUserByUsername(realm, username);
        return user != null && why(username, user) == null ? user : null;
    }

    /**
     * How a bundle names the user: by the account's id when it is the same person; otherwise by a name no account
     * carries, which the import reports as a user not here, saying why.
     */
    Ref ref(String username) {
        return refs.computeIfAbsent(String.valueOf(username), name -> {
            UserModel user = session.users().getUserByUsername(realm, name);
            if (user == null) {
                return new Ref(null, name);
            }
            String why = why(name, user);
            return why == null ? new Ref(user.getId(), name) : new Ref("", name + " (" + why + ")");
        });
    }

    private String why(String username, UserModel user) {
        LegacyTenant.Profile profile = profiles.get(username.toLowerCase(Locale.ROOT));
        if (profile == null) {
            return null;
        }
        if ("DELETED".equals(profile.status())) {
            return "deleted in Custos";
        }
        Long created = user.getCreatedTimestamp();
        if (created != null && profile.createdAt() > 0 && created > profile.createdAt() + GRACE_MILLIS) {
            return "the realm's account is newer than Custos's profile: another person";
        }
        return null;
    }
}
