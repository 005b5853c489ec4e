import { useAdminClient, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import type GroupRepresentation from "@keycloak/keycloak-admin-client/lib/defs/groupRepresentation";
import { KeycloakSpinner, useFetch } from "@keycloak/keycloak-ui-shared";
import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  FormSelect,
  FormSelectOption,
  PageSection,
  Pagination,
} from "@patternfly/react-core";
import { DependencyList, PropsWithChildren, ReactNode, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { reason, status } from "./api";

/** A Custos page: Keycloak's page header, then the content on a light section. */
export const CustosPage = ({ title, sub, children }: PropsWithChildren<{ title: string; sub?: string }>) => (
  <>
    <ViewHeader titleKey={title} subKey={sub} />
    <PageSection variant="light">{children}</PageSection>
  </>
);

export type Loaded<T> = { data?: T; error?: unknown; loading: boolean; reload: () => void };

/**
 * Loads with the console's admin client whenever the realm or a dependency changes. Keycloak's useFetch drops an
 * answer that comes after the page moved on; a refusal is kept (and shown by {@link Loading}), not sent to the
 * console's error page as useFetch alone would.
 */
export function useLoad<T>(load: (adminClient: KeycloakAdminClient) => Promise<T>, deps: DependencyList): Loaded<T> {
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const [tick, setTick] = useState(0);
  // `tick` names the load the state belongs to.
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; tick: number }>({
    loading: true,
    tick,
  });
  useFetch(
    () => {
      // A reload keeps what is shown until the new answer comes; other data (another entity, realm, filter) does not.
      setState((s) => (s.tick !== tick ? { ...s, loading: true, tick } : { loading: true, tick }));
      return load(adminClient).then(
        (data) => ({ data, loading: false, tick }),
        (error: unknown) => ({ error, loading: false, tick }),
      );
    },
    setState,
    [adminClient, realm, tick, ...deps],
  );
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** What a load shows until it has data: a spinner, the refusal (403 names what is missing), or the error. */
export function Loading<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (loaded.error !== undefined) {
    const forbidden = status(loaded.error) === 403;
    return (
      <EmptyState data-testid={forbidden ? "custos-forbidden" : "custos-error"}>
        <EmptyStateBody>
          <Alert
            isInline
            variant={forbidden ? "warning" : "danger"}
            title={forbidden ? t("custosForbidden") : t("custosError")}
          >
            {reason(loaded.error)}
          </Alert>
        </EmptyStateBody>
      </EmptyState>
    );
  }
  if (loaded.data === undefined) {
    return <KeycloakSpinner />;
  }
  return <>{children(loaded.data)}</>;
}

/** A "load more" row for keyset-paged lists. */
export const More = ({ onMore, hidden }: { onMore: () => void; hidden: boolean }) => {
  const { t } = useTranslation();
  return hidden ? null : (
    <Button variant="link" onClick={onMore} data-testid="custos-more">
      {t("custosMore")}
    </Button>
  );
};

export const when = (millis: string | number | undefined) => {
  const n = Number(millis);
  return !millis || Number.isNaN(n) || n <= 0 ? "" : new Date(n).toLocaleString();
};

/**
 * Offset paging over a list fetched one row past the page: that extra row only tells that a next page exists (the
 * server does not count).
 */
export const Pager = ({
  first,
  max,
  fetched,
  onChange,
}: {
  first: number;
  max: number;
  fetched: number;
  onChange: (first: number, max: number) => void;
}) => (
  <Pagination
    perPage={max}
    page={Math.floor(first / max) + 1}
    itemCount={first + Math.min(fetched, max) + (fetched > max ? 1 : 0)}
    onSetPage={(_e, page) => onChange((page - 1) * max, max)}
    onPerPageSelect={(_e, perPage) => onChange(0, perPage)}
    toggleTemplate={({ firstIndex, lastIndex }) => (
      <b>
        {firstIndex} - {lastIndex}
      </b>
    )}
  />
);

/** A group tree as one list, parents before their sub-groups. */
export const flatten = (groups: GroupRepresentation[]): GroupRepresentation[] =>
  groups.flatMap((g) => [g, ...flatten(g.subGroups ?? [])]);

/** A filter's drop-down: the options by value (and label), with an "all" option first when {@code all} names it. */
export const Choice = ({
  label,
  value,
  options,
  onChange,
  all,
  testid,
}: {
  label: string;
  value: string;
  options: (string | [string, string])[];
  onChange: (value: string) => void;
  all?: string;
  testid?: string;
}) => (
  <FormSelect aria-label={label} value={value} onChange={(_e, v) => onChange(v)} data-testid={testid}>
    {all !== undefined && <FormSelectOption value="" label={all} />}
    {options.map((o) => {
      const [v, l] = typeof o === "string" ? [o, o] : o;
      return <FormSelectOption key={v} value={v} label={l} />;
    })}
  </FormSelect>
);

/** One column of a {@link Rows} table: its header (a message key, or none) and what a row shows in it. */
export type Column<T> = { title?: string; cell: (row: T) => ReactNode };

/** The compact table every Custos page lists its rows in. */
export function Rows<T>({
  label,
  columns,
  rows,
  rowKey,
  rowTestid,
  testid,
}: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, index: number) => string;
  rowTestid?: (row: T) => string;
  testid: string;
}) {
  const { t } = useTranslation();
  return (
    <Table aria-label={label} variant="compact" data-testid={testid}>
      <Thead>
        <Tr>
          {columns.map((c, i) =>
            c.title ? <Th key={i}>{t(c.title)}</Th> : <Th key={i} screenReaderText={t("actions")} />,
          )}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row, i) => (
          <Tr key={rowKey(row, i)} data-testid={rowTestid?.(row)}>
            {columns.map((c, j) => (
              <Td key={j}>{c.cell(row)}</Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
