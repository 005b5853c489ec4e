package org.custos.keycloak.rest.secrets;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.auth.SecretRules;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.secrets.SecretViews;
import org.custos.keycloak.rest.support.OperationId;
import org.custos.keycloak.rest.support.PublicEndpoint;
import org.custos.keycloak.rest.support.QueryParams;
import org.custos.keycloak.rest.support.RequestContext;
import org.custos.keycloak.rest.support.ServiceResource;
import org.custos.keycloak.service.secrets.Secret;
import org.custos.keycloak.service.secrets.SecretService;
import org.custos.keycloak.service.secrets.SecretType;
import org.keycloak.jose.jwk.JSONWebKeySet;
import org.keycloak.protocol.oidc.utils.JWKSServerUtils;

/**
 * Custos Resource Secret Management ({@code /resource-secret-management/v1.0.0}): SSH keys, passwords, X.509
 * certificates and KV secrets, sealed at rest (see {@code SecretService} for who may do what). JWKS is public.
 */
public class SecretResource extends ServiceResource {

    public SecretResource(RequestContext request) {
        super(request);
    }

    /** The service for the caller these rules are about ({@code auth().secrets()}, each method's first line). */
    private SecretService service(SecretRules rules) {
        return new SecretService(request.session(), rules, request.config().secretKeys());
    }

    private SecretAnswers answers() {
        return new SecretAnswers(request.realm().getName());
    }

    /** The realm's public keys: the same set as Keycloak's own certs endpoint. Public. */
    @GET
    @PublicEndpoint("the realm's public keys, as Keycloak's certs endpoint serves them")
    @OperationId("getJWKS")
    @Path("openid-connect/certs")
    @Produces(MediaType.APPLICATION_JSON)
    public JSONWebKeySet certs() {
        return run(() -> JWKSServerUtils.getRealmJwks(request.session(), request.realm()));
    }

    @POST
    @OperationId("addSSHCredential")
    @Path("secret/ssh")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.TokenResponse createSsh(byte[] bytes) {
        return run(() -> {
            SecretRules rules = auth().secrets();
            SecretService secrets = service(rules);
            SecretViews.SshRequest body = body(bytes, SecretViews.SshRequest.class);
            SecretService.SshKeys supplied = SecretRequests.ssh(body);
            Secret.New spec = SecretRequests.newSecret(body.metadata(), rules.caller());
            return new SecretViews.TokenResponse(
                    supplied == null
                            ? secrets.generateSsh(spec, body.passphrase())
                            : secrets.createSsh(spec, supplied));
        });
    }

    @GET
    @OperationId("getSSHCredential")
    @Path("secret/ssh")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.SshCredential getSsh() {
        return run(() -> {
            SecretRules rules = auth().secrets();
            return answers().ssh(service(rules).read(SecretType.SSH, SecretRequests.token(query().first("token"))));
        });
    }

    @DELETE
    @OperationId("deleteSSHCredential")
    @Path("secret/ssh")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteSsh(byte[] bytes) {
        return done(() -> {
            SecretRules rules = auth().secrets();
            service(rules).delete(SecretType.SSH, token(bytes));
        });
    }

    @POST
    @OperationId("addPasswordCredential")
    @Path("secret/password")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.TokenResponse createPassword(byte[] bytes) {
        return run(() -> {
            SecretRules rules = auth().secrets();
            SecretService secrets = service(rules);
            SecretViews.PasswordRequest body = body(bytes, SecretViews.PasswordRequest.class);
            String password = SecretRequests.password(body);
            Secret.New spec = SecretRequests.newSecret(body.metadata(), rules.caller());
            return new SecretViews.TokenResponse(secrets.createPassword(spec, password));
        });
    }

    @GET
    @OperationId("getPasswordCredential")
    @Path("secret/password")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.PasswordCredential getPassword() {
        return run(() -> {
            SecretRules rules = auth().secrets();
            return answers()
                    .password(service(rules).read(SecretType.PASSWORD, SecretRequests.token(query().first("token"))));
        });
    }

    @DELETE
    @OperationId("deletePWDCredential")
    @Path("secret/password")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deletePassword(byte[] bytes) {
        return done(() -> {
            SecretRules rules = auth().secrets();
            service(rules).delete(SecretType.PASSWORD, token(bytes));
        });
    }

    /** Stores a supplied PEM certificate, or generates a self-signed one with its private key when none is given. */
    @POST
    @OperationId("addCertificateCredential")
    @Path("secret/certificate")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.TokenResponse createCertificate(byte[] bytes) {
        return run(() -> {
            SecretRules rules = auth().secrets();
            SecretService secrets = service(rules);
            SecretViews.CertificateRequest body = body(bytes, SecretViews.CertificateRequest.class);
            String pem = SecretRequests.certificate(body);
            Secret.New spec = SecretRequests.newSecret(body.metadata(), rules.caller());
            return new SecretViews.TokenResponse(
                    pem == null
                            ? secrets.generateCertificate(spec)
                            : secrets.createCertificate(spec, pem, body.privateKey()));
        });
    }

    @GET
    @OperationId("getCertificateCredential")
    @Path("secret/certificate")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.CertificateCredential getCertificate() {
        return run(() -> {
            SecretRules rules = auth().secrets();
            return answers()
                    .certificate(service(rules)
                            .read(SecretType.X509_CERTIFICATE, SecretRequests.token(query().first("token"))));
        });
    }

    @DELETE
    @OperationId("deleteCertificateCredential")
    @Path("secret/certificate")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteCertificate(byte[] bytes) {
        return done(() -> {
            SecretRules rules = auth().secrets();
            service(rules).delete(SecretType.X509_CERTIFICATE, token(bytes));
        });
    }

    @GET
    @OperationId("getAllResourceCredentialSummaries")
    @Path("secret/summaries")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.Summaries summaries() {
        return run(() -> {
            SecretRules rules = auth().secrets();
            SecretAnswers answers = answers();
            return new SecretViews.Summaries(service(rules).summaries(query().all("accessible_tokens")).stream()
                    .map(answers::metadata)
                    .toList());
        });
    }

    @POST
    @OperationId("addKVCredential")
    @Path("secret/kv")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse setKv(byte[] bytes) {
        return done(() -> {
            SecretRules rules = auth().secrets();
            SecretService secrets = service(rules);
            SecretViews.KvRequest body = body(bytes, SecretViews.KvRequest.class);
            String key = SecretRequests.kvKey(body);
            String value = SecretRequests.kvValue(body);
            secrets.setKv(SecretRequests.newSecret(body.metadata(), rules.caller()), key, value);
        });
    }

    @GET
    @OperationId("getKVCredential")
    @Path("secret/kv")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.KvCredential getKv() {
        return run(() -> {
            SecretRules rules = auth().secrets();
            SecretService secrets = service(rules);
            QueryParams q = query();
            Secret.KvRef ref = SecretRequests.kv(
                    q.first("metadata.owner_id", "owner_id"), q.first("key"), q.first("token"), rules.caller());
            return answers().kv(secrets.kv(ref));
        });
    }

    @PUT
    @OperationId("updateKVCredential")
    @Path("secret/kv")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse updateKv(byte[] bytes) {
        return done(() -> {
            SecretRules rules = auth().secrets();
            SecretService secrets = service(rules);
            SecretViews.KvRequest body = body(bytes, SecretViews.KvRequest.class);
            String value = SecretRequests.kvValue(body);
            SecretViews.MetadataInput md = body.metadata();
            Secret.KvRef ref =
                    SecretRequests.kv(md == null ? null : md.ownerId(), body.key(), body.token(), rules.caller());
            secrets.updateKv(ref, value, md == null ? null : md.description());
        });
    }

    @DELETE
    @OperationId("deleteKVCredential")
    @Path("secret/kv")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteKv(byte[] bytes) {
        return run(() -> {
            SecretRules rules = auth().secrets();
            SecretService secrets = service(rules);
            SecretViews.KvRequest body = request.body(bytes).isEmpty()
                    ? new SecretViews.KvRequest(null, null, null, null)
                    : body(bytes, SecretViews.KvRequest.class);
            QueryParams q = query();
            String owner = body.metadata() != null ? body.metadata().ownerId() : q.first("metadata.owner_id");
            secrets.deleteKv(SecretRequests.kv(
                    owner,
                    body.key() != null ? body.key() : q.first("key"),
                    body.token() != null ? body.token() : q.first("token"),
                    rules.caller()));
            return StatusResponse.OK;
        });
    }

    /** Re-seals every secret of the realm under the active key (after a key rotation). {@code manage-realm}. */
    @POST
    @OperationId("reEncryptSecrets")
    @Path("secret/keys/re-encrypt")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.ReEncrypted reEncrypt() {
        return run(() -> {
            SecretRules rules = auth().secrets();
            rules.requireMayReEncrypt();
            SecretService secrets = service(rules);
            int moved = secrets.reEncrypt();
            return new SecretViews.ReEncrypted(moved, secrets.activeKey());
        });
    }

    /** The token of a DELETE: the seed sends it as a query parameter; a JSON body {@code {"token"}} works too. */
    private String token(byte[] bytes) {
        String token = query().first("token");
        if (token == null && !request.body(bytes).isEmpty()) {
            SecretViews.KvRequest body = body(bytes, SecretViews.KvRequest.class);
            token = body.token() != null
                    ? body.token()
                    : body.metadata() == null ? null : body.metadata().token();
        }
        return SecretRequests.token(token);
    }
}
