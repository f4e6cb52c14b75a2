import { useId } from "react";
import { DataTable } from "~/components/DataTable";
import { formatNumber } from "~/lib/i18n";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { formatDate } from "~/lib/dates";

export interface ChartDay {
  /** YYYY-MM-DD, UTC. */
  day: string;
  signed: number;
  confirmed: number;
}

const WIDTH = 600;
const HEIGHT = 200;

/**
 * Signatures per day as bars drawn on the server: no JavaScript, no chart library. The SVG only
 * draws the bars (confirmed at the bottom, not yet confirmed above); every word is HTML around it,
 * so text stays readable at any width, from a 360px phone up. The SVG stretches to its box
 * (viewBox with preserveAspectRatio="none"), its <title>/<desc> summarize it for screen readers,
 * each bar has a <title> shown on hover, and the <details> table gives every figure as text.
 */
export function SignaturesChart({ days }: { days: ChartDay[] }) {
  const t = useT();
  const language = usePageLanguage();
  const id = useId();
  const n = Math.max(days.length, 1);
  const max = Math.max(1, ...days.map((d) => d.signed));
  const slot = WIDTH / n;
  const gap = Math.min(2, slot * 0.15);
  const total = days.reduce((sum, d) => sum + d.signed, 0);
  const peak = days.reduce<ChartDay | undefined>((best, d) => (!best || d.signed > best.signed ? d : best), undefined);
  const label = (day: string, style: "short" | "long" = "short") => formatDate(day, language, style === "short" ? "dayMonth" : "long");
  const num = (v: number) => formatNumber(v, language);
  const first = days[0]?.day;
  const last = days.at(-1)?.day;
  const description =
    first && last
      ? total > 0 && peak
        ? t("chart.desc", { from: label(first, "long"), to: label(last, "long"), total, peakDay: label(peak.day, "long"), peak: peak.signed })
        : t("chart.descEmpty", { from: label(first, "long"), to: label(last, "long") })
      : t("chart.descEmpty", { from: "", to: "" });

  return (
    <figure className="chart">
      <ul className="chart__legend" aria-hidden="true">
        <li>
          <span className="chart__swatch chart__swatch--confirmed" /> {t("chart.legendConfirmed")}
        </li>
        <li>
          <span className="chart__swatch chart__swatch--pending" /> {t("chart.legendPending")}
        </li>
      </ul>
      {peak && peak.signed > 0 ? <p className="chart__peak">{t("chart.peak", { day: label(peak.day), count: peak.signed })}</p> : null}
      <svg
        className="chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{t("chart.title")}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <rect className="chart__axis" x={0} y={HEIGHT - 1} width={WIDTH} height={1} />
        {days.map((d, i) => {
          const x = i * slot + gap / 2;
          const w = Math.max(slot - gap, 0.5);
          const signedH = (d.signed / max) * (HEIGHT - 4);
          const confirmedH = (d.confirmed / max) * (HEIGHT - 4);
          return (
            <g key={d.day}>
              <title>{t("chart.bar", { day: label(d.day, "long"), signed: d.signed, confirmed: d.confirmed })}</title>
              {/* A transparent full-height target, so the hover title works on empty days too. */}
              <rect x={x} y={0} width={w} height={HEIGHT} fill="transparent" />
              <rect className="chart__bar chart__bar--pending" x={x} y={HEIGHT - 1 - signedH} width={w} height={signedH - confirmedH} />
              <rect className="chart__bar chart__bar--confirmed" x={x} y={HEIGHT - 1 - confirmedH} width={w} height={confirmedH} />
            </g>
          );
        })}
      </svg>
      {first && last ? (
        <figcaption className="chart__axis-labels" aria-hidden="true">
          <span>{label(first)}</span>
          <span>{label(last)}</span>
        </figcaption>
      ) : null}
      <details className="chart__table">
        <summary>{t("chart.table")}</summary>
        <DataTable caption={t("chart.title")}
          columns={[
            { label: t("chart.day") },
            { label: t("chart.signed"), numeric: true },
            { label: t("chart.confirmed"), numeric: true },
          ]}
        >
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">
                <time dateTime={d.day}>{label(d.day, "long")}</time>
              </th>
              <td className="num">{num(d.signed)}</td>
              <td className="num">{num(d.confirmed)}</td>
            </tr>
          ))}
        </DataTable>
      </details>
    </figure>
  );
}
