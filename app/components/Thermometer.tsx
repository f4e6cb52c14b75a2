import { Fragment } from "react";
import { useT } from "~/lib/use-translation";

/**
 * A bar toward a goal, announced in words (`valueText`) rather than as a bare number. Shared by
 * the signature count and the pledge totals.
 */
export function ProgressTrack({ value, goal, label, valueText }: { value: number; goal: number; label: string; valueText: string }) {
  const percent = Math.max(0, Math.min(100, Math.round((value / Math.max(goal, 1)) * 100)));
  return (
    <div
      className="thermometer__track"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={goal}
      aria-valuenow={Math.min(value, goal)}
      aria-valuetext={valueText}
    >
      <ProgressFill percent={percent} />
    </div>
  );
}

/**
 * The filled part of a bar: an SVG rectangle whose width is an attribute, because the
 * Content-Security-Policy (server/security-headers.ts) refuses inline style attributes. A sliver
 * shows even at 0%, so the bar reads as a bar.
 */
export function ProgressFill({ percent }: { percent: number }) {
  return (
    <svg className="thermometer__fill" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect width={Math.max(1, Math.min(100, percent))} height="1" />
    </svg>
  );
}

/** Confirmed signatures against the goal, as a bar and in words (the words are what is announced). */
export function Thermometer({ count, goal }: { count: number; goal: number }) {
  const t = useT();
  return (
    <div className="thermometer">
      <p className="thermometer__figures">
        {/* The count in bold wherever the language puts it ("12 of 1,000", "12 signatures sur 1 000"). */}
        {t.parts("campaign.signatures", { count, goal }).map((part, i) =>
          typeof part === "string" ? (
            part
          ) : part.variable === "count" ? (
            <strong key={i} data-testid="signature-count">
              {part.text}
            </strong>
          ) : (
            <Fragment key={i}>{part.text}</Fragment>
          ),
        )}
      </p>
      <ProgressTrack
        value={count}
        goal={goal}
        label={t("campaign.progressLabel", { goal })}
        valueText={t("campaign.signatures", { count, goal })}
      />
    </div>
  );
}
