package org.custos.keycloak.rest.agents;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.agents.AgentViews;
import org.custos.keycloak.representation.users.UserAttribute;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.RoleRequests;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.agents.AgentService;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RoleModel;

/**
 * Custos Agent Management ({@code /agent-management/v1.0.0}): agents are Keycloak confidential clients with service
 * accounts. Every endpoint needs Keycloak's right to manage clients ({@code manage-clients}, or a fine-grained
 * permission on all clients), as Keycloak's evaluator decides it; roles given to an agent are checked as Keycloak
 * checks a role mapping onto its service account.
 */
public class AgentResource extends ServiceResource {

    public AgentResource(RequestContext request) {
        super(request);
    }

    private AgentService agents() {
        return new AgentService(request.session(), auth().authenticate());
    }

    @POST
    @OperationId("enableAgents")
    @Path("enable")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse enable(byte[] bytes) {
        return done(() -> {
            auth().agents().requireManage();
            body(bytes, JsonNode.class);
            agents().setup().enable();
        });
    }

    @POST
    @OperationId("configureAgentClient")
    @Path("token/configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse tokenConfiguration(byte[] bytes) {
        return done(() -> {
            auth().agents().requireManage();
            long seconds = AgentRequests.lifetime(
                    body(bytes, AgentViews.TokenConfiguration.class).accessTokenLifeTime());
            agents().setup().configureTokenLifetime(seconds);
        });
    }

    @POST
    @OperationId("addRolesToClient")
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse roles(byte[] bytes) {
        return done(() -> {
            auth().agents().requireManage();
            var roles = RoleRequests.newRoles(
                    body(bytes, AgentViews.Roles.class).roles(),
                    AgentViews.RoleInput::name,
                    AgentViews.RoleInput::description);
            agents().setup().createRoles(roles);
        });
    }

    @POST
    @OperationId("registerAndEnableAgent")
    @Path("agent")
    @Produces(MediaType.APPLICATION_JSON)
    public AgentViews.Registered register(byte[] bytes) {
        return run(() -> {
            auth().agents().requireManage();
            AgentViews.Register body = body(bytes, AgentViews.Register.class);
            AgentService agents = agents();
            AgentRequests read = new AgentRequests(agents);
            String id = AgentRequests.newId(body.id());
            List<RoleModel> realmRoles = read.roles(body.realmRoles(), false, "realm_roles");
            List<RoleModel> clientRoles = read.roles(body.clientRoles(), true, "client_roles");
            List<RoleModel> all = new ArrayList<>(realmRoles);
            all.addAll(clientRoles);
            auth().agents().requireGrant(all);
            var attributes = AgentRequests.attributes(body.attributes(), false);
            return new AgentViews.Registered(id, agents.register(id, realmRoles, clientRoles, attributes));
        });
    }

    @GET
    @OperationId("getAgent")
    @Path("agent/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public AgentViews.Agent get(@PathParam("id") String id) {
        return run(() -> {
            auth().agents().requireManage();
            AgentService agents = agents();
            return view(agents.describe(new AgentRequests(agents).agent(id)));
        });
    }

    @DELETE
    @OperationId("deleteAgent")
    @Path("agent/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse delete(@PathParam("id") String id) {
        return done(() -> {
            auth().agents().requireManage();
            AgentService agents = agents();
            agents.delete(new AgentRequests(agents).agent(id));
        });
    }

    @POST
    @OperationId("disableAgent")
    @Path("agent/deactivation/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deactivate(@PathParam("id") String id) {
        return done(() -> {
            auth().agents().requireManage();
            setEnabled(id, false);
        });
    }

    @POST
    @OperationId("enableAgent")
    @Path("agent/activation/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse activate(@PathParam("id") String id) {
        return done(() -> {
            auth().agents().requireManage();
            setEnabled(id, true);
        });
    }

    private void setEnabled(String id, boolean enabled) {
        AgentService agents = agents();
        agents.setEnabled(new AgentRequests(agents).agent(id), enabled);
    }

    @POST
    @OperationId("addAgentAttributes")
    @Path("agent/attributes")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse addAttributes(byte[] bytes) {
        return done(() -> {
            auth().agents().requireManage();
            AgentViews.AgentAttributes body = body(bytes, AgentViews.AgentAttributes.class);
            AgentRequests.requireBounded(body.agents(), body.attributes());
            AgentService agents = agents();
            List<ClientModel> targets = new AgentRequests(agents).agents(body.agents());
            agents.addAttributes(targets, AgentRequests.attributes(body.attributes(), false));
        });
    }

    @DELETE
    @OperationId("deleteAgentAttributes")
    @Path("agent/attributes")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteAttributes(byte[] bytes) {
        return done(() -> {
            auth().agents().requireManage();
            AgentViews.AgentAttributes body = body(bytes, AgentViews.AgentAttributes.class);
            AgentRequests.requireBounded(body.agents(), body.attributes());
            var attributes = AgentRequests.attributes(body.attributes(), true);
            AgentService agents = agents();
            agents.deleteAttributes(new AgentRequests(agents).agents(body.agents()), attributes);
        });
    }

    @POST
    @OperationId("addRolesToAgent")
    @Path("agent/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse addRoles(byte[] bytes) {
        return done(() -> {
            auth().agents().requireManage();
            AgentViews.AgentRoles body = body(bytes, AgentViews.AgentRoles.class);
            AgentRequests.requireBounded(body.agents(), body.roles());
            AgentService agents = agents();
            AgentRequests read = new AgentRequests(agents);
            List<RoleModel> roles = read.roles(body.roles(), Boolean.TRUE.equals(body.clientLevel()), "roles");
            List<ClientModel> targets = read.agents(body.agents());
            auth().agents().requireMapRoles(agents.accounts(targets), roles);
            agents.addRoles(targets, roles);
        });
    }

    @DELETE
    @OperationId("deleteRolesFromAgent")
    @Path("agent/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteRoles(byte[] bytes) {
        return done(() -> {
            auth().agents().requireManage();
            AgentViews.DeleteAgentRoles body = body(bytes, AgentViews.DeleteAgentRoles.class);
            AgentService agents = agents();
            AgentRequests read = new AgentRequests(agents);
            ClientModel target = read.agent(body.id());
            List<RoleModel> roles = new ArrayList<>(read.roles(body.roles(), false, "roles"));
            roles.addAll(read.roles(body.clientRoles(), true, "client_roles"));
            auth().agents().requireMapRoles(agents.accounts(List.of(target)), roles);
            agents.deleteRoles(target, roles);
        });
    }

    @POST
    @OperationId("addProtocolMapper")
    @Path("protocol/mapper")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse protocolMapper(byte[] bytes) {
        return done(() -> {
            auth().agents().requireManage();
            var mapper = AgentRequests.mapper(body(bytes, AgentViews.ProtocolMapper.class));
            agents().setup().addProtocolMapper(mapper);
        });
    }

    @GET
    @OperationId("getAllAgents")
    @Path("agents")
    @Produces(MediaType.APPLICATION_JSON)
    public AgentViews.Agents all() {
        return run(() -> {
            auth().agents().requireManage();
            AgentService agents = agents();
            return new AgentViews.Agents(
                    agents.agents().stream()
                            .map(agents::describe)
                            .map(AgentResource::view)
                            .toList(),
                    List.of());
        });
    }

    /** An agent as Custos shows it. */
    public static AgentViews.Agent view(AgentService.Agent agent) {
        double created = agent.createdTimestamp();
        return new AgentViews.Agent(
                agent.id(),
                agent.realmRoles(),
                agent.attributes().entrySet().stream()
                        .map(e -> new UserAttribute(e.getKey(), e.getValue()))
                        .toList(),
                agent.enabled(),
                created,
                created,
                agent.clientRoles());
    }
}
