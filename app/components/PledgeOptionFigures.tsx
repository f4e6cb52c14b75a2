import { ProgressFill } from "./Thermometer";
import { formatMoney } from "~/lib/money";
import { usePageLanguage, useT } from "~/lib/use-translation";

/** What an organizer page needs of an option to show its figures (no personal data). */
export interface OptionFigures {
  id: number;
  kind: "money" | "action";
  title: string;
  currency: string | null;
  goal: number | null;
  retired: boolean;
  totals: { pledgers: number; amountMinor: number; fulfilledPledgers: number; fulfilledAmountMinor: number };
}

/** "CA$1,250 · 12 people" for money, "34 people" for an action: pledged or fulfilled. */
export function OptionAmount({ option, which }: { option: OptionFigures; which: "pledged" | "fulfilled" }) {
  const t = useT();
  const language = usePageLanguage();
  const people = which === "pledged" ? option.totals.pledgers : option.totals.fulfilledPledgers;
  const minor = which === "pledged" ? option.totals.amountMinor : option.totals.fulfilledAmountMinor;
  const peopleText = t("pledgesAdmin.people", { count: people });
  if (option.kind === "money" && option.currency) {
    return (
      <>
        <strong data-testid={`${which}-amount-${option.id}`}>{formatMoney(minor, option.currency, language)}</strong>
        <span className="muted"> · {peopleText}</span>
      </>
    );
  }
  return <strong data-testid={`${which}-amount-${option.id}`}>{peopleText}</strong>;
}

/** The option's goal in its unit, with a bar of how much is pledged toward it. */
export function OptionGoal({ option }: { option: OptionFigures }) {
  const t = useT();
  const language = usePageLanguage();
  if (option.goal === null) return <span className="muted">{t("pledgesAdmin.noGoal")}</span>;
  const reached = option.kind === "money" ? option.totals.amountMinor : option.totals.pledgers;
  const percent = Math.min(100, Math.floor((reached / option.goal) * 100));
  const goalText =
    option.kind === "money" && option.currency
      ? formatMoney(option.goal, option.currency, language)
      : t("pledgesAdmin.people", { count: option.goal });
  return (
    <div className="option-goal">
      <span>{goalText}</span>
      <div
        className="thermometer__track"
        role="progressbar"
        aria-label={option.title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t("pledgesAdmin.ofGoal", { percent })}
      >
        <ProgressFill percent={percent} />
      </div>
    </div>
  );
}

/** The option's title with its kind and, when retired, a badge saying so. */
export function OptionTitle({ option }: { option: OptionFigures }) {
  const t = useT();
  return (
    <>
      {option.title} <span className="badge">{t(`pledgesAdmin.kind.${option.kind}`)}</span>
      {option.retired ? <span className="badge badge--removed">{t("pledgesAdmin.retiredBadge")}</span> : null}
    </>
  );
}

/** The option's row cells in a figures table: title, pledged, fulfilled, goal. */
export function OptionFigureCells({ option }: { option: OptionFigures }) {
  const t = useT();
  return (
    <>
      <th scope="row">
        <OptionTitle option={option} />
      </th>
      <td data-label={t("pledgesAdmin.col.pledged")}>
        <OptionAmount option={option} which="pledged" />
      </td>
      <td data-label={t("pledgesAdmin.col.fulfilled")}>
        <OptionAmount option={option} which="fulfilled" />
      </td>
      <td data-label={t("pledgesAdmin.col.goal")}>
        <OptionGoal option={option} />
      </td>
    </>
  );
}
