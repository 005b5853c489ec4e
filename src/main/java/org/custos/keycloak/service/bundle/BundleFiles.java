package org.custos.keycloak.service.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.custos.keycloak.crypto.KeyRing;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.Json;
import org.custos.keycloak.representation.RequestLimits;
import org.custos.keycloak.representation.console.BundleViews;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.exportimport.ExportImportConfig;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Custos data joins Keycloak's own {@code kc.sh export --dir} and {@code kc.sh import --dir} (and {@code start
 * --import-realm}): once Keycloak has written or read the realms, each realm's bundle is written beside them as
 * {@code <realm>.custos-bundle} — not {@code .json}, which {@code --import-realm} would read as a realm — and read
 * back into the realm of that name if Keycloak's import created that realm in this run (a realm it kept keeps its
 * Custos data, as Keycloak keeps the realm: a restart with {@code --import-realm} reads nothing again), all or
 * nothing. A failure stops {@code kc.sh import}; a server starting with {@code --import-realm} logs it and starts.
 */
public final class BundleFiles implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(BundleFiles.class);
    public static final String SUFFIX = ".custos-bundle";

    private final KeyRing keys;
    private final long maxBytes;
    /** Realms Keycloak's import created in this run: only these get their bundle (a realm it kept keeps its data). */
    private final Set<String> createdNow = ConcurrentHashMap.newKeySet();

    public BundleFiles(KeyRing keys, long maxBytes) {
        this.keys = keys;
        this.maxBytes = maxBytes;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        String action = ExportImportConfig.getAction();
        if (event instanceof RealmModel.RealmPostCreateEvent created
                && ExportImportConfig.ACTION_IMPORT.equals(action)) {
            createdNow.add(created.getCreatedRealm().getName()); // Keycloak's import made it in this run
            return;
        }
        if (!(event instanceof PostMigrationEvent migrated)) {
            return;
        }
        if (ExportImportConfig.ACTION_EXPORT.equals(action)) {
            export(migrated.getFactory());
        } else if (ExportImportConfig.ACTION_IMPORT.equals(action)) {
            // start --import-realm sets the folder; kc.sh import --dir configures it
            Optional<String> startup = ExportImportConfig.getDir();
            String dir = startup.orElseGet(() -> Config.scope("import", "dir").get("dir"));
            if (dir != null) {
                importAll(migrated.getFactory(), Path.of(dir), startup.isPresent());
            }
        }
    }

    private void export(KeycloakSessionFactory factory) {
        String dir = Config.scope("export", "dir").get("dir");
        String only = Config.scope("export", "dir").get("realmName");
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms()
                .getRealmsStream()
                .filter(r -> only == null || only.equals(r.getName()))
                .forEach(realm -> exportRealm(session, realm, dir)));
    }

    private static void exportRealm(KeycloakSession session, RealmModel realm, String dir) {
        session.getContext().setRealm(realm);
        BundleExport export = new BundleExport(session, realm);
        if (!export.hasData()) {
            return;
        }
        if (dir == null) {
            LOG.errorf(
                    "realm %s holds Custos data, which a single-file export cannot carry: it is NOT in this export. "
                            + "Export with --dir, or GET /admin/realms/%s/custos/bundle (docs/operations.md)",
                    realm.getName(), realm.getName());
            return;
        }
        Path file = Path.of(dir, realm.getName() + SUFFIX);
        try {
            Files.write(file, Json.mapper().writeValueAsBytes(export.export()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Custos data of realm " + realm.getName(), e);
        }
        LOG.infof("exported the Custos data of realm %s to %s", realm.getName(), file);
    }

    private void importAll(KeycloakSessionFactory factory, Path dir, boolean atStartup) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return; // no such folder: Keycloak itself reports it
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String realmName = name.substring(0, name.length() - SUFFIX.length());
            if (!createdNow.contains(realmName)) {
                LOG.infof(
                        "realm %s was not created by this import: %s is not read (Keycloak kept the realm)",
                        realmName, file);
                continue;
            }
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> importRealm(session, realmName, file));
            } catch (RuntimeException e) {
                if (!atStartup) {
                    throw e; // kc.sh import fails with the reason
                }
                // a server starting with --import-realm starts; the realm is there without its Custos data
                LOG.errorf("%s", e.getMessage());
            }
        }
    }

    private void importRealm(KeycloakSession session, String realmName, Path file) {
        RealmModel realm = session.realms().getRealmByName(realmName);
        if (realm == null) {
            LOG.warnf("%s: no realm %s here, its Custos data is not imported", file, realmName);
            return;
        }
        session.getContext().setRealm(realm);
        if (new BundleExport(session, realm).hasData()) {
            LOG.infof(
                    "realm %s holds Custos data already: %s is not imported (as Keycloak kept the realm)",
                    realmName, file);
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > maxBytes) {
                throw new IllegalStateException(file + " exceeds max-bundle-bytes (" + maxBytes + ")");
            }
            BundleViews.Bundle bundle = Json.read(bytes, BundleViews.Bundle.class, RequestLimits.BUNDLE);
            BundleViews.Report report = new BundleImport(session, realm, keys, BundleMode.REFUSE).run(bundle);
            LOG.infof("imported the Custos data of realm %s from %s: %s", realmName, file, report.added());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (CustosException e) {
            session.getTransactionManager().setRollbackOnly(); // rows written before the refusal go
            throw new IllegalStateException(
                    "the Custos data of realm " + realmName + " in " + file + " was not imported: "
                            + e.getDescription(),
                    e);
        }
    }
}
