package org.custos.keycloak.model;

import java.util.Map;
import java.util.Optional;

/**
 * Custos group membership types (OWNER, ADMIN, MEMBER, or a type the realm defines) — what Keycloak's own group
 * membership lacks. Membership itself stays Keycloak's; this store only remembers its type. Keys are ids, never
 * entities, and every call is scoped by realm id.
 */
public interface MembershipStore {

    Optional<String> type(String realmId, String groupId, String userId);

    /** Creates or replaces the type of one membership. */
    void setType(String realmId, String groupId, String userId, String type);

    /** Sets the type of a membership known to have none (an import read the group's types first). */
    default void create(String realmId, String groupId, String userId, String type) {
        setType(realmId, groupId, userId, type);
    }

    void remove(String realmId, String groupId, String userId);

    long count(String realmId, String groupId, String type);

    /** User id → type for every typed membership of a group. */
    Map<String, String> types(String realmId, String groupId);

    void removeUser(String realmId, String userId);

    void removeGroup(String realmId, String groupId);

    void removeRealm(String realmId);
}
