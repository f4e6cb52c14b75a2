import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * A button that posts a small form of hidden fields (an intent and the id it acts on): row
 * actions in the organizer tables. A plain form post, so it works without JavaScript.
 */
export function PostButton({
  fields,
  action,
  className = "button button--small",
  label,
  disabled,
  formClassName,
  children,
}: {
  fields: Record<string, string | number>;
  action?: string;
  className?: string;
  /** An accessible name when the visible text alone would not say which row it acts on. */
  label?: string;
  disabled?: boolean;
  /** For a button that sits in a line of text. */
  formClassName?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" action={action} preventScrollReset className={formClassName}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} disabled={disabled} aria-label={label}>
        {children}
      </button>
    </Form>
  );
}
