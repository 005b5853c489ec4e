import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { createContext, PropsWithChildren, useContext, useEffect, useState } from "react";
import { custos, Pages } from "./api";

type CustosContextValue = { pages?: Pages };

const CustosContext = createContext<CustosContextValue>({});

/**
 * What every Custos page shares: the pages the administrator may open in the selected realm (asked of the server,
 * which asks Keycloak's evaluator; none when it refuses). Notices are Keycloak's own (useAlerts).
 */
export const CustosProvider = ({ children }: PropsWithChildren) => {
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const [pages, setPages] = useState<Pages>();

  // Not ui-shared's useFetch: that one needs the error boundary, which sits below this provider (inside the page).
  useEffect(() => {
    let live = true;
    custos<Pages>(adminClient, "")
      .then((p) => live && setPages(p))
      .catch(() => live && setPages(undefined));
    return () => {
      live = false;
    };
  }, [adminClient, realm]);

  return <CustosContext.Provider value={{ pages }}>{children}</CustosContext.Provider>;
};

export const useCustos = () => useContext(CustosContext);
