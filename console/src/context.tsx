import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { Alert, AlertActionCloseButton, AlertGroup, AlertVariant } from "@patternfly/react-core";
import { createContext, PropsWithChildren, useCallback, useContext, useEffect, useState } from "react";
import { custos, Pages } from "./api";

type Variant = "success" | "danger" | "warning" | "info";
type Notice = { id: number; variant: Variant; title: string };
type CustosContextValue = {
  pages?: Pages;
  notify: (title: string, variant?: Variant) => void;
};

const CustosContext = createContext<CustosContextValue>({ notify: () => undefined });

/**
 * What every Custos page shares: the pages the administrator may open in the selected realm (asked of the server,
 * which asks Keycloak's evaluator) and short notices. A notice leaves after four seconds.
 */
export const CustosProvider = ({ children }: PropsWithChildren) => {
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const [pages, setPages] = useState<Pages>();
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => {
    let live = true;
    custos<Pages>(adminClient, "")
      .then((p) => live && setPages(p))
      .catch(() => live && setPages(undefined));
    return () => {
      live = false;
    };
  }, [adminClient, realm]);

  const notify = useCallback((title: string, variant: Variant = "success") => {
    const id = Date.now() + Math.random();
    setNotices((n) => [...n, { id, variant, title }]);
    setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), 4000);
  }, []);

  return (
    <CustosContext.Provider value={{ pages, notify }}>
      {children}
      <AlertGroup isToast isLiveRegion data-testid="custos-notices">
        {notices.map((n) => (
          <Alert
            key={n.id}
            variant={n.variant as AlertVariant}
            title={n.title}
            actionClose={
              <AlertActionCloseButton onClose={() => setNotices((all) => all.filter((x) => x.id !== n.id))} />
            }
          />
        ))}
      </AlertGroup>
    </CustosContext.Provider>
  );
};

export const useCustos = () => useContext(CustosContext);
