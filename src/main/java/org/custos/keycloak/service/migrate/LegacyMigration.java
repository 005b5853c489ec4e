package org.custos.keycloak.service.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custos.keycloak.auth.AgentRules;
import org.custos.keycloak.auth.Caller;
import org.custos.keycloak.auth.GroupPermissions;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.legacy.LegacyDatabase;
import org.custos.keycloak.model.legacy.LegacySharing;
import org.custos.keycloak.model.legacy.LegacyTenant;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.representation.console.BundleViews;
import org.custos.keycloak.representation.console.MigrationViews;
import org.custos.keycloak.service.bundle.BundleImport;
import org.custos.keycloak.service.bundle.BundleMode;
import org.custos.keycloak.service.support.AdminEvents;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Moves one tenant of a legacy Custos into this realm: reads its rows ({@link LegacyDatabase}), places its groups and
 * memberships in Keycloak ({@link LegacyGroups}) and its agents ({@link LegacyAgents}), maps its sharing graph ({@link
 * LegacyShares}) and its secrets with their Vault values ({@link LegacySecrets}) to a bundle, and imports that bundle
 * through the same all-or-nothing path as any bundle ({@link BundleImport}), its sharing rows streamed one holder at
 * a time (a tenant's millions of rows are never held at once) — in the request's one transaction: a
 * refusal writes nothing, a dry run does everything and rolls it back, a re-run finds every row there and adds
 * nothing. The resource checked the migration's rule; the rights on each group, role and agent it touches are asked as
 * it goes ({@link Rules}).
 */
public final class LegacyMigration {

    private static final Logger LOG = Logger.getLogger(LegacyMigration.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final KeyRing keys;
    private final LegacyDatabase database;
    private final Rules rules;
    private final Caller caller;

    /**
     * What the migration asks as it goes, beyond the rule the resource checked first: Keycloak's rights on each group
     * it creates or joins a user to (and the roles that joining grants), and on agents and the roles they get.
     */
    public record Rules(GroupPermissions groups, AgentRules agents) {}

    public LegacyMigration(
            KeycloakSession session, RealmModel realm, KeyRing keys, LegacySource source, Rules rules, Caller caller) {
        this.session = session;
        this.realm = realm;
        this.keys = keys;
        this.database = new LegacyDatabase(source.url(), source.username(), source.password(), source.schemas());
        this.rules = rules;
        this.caller = caller;
    }

    public MigrationViews.Report run(String tenantId, BundleMode mode, VaultExport vault) {
        try {
            return database.read(
                    tenantId, RequestLimits.BUNDLE.items(), (tenant, sharing) -> migrate(tenant, sharing, mode, vault));
        } catch (LegacyDatabase.NoSuchTenant e) {
            throw CustosException.notFound(e.getMessage());
        } catch (LegacyDatabase.TooLarge e) {
            throw CustosException.badRequest(e.getMessage() + "; one migration carries what one transaction holds");
        } catch (LegacyDatabase.ReadFailure e) {
            LOG.warnf("migration of tenant %s: %s (%s)", tenantId, e.getMessage(), e.getCause());
            throw e.unreachable()
                    ? new CustosException(503, "temporarily_unavailable", e.getMessage() + "; retry later")
                    : CustosException.badRequest(e.getMessage());
        }
    }

    private MigrationViews.Report migrate(
            LegacyTenant tenant, LegacySharing sharing, BundleMode mode, VaultExport vault) {
        requireBounded(tenant);
        long started = System.nanoTime();
        List<String> notes = new ArrayList<>();
        LegacyUsers users = new LegacyUsers(session, realm, tenant);
        LegacyGroups groups = new LegacyGroups(
                session, realm, tenant, rules.groups(), users, new AdminEvents(session, caller), notes);
        groups.place();
        List<BundleViews.Membership> memberships = groups.memberships();
        LOG.infof(
                "migration of tenant %s: %d groups created, %d members joined (%d ms)",
                tenant.id(), groups.created(), groups.joined(), (System.nanoTime() - started) / 1_000_000);
        int sharingNotesAt = notes.size();
        LegacyShares shares = new LegacyShares(tenant, groups::ref, users::ref);
        List<BundleViews.Secret> secrets = new LegacySecrets(realm, keys, tenant, users, notes).map(vault);
        LegacyAgents agents = new LegacyAgents(session, realm, tenant, rules.agents(), caller, notes);
        agents.carry(vault);
        BundleViews.Bundle bundle = new BundleViews.Bundle(
                BundleViews.FORMAT,
                BundleViews.VERSION,
                new BundleViews.Realm(realm.getId(), realm.getName()),
                Map.of(),
                shares.entityTypes(),
                shares.permissionTypes(),
                shares.entities(),
                List.of(),
                memberships,
                secrets);
        LOG.infof(
                "migration of tenant %s: tree, secrets and agents mapped (%d ms)",
                tenant.id(), (System.nanoTime() - started) / 1_000_000);
        BundleImport importer = new BundleImport(session, realm, keys, mode);
        importer.start(bundle);
        LOG.infof(
                "migration of tenant %s (%s): %d entities, %d memberships resolved (%d ms); streaming %d sharing rows",
                tenant.id(),
                mode.label(),
                bundle.entities().size(),
                memberships.size(),
                (System.nanoTime() - started) / 1_000_000,
                sharing.total());
        long rows = sharing.each(holder -> {
            importer.shares(shares.holder(holder));
            progress(tenant.id(), holder.size(), sharing.total());
        });
        importer.shares(shares.owners());
        notes.addAll(sharingNotesAt, shares.notes());
        BundleViews.Report imported = importer.finish();
        if (mode == BundleMode.DRY_RUN) {
            session.getTransactionManager().setRollbackOnly(); // the groups placed and members joined, too
        }
        LOG.infof(
                "migration of tenant %s (%s): %d sharing rows read, %s added, in %d ms",
                tenant.id(), mode.label(), rows, imported.added(), (System.nanoTime() - started) / 1_000_000);
        return new MigrationViews.Report(
                tenant.id(),
                mode.label(),
                imported.applied(),
                tenant.databases(),
                read(tenant, rows),
                groups.created(),
                groups.joined(),
                agents.registered(),
                agents.unchanged(),
                notes,
                imported);
    }

    /** Every {@value #PROGRESS} sharing rows, a log line: a long run shows where it is. */
    private static final long PROGRESS = 100_000;

    private long mapped;

    private void progress(String tenant, int rows, long total) {
        long before = mapped;
        mapped += rows;
        if (mapped / PROGRESS > before / PROGRESS) {
            LOG.infof("migration of tenant %s: %d of %d sharing rows mapped", tenant, mapped, total);
        }
    }

    /** What one request carries in one transaction, as for a bundle; the sharing rows are streamed. */
    private static void requireBounded(LegacyTenant t) {
        Map<String, Integer> read = read(t, 0);
        read.remove("sharing");
        int total = read.values().stream().mapToInt(Integer::intValue).sum();
        var bounds = RequestLimits.BUNDLE;
        if (total > bounds.total() || read.values().stream().anyMatch(n -> n > bounds.items())) {
            throw CustosException.badRequest("tenant '" + t.id() + "' holds " + read + " rows; one migration carries"
                    + " at most " + bounds.items() + " per table and " + bounds.total() + " in all (sharing rows"
                    + " aside)");
        }
    }

    private static Map<String, Integer> read(LegacyTenant t, long sharingRows) {
        Map<String, Integer> read = new LinkedHashMap<>();
        read.put("entity_type", t.entityTypes().size());
        read.put("permission_type", t.permissionTypes().size());
        read.put("entity", t.entities().size());
        read.put("sharing", (int) Math.min(Integer.MAX_VALUE, sharingRows));
        read.put("group_entity", t.groups().size());
        read.put("group_to_group_membership", t.groupEdges().size());
        read.put("user_group_membership", t.memberships().size());
        read.put("secret", t.secrets().size());
        read.put("agent_entity", t.agents().size());
        return read;
    }
}
