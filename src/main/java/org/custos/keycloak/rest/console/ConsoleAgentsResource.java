package org.custos.keycloak.rest.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.console.ConsoleRequests;
import org.custos.keycloak.representation.console.ConsoleViews;
import org.custos.keycloak.rest.agents.AgentRequests;
import org.custos.keycloak.rest.agents.AgentResource;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.agents.AgentService;
import org.custos.keycloak.service.settings.CustosSettings;

/**
 * The agents page ({@code .../custos/agents}): the realm's agent settings, every agent with its roles, switching one
 * on or off, and the agents' token lifetime — the agent service's operations, behind {@code manage-clients}.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleAgentsResource extends ServiceResource {

    public ConsoleAgentsResource(RequestContext request) {
        super(request);
    }

    private AgentService service() {
        return new AgentService(request.session(), auth().authenticate());
    }

    @GET
    public ConsoleViews.Agents list() {
        return run(() -> {
            auth().console().requireAgents();
            AgentService service = service();
            boolean enabled = CustosSettings.agentsEnabled(request.realm());
            return new ConsoleViews.Agents(
                    enabled,
                    CustosSettings.agentTokenLifetime(request.realm()),
                    enabled
                            ? service.agents().stream()
                                    .map(service::describe)
                                    .map(AgentResource::view)
                                    .toList()
                            : List.of());
        });
    }

    @PUT
    @Path("{id}/enabled")
    public StatusResponse setEnabled(@PathParam("id") String id, byte[] bytes) {
        return done(() -> {
            auth().console().requireAgents();
            ConsoleRequests.Enabled body = body(bytes, ConsoleRequests.Enabled.class);
            if (body == null || body.enabled() == null) {
                throw CustosException.invalidField("enabled", "is required (true or false)");
            }
            AgentService service = service();
            service.setEnabled(service.require(id), body.enabled());
        });
    }

    @PUT
    @Path("token-lifetime")
    public StatusResponse tokenLifetime(byte[] bytes) {
        return done(() -> {
            auth().console().requireAgents();
            ConsoleRequests.Lifetime body = body(bytes, ConsoleRequests.Lifetime.class);
            long seconds = AgentRequests.lifetime(body == null ? null : body.seconds());
            service().setup().configureTokenLifetime(seconds);
        });
    }
}
