package org.custos.keycloak.representation.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** What a migration from a legacy Custos read, what it could not carry as it was (and why), and its import. */
public final class MigrationViews {

    private MigrationViews() {}

    /**
     * {@code databases}: the legacy database each Custos service's tables were read from (one, {@code
     * core_services_db}, for Custos 2022–2023; one per service for 2021); {@code read}: rows read per legacy table;
     * {@code groups_created} and {@code members_joined}: Keycloak groups
     * and memberships the migration added (Custos's own groups); {@code agents_registered}, {@code agents_unchanged}:
     * agent clients made from Custos's agents, and those already here; {@code notes}: every row not carried as it was,
     * with the reason — empty when the tenant moved whole; {@code import}: the bundle import's own report.
     */
    public record Report(
            @JsonProperty("tenant") String tenant,
            @JsonProperty("mode") String mode,
            @JsonProperty("applied") boolean applied,
            @JsonProperty("databases") Map<String, String> databases,
            @JsonProperty("read") Map<String, Integer> read,
            @JsonProperty("groups_created") int groupsCreated,
            @JsonProperty("members_joined") int membersJoined,
            @JsonProperty("agents_registered") int agentsRegistered,
            @JsonProperty("agents_unchanged") int agentsUnchanged,
            @JsonProperty("notes") List<String> notes,
            @JsonProperty("import") BundleViews.Report imported) {}
}
