import type { ChangeEvent } from "react";
import { translateError } from "~/lib/form-errors";
import { amountInputValue, formatMoney } from "~/lib/money";
import { usePageLanguage, useT } from "~/lib/use-translation";

export interface PledgeFieldOption {
  id: number;
  kind: "money" | "action";
  title: string;
  description: string | null;
  currency: string | null;
  /** Minor units, ascending. */
  suggestedAmounts: number[];
}

/** What the form shows as chosen: the submitted values after an error, else the saved pledges. */
interface EntryValue {
  optionId?: unknown;
  chosen?: unknown;
  preset?: unknown;
  amount?: unknown;
}

/** The saved pledges as the form's default value: a suggested amount ticks its button, any other fills "other amount". */
export function pledgeDefaults(options: PledgeFieldOption[], saved: { optionId: number; amountMinor: number | null }[]) {
  return options.map((o) => {
    const pledge = saved.find((p) => p.optionId === o.id);
    if (!pledge) return { optionId: String(o.id) };
    const text = pledge.amountMinor === null ? undefined : amountInputValue(pledge.amountMinor);
    const suggested = pledge.amountMinor !== null && o.suggestedAmounts.includes(pledge.amountMinor);
    return { optionId: String(o.id), chosen: "on", ...(suggested ? { preset: text } : { amount: text }) };
  });
}

/**
 * The pledge part of a form: one checkbox per option and, for money, the suggested amounts as
 * radio buttons plus an "other amount" field. Plain inputs, so it works without JavaScript; with
 * it, picking or typing an amount ticks the option, and typing clears the suggested choice.
 * Field names follow the schema (`pledges[i].chosen` …), so conform reports errors by them.
 */
export function PledgeFields({
  formId,
  options,
  initialValue,
  allErrors,
  legend,
  intro,
}: {
  formId: string;
  options: PledgeFieldOption[];
  initialValue: unknown;
  allErrors: Record<string, string[] | undefined>;
  legend: string;
  intro: string;
}) {
  const t = useT();
  const language = usePageLanguage();
  if (options.length === 0) return null;
  const entries: EntryValue[] = Array.isArray((initialValue as { pledges?: unknown } | undefined)?.pledges)
    ? ((initialValue as { pledges: EntryValue[] }).pledges ?? [])
    : [];
  const valueOf = (optionId: number) => entries.find((e) => e && String(e.optionId) === String(optionId)) ?? {};
  // Errors about the set of options (one retired meanwhile, a forged id) go at the top.
  const groupErrors = Object.entries(allErrors)
    .filter(([name]) => name === "pledges" || /^pledges\[\d+\](\.(optionId|chosen))?$/.test(name))
    .flatMap(([, errors]) => errors ?? []);
  const groupErrorId = groupErrors.length ? `${formId}-pledges-error` : undefined;

  const tickOption = (event: ChangeEvent<HTMLInputElement>, optionId: number) => {
    const box = event.currentTarget.form?.querySelector<HTMLInputElement>(`#${formId}-pledge-${optionId}`);
    if (box && !box.checked) box.checked = true;
  };

  return (
    <fieldset className="pledge-fields" aria-describedby={[`${formId}-pledges-intro`, groupErrorId].filter(Boolean).join(" ")}>
      <legend>{legend}</legend>
      <p className="hint" id={`${formId}-pledges-intro`}>
        {intro}
      </p>
      {groupErrorId ? (
        <p className="error" id={groupErrorId} role="alert">
          {[...new Set(groupErrors)].map((e) => translateError(t, e)).join(" ")}
        </p>
      ) : null}
      {options.map((o, i) => {
        const value = valueOf(o.id);
        const base = `${formId}-pledge-${o.id}`;
        const name = (field: string) => `pledges[${i}].${field}`;
        const amountErrors = allErrors[name("amount")] ?? [];
        const amountErrorId = amountErrors.length ? `${base}-amount-error` : undefined;
        const currency = o.currency ?? "";
        return (
          <div className="pledge-option" key={o.id}>
            <input type="hidden" name={name("optionId")} value={o.id} />
            <div className="field field--checkbox">
              <input
                type="checkbox"
                id={base}
                name={name("chosen")}
                value="on"
                defaultChecked={value.chosen === "on" || value.chosen === true}
                aria-describedby={o.description ? `${base}-hint` : undefined}
              />
              <label htmlFor={base}>{o.title}</label>
              {o.description ? (
                <p className="hint" id={`${base}-hint`}>
                  {o.description}
                </p>
              ) : null}
            </div>
            {o.kind === "money" ? (
              <fieldset className="pledge-amount" aria-describedby={amountErrorId}>
                <legend className="visually-hidden">{t("pledge.amountLegend", { title: o.title })}</legend>
                {o.suggestedAmounts.length ? (
                  <div className="pledge-presets">
                    {o.suggestedAmounts.map((minor) => {
                      const text = amountInputValue(minor);
                      return (
                        <label className="pledge-preset" key={minor}>
                          <input
                            type="radio"
                            id={`${base}-preset-${minor}`}
                            name={name("preset")}
                            value={text}
                            defaultChecked={value.preset === text}
                            onChange={(event) => {
                              tickOption(event, o.id);
                              const other = event.currentTarget.form?.querySelector<HTMLInputElement>(`#${base}-amount`);
                              if (other) other.value = "";
                            }}
                          />
                          <span>{formatMoney(minor, currency, language)}</span>
                        </label>
                      );
                    })}
                  </div>
                ) : null}
                <div className={["field", amountErrorId ? "field--invalid" : ""].filter(Boolean).join(" ")}>
                  <label htmlFor={`${base}-amount`}>{t("pledge.otherAmount", { currency })}</label>
                  {o.suggestedAmounts.length ? (
                    <p className="hint" id={`${base}-amount-hint`}>
                      {t("pledge.otherAmountHint")}
                    </p>
                  ) : null}
                  <input
                    type="text"
                    id={`${base}-amount`}
                    name={name("amount")}
                    inputMode="decimal"
                    autoComplete="off"
                    maxLength={32}
                    defaultValue={typeof value.amount === "string" ? value.amount : ""}
                    aria-invalid={amountErrorId ? true : undefined}
                    aria-describedby={[o.suggestedAmounts.length ? `${base}-amount-hint` : "", amountErrorId ?? ""].filter(Boolean).join(" ") || undefined}
                    onChange={(event) => {
                      if (event.currentTarget.value.trim() === "") return;
                      tickOption(event, o.id);
                      event.currentTarget.form
                        ?.querySelectorAll<HTMLInputElement>(`input[name="${name("preset")}"]`)
                        .forEach((radio) => (radio.checked = false));
                    }}
                  />
                  {amountErrorId ? (
                    <p className="error" id={amountErrorId}>
                      {amountErrors.map((e) => translateError(t, e)).join(" ")}
                    </p>
                  ) : null}
                </div>
              </fieldset>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
