import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import { fetchWithError, NetworkError } from "@keycloak/keycloak-admin-client";

/**
 * Calls the Custos admin endpoints of the realm selected in the console: /admin/realms/{realm}/custos/{path}, with
 * the console's own admin token (refreshed by the admin client). Every answer is JSON; a refusal throws with the
 * server's error_description.
 */
export async function custos<T>(adminClient: KeycloakAdminClient, path: string, init: RequestInit = {}): Promise<T> {
  const token = await adminClient.getAccessToken();
  const url = `${adminClient.baseUrl}/admin/realms/${encodeURIComponent(adminClient.realmName)}/custos${
    path ? "/" + path : ""
  }`;
  const response = await fetchWithError(url, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body ? { "Content-Type": "application/json" } : {}),
      ...(init.headers ?? {}),
    },
  });
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const send = <T = unknown>(adminClient: KeycloakAdminClient, method: string, path: string, body?: unknown) =>
  custos<T>(adminClient, path, { method, body: body === undefined ? undefined : JSON.stringify(body) });

/** The server's reason for a refusal, or the error's message. */
export function reason(error: unknown): string {
  if (error instanceof NetworkError) {
    const data = error.responseData as { error_description?: string; errorMessage?: string } | undefined;
    return data?.error_description ?? data?.errorMessage ?? `${error.response.status} ${error.response.statusText}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export const status = (error: unknown) => (error instanceof NetworkError ? error.response.status : 0);

export const query = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v !== undefined && v !== "") q.set(k, String(v));
  });
  const s = q.toString();
  return s ? "?" + s : "";
};

/** What GET /custos answers: which pages this administrator may open. */
export type Pages = {
  sharing: boolean;
  sharingAdmin: boolean;
  groups: boolean;
  agents: boolean;
  secrets: boolean;
  keys: boolean;
  audit: boolean;
};
