/**
 * CompactTable: one line per row, details on demand. Used by the queue, the History and
 * batch results so that a hundred rows stay readable.
 *
 *   <CompactTable
 *     caption="History"                      // for screen readers (visually hidden)
 *     rows={entries} rowKey={(e) => e.id}
 *     columns={[{ key: 'name', header: t('name'), cell: (e) => e.name, grow: true }, ...]}
 *     details={(e) => <Details entry={e} />} // optional: a "Details" toggle per row
 *     detailsText={{ show: t('details'), hide: t('hideDetails') }}
 *     rowName={(e) => e.name}                // the toggle's label: "Details: <name>"
 *     testId="history-table" rowTestId="history-row"
 *   />
 *
 * Keyboard: every row's toggle is a real button (Tab, Enter / Space) with aria-expanded and
 * aria-controls; the details row follows its row, so reading order stays natural.
 */
import { Fragment, useState, type ReactNode } from 'react';

export interface Column<R> {
  key: string;
  header: string;
  cell: (row: R) => ReactNode;
  /** Takes the remaining width and truncates with an ellipsis (file names). */
  grow?: boolean;
  /** Never wraps (dates, ids, status pills). */
  nowrap?: boolean;
  /** Sentences (reasons, names of people): room enough not to wrap word by word. */
  wide?: boolean;
}

export interface CompactTableProps<R> {
  caption: string;
  rows: readonly R[];
  rowKey: (row: R) => string;
  columns: readonly Column<R>[];
  details?: (row: R) => ReactNode;
  /** The toggle's words; its accessible label is "<show|hide>: <rowName>". */
  detailsText?: { show: string; hide: string };
  rowName?: (row: R) => string;
  testId?: string;
  rowTestId?: string;
}

export function CompactTable<R>(props: CompactTableProps<R>) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const span = props.columns.length + (props.details ? 1 : 0);
  return (
    <div className="compact-table-wrap">
      <table className="compact-table" data-testid={props.testId}>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} scope="col" className={c.grow ? 'ct-grow' : undefined}>
                {c.header}
              </th>
            ))}
            {props.details && (
              <th scope="col" className="ct-toggle-col">
                <span className="visually-hidden">{props.detailsText?.show ?? ''}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => {
            const key = props.rowKey(row);
            const isOpen = open.has(key);
            const detailsId = `ct-details-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
            return (
              <Fragment key={key}>
                <tr data-testid={props.rowTestId} className={isOpen ? 'ct-open' : undefined}>
                  {props.columns.map((c) => (
                    <td
                      key={c.key}
                      className={
                        [c.grow ? 'ct-grow' : '', c.nowrap ? 'ct-nowrap' : '', c.wide ? 'ct-wide' : ''].join(' ').trim() || undefined
                      }
                    >
                      {c.cell(row)}
                    </td>
                  ))}
                  {props.details && (
                    <td className="ct-toggle-col">
                      <button
                        type="button"
                        className="btn btn-small btn-quiet ct-toggle"
                        aria-expanded={isOpen}
                        aria-controls={isOpen ? detailsId : undefined}
                        aria-label={
                          props.detailsText
                            ? `${isOpen ? props.detailsText.hide : props.detailsText.show}${props.rowName ? `: ${props.rowName(row)}` : ''}`
                            : undefined
                        }
                        data-testid="row-details-toggle"
                        onClick={() => toggle(key)}
                      >
                        <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
                      </button>
                    </td>
                  )}
                </tr>
                {props.details && isOpen && (
                  <tr className="ct-details-row">
                    <td colSpan={span} id={detailsId} data-testid="row-details">
                      {props.details(row)}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A status label that never breaks mid-word. */
export function Pill({ tone, children, testId }: { tone: 'ok' | 'warn' | 'error' | 'info'; children: ReactNode; testId?: string }) {
  return (
    <span className={`pill pill-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}
