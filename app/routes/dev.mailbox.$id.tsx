import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDevMessage, requireDevMailbox } from "~/lib/dev-mailbox.server";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { formatDateTime } from "~/lib/dates";

export const meta: MetaFunction = () => [{ title: "Dev mailbox · Picket" }, { name: "robots", content: "noindex" }];

export async function loader({ context, params }: LoaderFunctionArgs) {
  const message = await getDevMessage(requireDevMailbox(context.runtime), params.id);
  if (!message) throw new Response("Not found", { status: 404 });
  // The HTML is served to the frame by dev.mailbox.$id.html.ts.
  const { html: _html, ...shown } = message;
  return { message: { ...shown, createdAt: message.createdAt.toISOString() } };
}

export default function DevMessage() {
  const { message } = useLoaderData<typeof loader>();
  const t = useT();
  const language = usePageLanguage();
  return (
    <section aria-labelledby="message-title">
      <p>
        <Link to="/dev/mailbox">← {t("mailbox.back")}</Link>
      </p>
      <h1 id="message-title">{message.subject}</h1>
      <dl className="meta-list">
        <dt>{t("mailbox.to")}</dt>
        <dd>{message.to}</dd>
        <dt>{t("mailbox.date")}</dt>
        <dd>{formatDateTime(message.createdAt, language, { seconds: true })}</dd>
      </dl>
      {/* Sandboxed: the email's HTML cannot run scripts; its links open in a new tab. */}
      <iframe
        title={message.subject}
        className="mail-frame"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        src={`/dev/mailbox/${message.id}/html`}
      />
      <details>
        <summary>{t("mailbox.plainText")}</summary>
        <pre className="mail-text">{message.text}</pre>
      </details>
    </section>
  );
}
