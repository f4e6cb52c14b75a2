import { formatNumber } from "~/lib/i18n";
import { usePageLanguage, useT } from "~/lib/use-translation";

/** Confirmed signatures against the goal, as a bar and in words (the words are what is announced). */
export function Thermometer({ count, goal }: { count: number; goal: number }) {
  const t = useT();
  const language = usePageLanguage();
  const percent = Math.min(100, Math.round((count / Math.max(goal, 1)) * 100));
  return (
    <div className="thermometer">
      <p className="thermometer__figures">
        <strong data-testid="signature-count">{formatNumber(count, language)}</strong>{" "}
        {t("campaign.signatures", { count: "", goal: formatNumber(goal, language) }).trim()}
      </p>
      <div
        className="thermometer__track"
        role="progressbar"
        aria-label={t("campaign.progressLabel", { goal: formatNumber(goal, language) })}
        aria-valuemin={0}
        aria-valuemax={goal}
        aria-valuenow={count}
        aria-valuetext={t("campaign.signatures", { count: formatNumber(count, language), goal: formatNumber(goal, language) })}
      >
        <div className="thermometer__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
