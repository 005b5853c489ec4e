package org.custos.keycloak.rest.agents;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.auth.AdminAccess;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.agents.AgentViews;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.agents.AgentService;

/**
 * Custos Agent Management ({@code /agent-management/v1.0.0}): agents are Keycloak confidential clients with service
 * accounts. Every endpoint needs Keycloak's right to manage clients ({@code manage-clients}, or a fine-grained
 * permission on all clients), as Keycloak's evaluator decides it.
 */
public class AgentResource extends ServiceResource {

    public AgentResource(RequestContext request) {
        super(request);
    }

    private AgentService service() {
        request.caller().requireAdmin(AdminAccess::canManageClients, "Keycloak's manage-clients");
        return new AgentService(request.session(), request.caller());
    }

    @POST
    @OperationId("enableAgents")
    @Path("enable")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse enable(byte[] bytes) {
        return run(() -> {
            AgentService agents = service();
            request.body(bytes).json(com.fasterxml.jackson.databind.JsonNode.class);
            agents.setup().enable();
            return StatusResponse.OK;
        });
    }

    @POST
    @OperationId("configureAgentClient")
    @Path("token/configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse tokenConfiguration(byte[] bytes) {
        return done(() -> service()
                .setup()
                .configureTokenLifetime(
                        body(bytes, AgentViews.TokenConfiguration.class).accessTokenLifeTime()));
    }

    @POST
    @OperationId("addRolesToClient")
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse roles(byte[] bytes) {
        return done(() -> service()
                .setup()
                .createRoles(body(bytes, AgentViews.Roles.class).roles()));
    }

    @POST
    @OperationId("registerAndEnableAgent")
    @Path("agent")
    @Produces(MediaType.APPLICATION_JSON)
    public AgentViews.Registered register(byte[] bytes) {
        return run(() -> service().register(body(bytes, AgentViews.Register.class)));
    }

    @GET
    @OperationId("getAgent")
    @Path("agent/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public AgentViews.Agent get(@PathParam("id") String id) {
        return run(() -> {
            AgentService agents = service();
            return agents.describe(agents.require(id));
        });
    }

    @DELETE
    @OperationId("deleteAgent")
    @Path("agent/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse delete(@PathParam("id") String id) {
        return done(() -> service().delete(id));
    }

    @POST
    @OperationId("disableAgent")
    @Path("agent/deactivation/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deactivate(@PathParam("id") String id) {
        return done(() -> service().setEnabled(id, false));
    }

    @POST
    @OperationId("enableAgent")
    @Path("agent/activation/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse activate(@PathParam("id") String id) {
        return done(() -> service().setEnabled(id, true));
    }

    @POST
    @OperationId("addAgentAttributes")
    @Path("agent/attributes")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse addAttributes(byte[] bytes) {
        return run(() -> {
            AgentService agents = service();
            AgentViews.AgentAttributes body = body(bytes, AgentViews.AgentAttributes.class);
            agents.addAttributes(body.agents(), body.attributes());
            return StatusResponse.OK;
        });
    }

    @DELETE
    @OperationId("deleteAgentAttributes")
    @Path("agent/attributes")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteAttributes(byte[] bytes) {
        return run(() -> {
            AgentService agents = service();
            AgentViews.AgentAttributes body = body(bytes, AgentViews.AgentAttributes.class);
            agents.deleteAttributes(body.agents(), body.attributes());
            return StatusResponse.OK;
        });
    }

    @POST
    @OperationId("addRolesToAgent")
    @Path("agent/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse addRoles(byte[] bytes) {
        return run(() -> {
            AgentService agents = service();
            AgentViews.AgentRoles body = body(bytes, AgentViews.AgentRoles.class);
            agents.addRoles(body.agents(), body.roles(), Boolean.TRUE.equals(body.clientLevel()));
            return StatusResponse.OK;
        });
    }

    @DELETE
    @OperationId("deleteRolesFromAgent")
    @Path("agent/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteRoles(byte[] bytes) {
        return run(() -> {
            AgentService agents = service();
            AgentViews.DeleteAgentRoles body = body(bytes, AgentViews.DeleteAgentRoles.class);
            agents.deleteRoles(body.id(), body.roles(), body.clientRoles());
            return StatusResponse.OK;
        });
    }

    @POST
    @OperationId("addProtocolMapper")
    @Path("protocol/mapper")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse protocolMapper(byte[] bytes) {
        return done(() -> service().setup().addProtocolMapper(body(bytes, AgentViews.ProtocolMapper.class)));
    }

    @GET
    @OperationId("getAllAgents")
    @Path("agents")
    @Produces(MediaType.APPLICATION_JSON)
    public AgentViews.Agents all() {
        return run(() -> {
            AgentService agents = service();
            return new AgentViews.Agents(
                    agents.agents().stream().map(agents::describe).toList(), java.util.List.of());
        });
    }
}
