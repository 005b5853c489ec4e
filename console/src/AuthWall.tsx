import type { AccessType } from "@keycloak/keycloak-admin-client/lib/defs/whoAmIRepresentation";
import { ForbiddenSection, useAccess } from "@keycloak/keycloak-admin-ui";
import { PropsWithChildren } from "react";
import { useMatches } from "react-router-dom";

/**
 * Keycloak's own gate for its pages: every matched route's handle.access must be held, else the console's forbidden
 * page. Copied from @keycloak/keycloak-admin-ui 26.7.3, js/apps/admin-ui/src/root/AuthWall.tsx (not exported);
 * scripts/check-admin-ui-copies.mjs fails the build when the installed admin-ui is another version.
 */
export const AuthWall = ({ children }: PropsWithChildren) => {
  const matches = useMatches();
  const { hasAccess } = useAccess();
  const needed = matches.flatMap(({ handle }) => {
    const access = (handle as { access?: AccessType | AccessType[] } | undefined)?.access;
    return access === undefined ? [] : Array.isArray(access) ? access : [access];
  });
  if (!hasAccess(...needed)) {
    return <ForbiddenSection permissionNeeded={needed} />;
  }
  return <>{children}</>;
};
