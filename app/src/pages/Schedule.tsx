import { LAST_EPOCH } from "@io-network/client";
import { useMemo } from "react";
import { LineChart } from "../lib/Chart";
import { TableHead } from "../lib/ui";
import { formatIO, formatRounded } from "../lib/format";
import { CAP_BASE_UNITS, MAX_SUPPLY_BASE_UNITS, plotIO, scheduleSummary } from "../lib/scheduleData";

const PUBLISHED = [
  { epoch: 1, emission: "4,566.21", rate: "0.00091324%" },
  { epoch: 2, emission: "4,566.15", rate: "0.00091323%" },
  { epoch: 3, emission: "4,566.08", rate: "0.00091322%" },
];

export function SchedulePage() {
  const summary = useMemo(scheduleSummary, []);
  const weekly = useMemo(
    () => ({
      x: summary.weekly.map((p) => p.epoch),
      series: [
        {
          label: "IO per epoch",
          color: "#2f6fde",
          values: summary.weekly.map((p) => plotIO(p.emission)),
          exact: summary.weekly.map((p) => formatIO(p.emission)),
        },
      ],
    }),
    [summary],
  );
  const yearly = useMemo(
    () => ({
      x: summary.yearly.map((y) => y.year),
      series: [
        {
          label: "IO emitted in the year",
          color: "#17a673",
          values: summary.yearly.map((y) => plotIO(y.emitted)),
          exact: summary.yearly.map((y) => formatIO(y.emitted)),
        },
      ],
    }),
    [summary],
  );
  const supply = useMemo(
    () => ({
      x: [0, ...summary.yearly.map((y) => y.year)],
      series: [
        {
          label: "Total supply (IO)",
          color: "#8a4fd8",
          values: [500_000_000, ...summary.yearly.map((y) => plotIO(y.supplyAtEnd))],
          exact: ["500,000,000", ...summary.yearly.map((y) => formatIO(y.supplyAtEnd))],
        },
        {
          label: "Cap (IO)",
          color: "#d33",
          values: Array(summary.yearly.length + 1).fill(plotIO(MAX_SUPPLY_BASE_UNITS)),
          exact: Array(summary.yearly.length + 1).fill(formatIO(MAX_SUPPLY_BASE_UNITS)),
        },
      ],
    }),
    [summary],
  );

  return (
    <section aria-labelledby="schedule-title">
      <h1 id="schedule-title">Emission schedule</h1>
      <p>
        {LAST_EPOCH.toLocaleString("en-US")} hourly epochs release the 300,000,000 IO between the 500M genesis supply
        and the 800M cap. The program computes every epoch in integers; these figures are the same computation.
      </p>
      <h2>Published figures</h2>
      <table className="figures" data-testid="published-figures">
        <TableHead columns={["Epoch", "Published (IO)", "Program mints (IO, exact)", "Rate per epoch"]} />
        <tbody>
          {PUBLISHED.map((row, i) => (
            <tr key={row.epoch}>
              <td>{row.epoch}</td>
              <td>{row.emission}</td>
              <td data-epoch-exact={row.epoch}>
                {formatIO(summary.first[i])} <span className="muted">(rounds to {formatRounded(summary.first[i])})</span>
              </td>
              <td>{row.rate}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <LineChart id="per-epoch" title="IO per epoch (one point a week)" x={weekly.x} xLabel="Epoch" series={weekly.series} />
      <LineChart id="per-year" title="IO emitted per year" x={yearly.x} xLabel="Year" series={yearly.series} bars />
      <LineChart id="supply" title="Total supply against the 800M cap" x={supply.x} xLabel="Year" series={supply.series} />

      <h2 id="reconcile">The published prose and the exact figures</h2>
      <p>
        The network describes the schedule in round words; the program follows the exact per-epoch figures. Each
        phrase is a fair summary of a slightly different quantity:
      </p>
      <dl className="reconcile">
        <dt>“8% at the start”</dt>
        <dd>
          Epoch 1 mints 500,000,000 × 8% ÷ 8,760 = <strong>4,566.21 IO</strong> (exactly {formatIO(summary.first[0])}); a
          year of such hours would be 40,000,000 IO, 8% of the fixed 500M base. Exact.
        </dd>
        <dt>“about 12.165% less each year”</dt>
        <dd>
          The published per-epoch decay d = 0.00138869523959793% times 8,760 hours is 12.16497%: the hourly decay added up
          over a year. The program compounds it every hour, so the yearly rate actually falls by 1 − (1 − d)^8,760 ={" "}
          <strong>11.454%</strong> a year. The phrase is the simple sum, not the compounded drop.
        </dd>
        <dt>“about 0.68% at the end”</dt>
        <dd>
          8% reduced by 12.165% nineteen times (one step per year, years 1 to 20) gives 0.680%. The program's last epoch,{" "}
          {LAST_EPOCH.toLocaleString("en-US")}, mints {formatIO(summary.last)} IO, which annualises (× 8,760 ÷ 500M) to{" "}
          <strong>0.701%</strong>: 8% × (1 − d)^175,318, compounded hourly. The two differ because the prose steps yearly
          by the simple sum while the chain decays smoothly by the exact d.
        </dd>
        <dt>The cap</dt>
        <dd>
          The exact sum of all epochs is 300,000,000.00044 IO, a hair above the cap, so each mint is clamped to what
          remains; rounding each epoch down at 8 decimals leaves the total at {formatIO(summary.total)} IO,{" "}
          {formatIO(CAP_BASE_UNITS - summary.total)} IO under the cap.
        </dd>
      </dl>
    </section>
  );
}
