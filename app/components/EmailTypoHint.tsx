import { useT } from "~/lib/use-translation";

/**
 * "Did you mean rosa@gmail.com?" under the email field.
 *
 * While typing (with JavaScript), a hint whose button puts the suggestion in the field. When the
 * server has held a submission because of it (with or without JavaScript), a question the next
 * press of "Sign" answers: use the suggestion, or keep the address as typed.
 */
export function EmailTypoHint({
  id,
  typed,
  suggestion,
  asked,
  onUse,
}: {
  id: string;
  typed: string;
  suggestion: string;
  /** The server asked: answer with the radio buttons, sent with the form. */
  asked: boolean;
  onUse: () => void;
}) {
  const t = useT();
  if (!asked) {
    return (
      <p className="email-typo" id={id}>
        {t("sign.emailTypo.question", { suggestion })}{" "}
        <button type="button" className="link-button" onClick={onUse}>
          {t("sign.emailTypo.use")}
        </button>
      </p>
    );
  }
  return (
    <fieldset className="email-typo choice-group" id={id}>
      <legend>{t("sign.emailTypo.question", { suggestion })}</legend>
      <div className="field field--checkbox">
        <input type="radio" id={`${id}-use`} name="emailTypo" value="use" />
        <label htmlFor={`${id}-use`}>{t("sign.emailTypo.choiceUse", { suggestion })}</label>
      </div>
      <div className="field field--checkbox">
        <input type="radio" id={`${id}-keep`} name="emailTypo" value="keep" />
        <label htmlFor={`${id}-keep`}>{t("sign.emailTypo.choiceKeep", { typed })}</label>
      </div>
      <p className="hint">{t("sign.emailTypo.thenSign")}</p>
    </fieldset>
  );
}
