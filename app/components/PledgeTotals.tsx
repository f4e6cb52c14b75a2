import { formatMoney } from "~/lib/money";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { ProgressTrack } from "./Thermometer";

export interface PledgeTotal {
  id: number;
  kind: "money" | "action";
  title: string;
  description: string | null;
  currency: string | null;
  goal: number | null;
  pledgers: number;
  amountMinor: number;
}

/**
 * Each pledge option with what confirmed supporters have pledged to it: money in the option's own
 * currency (totals in different currencies are never added up), actions as people, and a bar
 * toward the option's goal when it has one.
 */
export function PledgeTotals({ options, headingLevel = 2 }: { options: PledgeTotal[]; headingLevel?: 2 | 3 }) {
  const t = useT();
  const language = usePageLanguage();
  if (options.length === 0) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const people = (n: number) => t("pledge.people", { count: n });
  return (
    <section className="pledge-totals" aria-labelledby="pledge-totals-heading">
      <Heading id="pledge-totals-heading">{t("pledge.totalsHeading")}</Heading>
      <ul>
        {options.map((o) => {
          const money = o.kind === "money" && o.currency !== null;
          const currency = o.currency ?? "";
          const total = money
            ? t("pledge.moneyTotal", { amount: formatMoney(o.amountMinor, currency, language), people: people(o.pledgers) })
            : t("pledge.actionTotal", { people: people(o.pledgers) });
          return (
            <li key={o.id} className="pledge-total" data-testid={`pledge-total-${o.id}`}>
              <p className="pledge-total__title">{o.title}</p>
              <p className="pledge-total__figures">
                <strong data-testid="pledge-total-figure">{total}</strong>
                {o.goal ? (
                  <>
                    {" · "}
                    <span className="muted">
                      {money
                        ? t("pledge.moneyGoal", { amount: formatMoney(o.goal, currency, language) })
                        : t("pledge.actionGoal", { goal: o.goal })}
                    </span>
                  </>
                ) : null}
              </p>
              {o.goal ? (
                <ProgressTrack
                  value={money ? o.amountMinor : o.pledgers}
                  goal={o.goal}
                  label={t("pledge.progressLabel", { title: o.title })}
                  valueText={
                    money
                      ? t("pledge.progressMoney", { amount: formatMoney(o.amountMinor, currency, language), goalAmount: formatMoney(o.goal, currency, language) })
                      : t("pledge.progressAction", { count: o.pledgers, goal: o.goal })
                  }
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
