import type { ReactNode } from "react";

export interface Column {
  label: ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
}

/**
 * A table of rows under column headers. `caption` is for screen readers (the page's heading
 * already says it to everyone else). Children are the body's rows.
 *
 * On a screen too narrow for every column, a table scrolls sideways inside its own box rather
 * than widening the page; with `cards`, each row becomes a card instead (every cell on its own
 * line, labelled by its `data-label`, the `table__actions-cell` buttons underneath), so actions
 * are never off screen. Use `cards` for tables with actions or many columns.
 */
export function DataTable({
  columns,
  caption,
  className,
  cards = false,
  children,
}: {
  columns: Column[];
  caption?: string;
  className?: string;
  cards?: boolean;
  children: ReactNode;
}) {
  const classes = ["table", cards ? "table--cards" : null, className ?? null].filter(Boolean).join(" ");
  return (
    <div className="table-wrap">
      <table className={classes}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={column.numeric ? "num" : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
