import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { CountryOptions } from "~/components/CountryOptions";
import { Field } from "~/components/Field";
import { useT } from "~/lib/use-translation";

type TextField = FieldMetadata<string | undefined, Record<string, unknown>, string[]>;

/** A country picker whose first, empty choice says what leaving it means ("Any country", "Choose…"). */
export function CountrySelect({
  field,
  countries,
  placeholder,
  describedBy,
  autoComplete,
}: {
  field: TextField;
  countries: { code: string; name: string }[];
  placeholder: string;
  describedBy: string | undefined;
  autoComplete?: string;
}) {
  return (
    <select {...getSelectProps(field)} autoComplete={autoComplete} aria-describedby={describedBy}>
      <CountryOptions countries={countries} empty={placeholder} />
    </select>
  );
}

/**
 * The country and "signed between" filters shared by the signer list and the export. The
 * caller shows the dates hint (UTC days, both included) under the id it passes as `datesHintId`.
 */
export function CountryDateFields({
  country,
  from,
  to,
  countries,
  datesHintId,
}: {
  country: TextField;
  from: TextField;
  to: TextField;
  countries: { code: string; name: string }[];
  datesHintId: string;
}) {
  const t = useT();
  const withHint = (describedBy: string | undefined) => [describedBy, datesHintId].filter(Boolean).join(" ");
  return (
    <>
      <Field id={country.id} label={t("signers.country")} errors={country.errors}>
        {(describedBy) => <CountrySelect field={country} countries={countries} placeholder={t("signers.anyCountry")} describedBy={describedBy} />}
      </Field>
      <Field id={from.id} label={t("signers.from")} errors={from.errors}>
        {(describedBy) => <input {...getInputProps(from, { type: "date" })} aria-describedby={withHint(describedBy)} />}
      </Field>
      <Field id={to.id} label={t("signers.to")} errors={to.errors}>
        {(describedBy) => <input {...getInputProps(to, { type: "date" })} aria-describedby={withHint(describedBy)} />}
      </Field>
    </>
  );
}
