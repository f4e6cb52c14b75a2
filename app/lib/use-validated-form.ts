import { useForm, type FormMetadata } from "@conform-to/react";
import { useEffect, useRef } from "react";

/**
 * Conform's `useForm`, with two behaviours every Picket form needs so that a press is never lost:
 *
 * - **Errors clear as soon as the field is valid.** Conform revalidates a field on input only once
 *   that field has been validated, and a radio group or checkbox left empty is never in the failed
 *   submission, so picking an amount left "Choose or enter an amount" on screen until the next
 *   blur. While errors are shown, a choice (checkbox, radio, select) validates at once.
 * - **Nothing moves between press and release.** Pressing a button blurs the field that had focus;
 *   validating on that blur can add or remove an error and move the button from under the pointer,
 *   so the release lands elsewhere and the press submits nothing. While a button of the form is
 *   pressed, the field's blur is held, and handed to Conform after the click (which, for a submit,
 *   has validated the whole form anyway).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same bound as Conform's useForm
export function useValidatedForm<Schema extends Record<string, any>, FormValue = Schema, FormError = string[]>(
  options: Parameters<typeof useForm<Schema, FormValue, FormError>>[0],
): ReturnType<typeof useForm<Schema, FormValue, FormError>> {
  const result = useForm<Schema, FormValue, FormError>(options);
  usePressSafeValidation(result[0]);
  return result;
}

/** After the click that ends a press, Conform sees the held blur; this long at most if no click comes. */
const RELEASE_FALLBACK_MS = 800;

function usePressSafeValidation<Schema extends Record<string, any>, FormError>(form: FormMetadata<Schema, FormError>) {
  const latest = useRef(form);
  latest.current = form;
  const formId = form.id;

  useEffect(() => {
    const formElement = () => document.getElementById(formId) as HTMLFormElement | null;
    const inThisForm = (target: EventTarget | null): target is Element => {
      const element = formElement();
      return element !== null && target instanceof Element && element.contains(target);
    };

    let pressing = false;
    let held: Element | null = null;
    let fallback: ReturnType<typeof setTimeout> | undefined;

    const release = () => {
      clearTimeout(fallback);
      if (!pressing) return;
      pressing = false;
      const target = held;
      held = null;
      // A task later: the click's own handlers (the submit and its validation) run first.
      if (target) setTimeout(() => target.isConnected && target.dispatchEvent(new FocusEvent("focusout", { bubbles: true })), 0);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!inThisForm(event.target) || !event.target.closest("button")) return;
      clearTimeout(fallback);
      pressing = true;
    };
    const onPointerUp = () => {
      // A tap moves focus (and clicks) only after the finger lifts: wait for the click.
      if (pressing) fallback = setTimeout(release, RELEASE_FALLBACK_MS);
    };
    const onFocusOut = (event: FocusEvent) => {
      if (!pressing || !event.isTrusted || !inThisForm(event.target) || event.target.closest("button")) return;
      event.stopPropagation();
      held = event.target;
    };
    const onChoice = (event: Event) => {
      const target = event.target;
      if (!inThisForm(target) || Object.keys(latest.current.allErrors).length === 0) return;
      const isChoice =
        target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio"));
      if (isChoice && target.name) latest.current.validate({ name: target.name });
    };

    // Every listener goes with one abort when the form unmounts.
    const listening = new AbortController();
    const capture = { capture: true, signal: listening.signal };
    window.addEventListener("pointerdown", onPointerDown, capture);
    window.addEventListener("pointerup", onPointerUp, capture);
    window.addEventListener("pointercancel", release, capture);
    window.addEventListener("click", release, capture);
    window.addEventListener("focusout", onFocusOut, capture);
    document.addEventListener("change", onChoice, { signal: listening.signal });
    return () => {
      clearTimeout(fallback);
      listening.abort();
    };
  }, [formId]);
}
