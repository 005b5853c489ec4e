package org.custos.keycloak.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.custos.keycloak.model.EntityStore.SharingEntity;

/**
 * {@link ShareStore} in a map, with the contract of {@code JpaShareStore}: one row per (entity, permission,
 * principal); a share reaches its entity and, when cascading, every entity below it; granting again never takes a
 * cascade away. One thread: {@link #serialize} has nothing to wait for. The Keycloak users that {@link #holdingUsers}
 * reads (users, service accounts, direct group memberships) are the {@link Account}s added here.
 */
public final class InMemoryShareStore implements ShareStore {

    /**
     * A Keycloak user as {@code holdingUsers} reads it: {@code clientId} names the client of a service account (null
     * for a person); {@code enabled} is the user's flag and, for a service account, its client's too.
     */
    public record Account(
            String realmId, String id, String username, String clientId, boolean enabled, Set<String> groupIds) {}

    private record Key(String entityId, String permissionId, String principalType, String principalId) {}

    /** A row; its creation and update times are not kept: no read of the interface returns them. */
    private record Row(String realmId, Share share) {}

    private static final Comparator<Share> REACHING_ORDER = Comparator.comparingInt(Share::depth)
            .thenComparing(Share::principalType)
            .thenComparing(Share::principalId)
            .thenComparing(Share::permissionId);

    private final Map<Key, Row> rows = new LinkedHashMap<>();
    private final List<Account> accounts = new ArrayList<>();
    private final InMemoryEntityStore entities;

    InMemoryShareStore(InMemoryEntityStore entities) {
        this.entities = entities;
    }

    public void addAccount(Account account) {
        accounts.add(account);
    }

    /** The shares on an entity go with it ({@link EntityStore#delete}). */
    void removeEntity(String entityId) {
        rows.keySet().removeIf(k -> k.entityId().equals(entityId));
    }

    boolean usesPermission(String realmId, String permissionId) {
        return rows.values().stream()
                .anyMatch(r ->
                        r.realmId().equals(realmId) && r.share().permissionId().equals(permissionId));
    }

    private static Key key(Share s) {
        return new Key(s.entityId(), s.permissionId(), s.principalType(), s.principalId());
    }

    private static Share atDepth(Share s, int depth) {
        return new Share(
                s.entityId(),
                s.permissionId(),
                s.principalType(),
                s.principalId(),
                s.cascading(),
                s.sharedBy(),
                s.grantorId(),
                depth);
    }

    /** Every share reaching the entity, at its depth: on the entity, or cascading from an ancestor. */
    private Stream<Share> reach(String entityId, boolean directOnly) {
        List<SharingEntity> chain = entities.chain(entityId);
        List<Share> out = new ArrayList<>();
        for (int depth = 0; depth < chain.size() && (!directOnly || depth == 0); depth++) {
            String on = chain.get(depth).id();
            for (Row r : rows.values()) {
                if (r.share().entityId().equals(on) && (depth == 0 || r.share().cascading())) {
                    out.add(atDepth(r.share(), depth));
                }
            }
        }
        return out.stream();
    }

    private static boolean heldBy(Share s, Principal p) {
        return USER.equals(s.principalType())
                ? s.principalId().equals(p.userId())
                : GROUP.equals(s.principalType()) && p.groupIds().contains(s.principalId());
    }

    @Override
    public void serialize(String entityId) {
        // one thread: nothing to wait for
    }

    @Override
    public Optional<Share> share(String entityId, String permissionId, String principalType, String principalId) {
        return Optional.ofNullable(rows.get(new Key(entityId, permissionId, principalType, principalId)))
                .map(r -> atDepth(r.share(), 0));
    }

    @Override
    public void grant(String realmId, Share share, boolean takeOver, long now) {
        Row old = rows.get(key(share));
        if (old == null) {
            rows.put(key(share), new Row(realmId, atDepth(share, 0)));
            return;
        }
        Share s = old.share();
        Share kept = new Share(
                s.entityId(),
                s.permissionId(),
                s.principalType(),
                s.principalId(),
                s.cascading() || share.cascading(),
                s.sharedBy(),
                takeOver ? share.grantorId() : s.grantorId(),
                0);
        rows.put(key(share), new Row(old.realmId(), kept));
    }

    @Override
    public void revoke(String entityId, String permissionId, String principalType, String principalId) {
        rows.remove(new Key(entityId, permissionId, principalType, principalId));
    }

    @Override
    public boolean holdsCascading(String entityId, String permissionId, Principal principal) {
        Set<String> above = new HashSet<>();
        entities.chain(entityId).forEach(e -> above.add(e.id())); // the entity itself included, as in JPA
        return rows.values().stream()
                .map(Row::share)
                .anyMatch(s -> above.contains(s.entityId())
                        && s.cascading()
                        && s.permissionId().equals(permissionId)
                        && heldBy(s, principal));
    }

    @Override
    public Map<String, Integer> counts(Collection<String> entityIds) {
        Map<String, Integer> out = new HashMap<>();
        for (Key k : rows.keySet()) {
            if (entityIds.contains(k.entityId())) {
                out.merge(k.entityId(), 1, Integer::sum);
            }
        }
        return out;
    }

    @Override
    public List<String> holders(String entityId, String permissionId, String principalType, boolean directOnly) {
        return List.copyOf(reach(entityId, directOnly)
                .filter(s -> s.permissionId().equals(permissionId)
                        && s.principalType().equals(principalType))
                .map(Share::principalId)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Override
    public List<Share> reaching(String entityId, boolean directOnly) {
        return reach(entityId, directOnly).sorted(REACHING_ORDER).toList();
    }

    @Override
    public Set<String> held(Collection<String> entityIds, Collection<String> permissionIds, Principal principal) {
        Set<String> out = new HashSet<>();
        for (String entityId : entityIds) {
            reach(entityId, false)
                    .filter(s -> permissionIds.contains(s.permissionId()) && heldBy(s, principal))
                    .forEach(s -> out.add(entityId + "|" + s.permissionId()));
        }
        return out;
    }

    @Override
    public List<Grant> grants(
            String realmId,
            Collection<String> externalIds,
            Collection<String> permissionIds,
            Collection<String> userIds,
            Collection<String> groupIds) {
        List<Grant> out = new ArrayList<>();
        for (SharingEntity e : entities.byExternalIds(realmId, externalIds)) {
            List<SharingEntity> chain = entities.chain(e.id());
            reach(e.id(), false)
                    .filter(s -> permissionIds.contains(s.permissionId()))
                    .filter(s -> USER.equals(s.principalType())
                            ? userIds.contains(s.principalId())
                            : groupIds.contains(s.principalId()))
                    .forEach(s -> out.add(new Grant(
                            e.externalId(),
                            e.typeId(),
                            s.permissionId(),
                            s.principalType(),
                            s.principalId(),
                            s.depth(),
                            chain.get(s.depth()).externalId())));
        }
        return out;
    }

    @Override
    public List<String> holdingUsers(
            String realmId,
            String entityId,
            Collection<String> permissionIds,
            Collection<String> groupIds,
            boolean serviceAccounts,
            String after,
            int limit) {
        Set<String> direct = new HashSet<>();
        reach(entityId, false)
                .filter(s -> USER.equals(s.principalType()) && permissionIds.contains(s.permissionId()))
                .forEach(s -> direct.add(s.principalId()));
        return accounts.stream()
                .filter(a -> a.realmId().equals(realmId) && a.enabled())
                .filter(a -> serviceAccounts == (a.clientId() != null))
                .filter(a -> direct.contains(a.id()) || a.groupIds().stream().anyMatch(groupIds::contains))
                .map(a -> serviceAccounts ? a.clientId() : a.username())
                .filter(name -> after == null || name.compareTo(after) > 0)
                .sorted()
                .limit(limit)
                .toList();
    }

    @Override
    public List<String> reachable(
            String realmId,
            Collection<String> permissionIds,
            Principal principal,
            String typeId,
            String after,
            int limit) {
        return entities.all(realmId).stream()
                .filter(e -> typeId == null || typeId.equals(e.typeId()))
                .filter(e -> after == null || e.externalId().compareTo(after) > 0)
                .filter(e -> !held(List.of(e.id()), permissionIds, principal).isEmpty())
                .map(SharingEntity::externalId)
                .limit(limit)
                .toList();
    }

    @Override
    public void removeUser(String realmId, String userId) {
        removePrincipal(realmId, USER, userId);
    }

    @Override
    public void removeGroup(String realmId, String groupId) {
        removePrincipal(realmId, GROUP, groupId);
    }

    private void removePrincipal(String realmId, String type, String id) {
        rows.entrySet()
                .removeIf(r -> r.getValue().realmId().equals(realmId)
                        && r.getKey().principalType().equals(type)
                        && r.getKey().principalId().equals(id));
    }

    @Override
    public void removeRealm(String realmId) {
        rows.values().removeIf(r -> r.realmId().equals(realmId));
    }
}
