// uPlot (small, fast, canvas) for the charts; each chart also carries its points as a table,
// for screen readers and for anyone checking the figures.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Series {
  label: string;
  values: number[];
  color: string;
  /** The exact figure behind each point, as text (the plotted number is a float for drawing only). */
  exact?: string[];
}

export function LineChart({
  id,
  title,
  x,
  xLabel,
  series,
  bars = false,
}: {
  id: string;
  title: string;
  x: number[];
  xLabel: string;
  series: Series[];
  bars?: boolean;
}) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const width = Math.max(280, Math.min(900, element.clientWidth || 600));
    const plot = new uPlot(
      {
        title,
        width,
        height: 260,
        scales: { x: { time: false } },
        axes: [{ label: xLabel }, { size: 70 }],
        series: [
          { label: xLabel },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            fill: bars ? s.color : undefined,
            paths: bars ? uPlot.paths.bars!({ size: [0.6, 40] }) : undefined,
          })),
        ],
      },
      [x, ...series.map((s) => s.values)],
      element,
    );
    return () => plot.destroy();
  }, [title, x, xLabel, series, bars]);
  return (
    <figure className="chart" data-chart={id}>
      <div ref={holder} className="chart-canvas" />
      <details>
        <summary>Data: {title}</summary>
        <table className="chart-data" data-chart-table={id}>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th scope="col" key={s.label}>{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {x.map((value, row) => (
              <tr key={value}>
                <td>{value}</td>
                {series.map((s) => (
                  <td key={s.label}>{s.exact?.[row] ?? String(s.values[row])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
