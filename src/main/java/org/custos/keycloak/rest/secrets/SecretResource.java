package org.custos.keycloak.rest.secrets;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custos.keycloak.crypto.KeyMaterial;
import org.custos.keycloak.error.CustosException;
import org.custos.keycloak.model.SecretStore.StoredSecret;
import org.custos.keycloak.representation.StatusResponse;
import org.custos.keycloak.representation.secrets.SecretViews;
import org.custos.keycloak.rest.QueryParams;
import org.custos.keycloak.rest.RequestContext;
import org.custos.keycloak.rest.ServiceResource;
import org.custos.keycloak.service.secrets.SecretRepresentations;
import org.custos.keycloak.service.secrets.SecretService;
import org.keycloak.jose.jwk.JSONWebKeySet;
import org.keycloak.protocol.oidc.utils.JWKSServerUtils;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Custos Resource Secret Management ({@code /resource-secret-management/v1.0.0}): SSH keys, passwords, X.509
 * certificates and KV secrets, sealed at rest (see {@link SecretService} for who may do what). JWKS is public.
 */
public class SecretResource extends ServiceResource {

    static final Duration GENERATED_CERTIFICATE_VALIDITY = Duration.ofDays(365);

    public SecretResource(RequestContext request) {
        super(request);
    }

    private SecretService service() {
        return new SecretService(request.session(), request.caller(), request.config().secretKeys());
    }

    private QueryParams query() {
        return new QueryParams(request.uri().getQueryParameters());
    }

    private <T> T body(byte[] bytes, Class<T> type) {
        return request.body(bytes).json(type);
    }

    private SecretViews.Metadata metadata(StoredSecret secret) {
        return SecretRepresentations.metadata(secret, request.realm().getName());
    }

    /** The realm's public keys: the same set as Keycloak's own certs endpoint. Public. */
    @GET
    @Path("openid-connect/certs")
    @Produces(MediaType.APPLICATION_JSON)
    public JSONWebKeySet certs() {
        return JWKSServerUtils.getRealmJwks(request.session(), request.realm());
    }

    @POST
    @Path("secret/ssh")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.TokenResponse createSsh(byte[] bytes) {
        SecretService secrets = service();
        SecretViews.SshRequest body = body(bytes, SecretViews.SshRequest.class);
        Map<String, String> value = new HashMap<>();
        if (body.publicKey() != null && !body.publicKey().isBlank()) {
            if (body.privateKey() == null || body.privateKey().isBlank()) {
                throw CustosException.invalidField("private_key", "is required with a supplied public_key");
            }
            value.put("public_key", body.publicKey());
            value.put("private_key", body.privateKey());
            value.put("passphrase", body.passphrase() == null ? "" : body.passphrase());
        } else {
            KeyMaterial.SshKeyPair pair = KeyMaterial.generateSsh(body.passphrase(),
                    body.metadata() == null ? null : body.metadata().ownerId());
            value.put("public_key", pair.publicKey());
            value.put("private_key", pair.privateKey());
            value.put("passphrase", pair.passphrase());
        }
        return new SecretViews.TokenResponse(secrets.create("SSH", body.metadata(), value, null));
    }

    @GET
    @Path("secret/ssh")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.SshCredential getSsh() {
        SecretService.Opened s = service().read("SSH", query().first("token"));
        return new SecretViews.SshCredential(metadata(s.secret()), s.value().get("passphrase"),
                s.value().get("public_key"), s.value().get("private_key"));
    }

    @DELETE
    @Path("secret/ssh")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteSsh(byte[] bytes) {
        service().delete("SSH", token(bytes));
        return StatusResponse.OK;
    }

    @POST
    @Path("secret/password")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.TokenResponse createPassword(byte[] bytes) {
        SecretService secrets = service();
        SecretViews.PasswordRequest body = body(bytes, SecretViews.PasswordRequest.class);
        String password = body.givenPassword();
        if (password == null || password.isEmpty()) {
            throw CustosException.invalidField("password", "is required");
        }
        return new SecretViews.TokenResponse(secrets.create("PASSWORD", body.metadata(),
                Map.of("password", password), null));
    }

    @GET
    @Path("secret/password")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.PasswordCredential getPassword() {
        SecretService.Opened s = service().read("PASSWORD", query().first("token"));
        return new SecretViews.PasswordCredential(metadata(s.secret()), s.value().get("password"));
    }

    @DELETE
    @Path("secret/password")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deletePassword(byte[] bytes) {
        service().delete("PASSWORD", token(bytes));
        return StatusResponse.OK;
    }

    /** Stores a supplied PEM certificate, or generates a self-signed one with its private key when none is given. */
    @POST
    @Path("secret/certificate")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.TokenResponse createCertificate(byte[] bytes) {
        SecretService secrets = service();
        SecretViews.CertificateRequest body = body(bytes, SecretViews.CertificateRequest.class);
        Map<String, String> value = new HashMap<>();
        if (body.x509Cert() != null && !body.x509Cert().isBlank()) {
            if (KeyMaterial.parseCertificate(body.x509Cert()) == null) {
                throw CustosException.invalidField("x509_cert", "is not a PEM X.509 certificate");
            }
            value.put("x509_cert", body.x509Cert());
            value.put("private_key", body.privateKey() == null ? "" : body.privateKey());
        } else {
            String owner = body.metadata() != null && body.metadata().ownerId() != null ? body.metadata().ownerId()
                    : request.caller().authenticate().user() != null ? request.caller().authenticate().user().getUsername()
                    : "custos";
            KeyMaterial.Certificate generated = KeyMaterial.generateCertificate(owner, GENERATED_CERTIFICATE_VALIDITY);
            value.put("x509_cert", generated.certificatePem());
            value.put("private_key", generated.privateKeyPem());
        }
        return new SecretViews.TokenResponse(secrets.create("X509_CERTIFICATE", body.metadata(), value, null));
    }

    @GET
    @Path("secret/certificate")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.CertificateCredential getCertificate() {
        SecretService.Opened s = service().read("X509_CERTIFICATE", query().first("token"));
        String pem = s.value().get("x509_cert");
        X509Certificate cert = KeyMaterial.parseCertificate(pem);
        return new SecretViews.CertificateCredential(metadata(s.secret()), pem,
                cert == null ? "" : cert.getNotAfter().toInstant().toString(),
                cert == null ? "" : cert.getNotBefore().toInstant().toString(), s.value().get("private_key"),
                cert == null ? 0 : cert.getNotAfter().getTime() - cert.getNotBefore().getTime());
    }

    @DELETE
    @Path("secret/certificate")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteCertificate(byte[] bytes) {
        service().delete("X509_CERTIFICATE", token(bytes));
        return StatusResponse.OK;
    }

    @GET
    @Path("secret/summaries")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.Summaries summaries() {
        SecretService secrets = service();
        return new SecretViews.Summaries(secrets.summaries(query().all("accessible_tokens")).stream()
                .map(this::metadata).toList());
    }

    @POST
    @Path("secret/kv")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse setKv(byte[] bytes) {
        SecretService secrets = service();
        SecretViews.KvRequest body = body(bytes, SecretViews.KvRequest.class);
        requireKvFields(body.key(), body.value());
        secrets.create("KV", body.metadata(), Map.of("value", body.value()), body.key());
        return StatusResponse.OK;
    }

    @GET
    @Path("secret/kv")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.KvCredential getKv() {
        SecretService secrets = service();
        QueryParams q = query();
        StoredSecret secret = secrets.requireKv(q.first("metadata.owner_id", "owner_id"), q.first("key"), q.first("token"));
        SecretService.Opened s = secrets.read("KV", secret.token());
        return new SecretViews.KvCredential(secret.kvKey(), s.value().get("value"), secret.token(), metadata(secret));
    }

    @PUT
    @Path("secret/kv")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse updateKv(byte[] bytes) {
        SecretService secrets = service();
        SecretViews.KvRequest body = body(bytes, SecretViews.KvRequest.class);
        if (body.value() == null) {
            throw CustosException.invalidField("value", "is required");
        }
        StoredSecret secret = secrets.requireKv(body.metadata() == null ? null : body.metadata().ownerId(),
                body.key(), body.token());
        secrets.update(secret, Map.of("value", body.value()), body.metadata() == null ? null : body.metadata().description());
        return StatusResponse.OK;
    }

    @DELETE
    @Path("secret/kv")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResponse deleteKv(byte[] bytes) {
        SecretService secrets = service();
        SecretViews.KvRequest body = request.body(bytes).isEmpty() ? new SecretViews.KvRequest(null, null, null, null)
                : body(bytes, SecretViews.KvRequest.class);
        QueryParams q = query();
        String owner = body.metadata() != null ? body.metadata().ownerId() : q.first("metadata.owner_id");
        StoredSecret secret = secrets.requireKv(owner, body.key() != null ? body.key() : q.first("key"),
                body.token() != null ? body.token() : q.first("token"));
        secrets.delete("KV", secret.token());
        return StatusResponse.OK;
    }

    /** Re-seals every secret of the realm under the active key (after a key rotation). {@code manage-realm}. */
    @POST
    @Path("secret/keys/re-encrypt")
    @Produces(MediaType.APPLICATION_JSON)
    public SecretViews.ReEncrypted reEncrypt() {
        SecretService secrets = service();
        int moved = secrets.reEncrypt();
        return new SecretViews.ReEncrypted(moved, secrets.activeKey());
    }

    /** The token of a DELETE: the seed sends it as a query parameter; a JSON body {@code {"token"}} works too. */
    private String token(byte[] bytes) {
        String token = query().first("token");
        if (token == null && !request.body(bytes).isEmpty()) {
            SecretViews.KvRequest body = body(bytes, SecretViews.KvRequest.class);
            token = body.token() != null ? body.token() : body.metadata() == null ? null : body.metadata().token();
        }
        return token;
    }

    private static void requireKvFields(String key, String value) {
        if (key == null || key.isBlank()) {
            throw CustosException.invalidField("key", "is required");
        }
        if (value == null) {
            throw CustosException.invalidField("value", "is required");
        }
    }
}
