// Small pieces every page uses.
import type { ReactNode } from "react";

export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col" key={column}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function Stat({ label, value, id }: { label: string; value: ReactNode; id?: string }) {
  return (
    <div className="stat" data-stat={id}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
    </div>
  );
}

