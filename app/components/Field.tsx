import type { ReactNode } from "react";
import { translateError } from "~/lib/form-errors";
import { useT } from "~/lib/use-translation";

/**
 * A labelled form control with its hint and its error, wired for screen readers: the error is
 * announced with the field (aria-describedby) and the field is marked invalid.
 */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
  className,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  errors?: string[] | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
  className?: string;
}) {
  const t = useT();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["field", className, errorId ? "field--invalid" : ""].filter(Boolean).join(" ")}>
      <label htmlFor={id}>{label}</label>
      <Hint id={hintId} text={hint} />
      {children(describedBy, Boolean(errorId))}
      {errorId ? (
        <p className="error" id={errorId}>
          {errors?.map((e) => translateError(t, e)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A checkbox with its label beside it, the way people expect to click it. */
export function CheckboxField({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field field--checkbox">
      {children(hintId)}
      <label htmlFor={id}>{label}</label>
      <Hint id={hintId} text={hint} />
    </div>
  );
}

function Hint({ id, text }: { id: string | undefined; text: string | undefined }) {
  return text ? (
    <p className="hint" id={id}>
      {text}
    </p>
  ) : null;
}
