package org.custos.keycloak.rest.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation a resource method serves: for the Custos services, the RPC name Custos gave it (its audit
 * {@code event_type}, e.g. {@code addUserToGroup}); for our own endpoints, a name in the same style. It is the
 * method's {@code operationId} in {@code custos-openapi.json} (OpenApiDocumentTest keeps the two equal), and — or
 * {@link #rpc()} where given — the {@code custos_operation} detail of the admin events the request records.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OperationId {

    /** The operationId: unique in the document. */
    String value();

    /**
     * The Custos RPC the audit log names, when it differs from {@link #value()}: a few RPC names exist in two
     * services ({@code getUser}) or at two paths ({@code deleteUserRoles}), where the operationId cannot repeat.
     */
    String rpc() default "";
}
