package org.custos.keycloak.representation.logs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Custos's log-event shape, read from Keycloak's admin-event store. */
public final class LogViews {

    private LogViews() {}

    public record LogEvent(
            @JsonProperty("created_time") String createdTime,
            @JsonProperty("service_name") String serviceName,
            @JsonProperty("event_type") String eventType,
            @JsonProperty("username") String username,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("external_ip") String externalIp) {}

    public record LogEvents(@JsonProperty("events") List<LogEvent> events) {}
}
