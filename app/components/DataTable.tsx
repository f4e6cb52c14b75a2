import type { ReactNode } from "react";

export interface Column {
  label: ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
}

/**
 * A table of rows under column headers, scrolling sideways inside its own box on a narrow
 * phone rather than widening the page. `caption` is for screen readers (the page's heading
 * already says it to everyone else). Children are the body's rows.
 */
export function DataTable({ columns, caption, className, children }: { columns: Column[]; caption?: string; className?: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : "table"}>
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
