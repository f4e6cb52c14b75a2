import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useRef, useState } from "react";
import { translateError } from "~/lib/form-errors";
import { useT } from "~/lib/use-translation";
import { Field } from "./Field";

/** A labelled text, email or password input bound to a conform field, its error beside it. */
export function InputField({
  field,
  label,
  type,
  hint,
  autoComplete,
  autoFocus,
  clearOn,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  type: "text" | "email" | "password";
  hint?: string;
  autoComplete?: string;
  autoFocus?: boolean;
  /** A new value (e.g. the next action result) empties the input: passwords are never kept. */
  clearOn?: unknown;
}) {
  const generation = useChangeCount(clearOn);
  const { key, ...props } = getInputProps(field, { type });
  return (
    <Field id={field.id} label={label} hint={hint} errors={field.errors}>
      {(describedBy) => (
        <input
          // Conform's key remounts on form reset; ours on each new result, to empty the input.
          key={`${key ?? ""}:${generation}`}
          {...props}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          aria-describedby={describedBy}
          {...(type === "email" ? { inputMode: "email" as const, spellCheck: false, autoCapitalize: "none" } : {})}
        />
      )}
    </Field>
  );
}

function useChangeCount(value: unknown): number {
  const [count, setCount] = useState(0);
  const previous = useRef(value);
  useEffect(() => {
    if (previous.current === value) return;
    previous.current = value;
    setCount((c) => c + 1);
  }, [value]);
  return count;
}

/** Errors about the whole form (throttling, a stale link), announced when they appear. */
export function FormErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <p className="form-error" role="alert" id={id}>
      {errors.map((e) => translateError(t, e)).join(" ")}
    </p>
  );
}
