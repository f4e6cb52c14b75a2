import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { listDevMessages, requireDevMailbox } from "~/lib/dev-mailbox.server";
import { usePageLanguage, useT } from "~/lib/use-translation";
import { formatDateTime } from "~/lib/dates";

export const meta: MetaFunction = () => [{ title: "Dev mailbox · Picket" }, { name: "robots", content: "noindex" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const messages = await listDevMessages(requireDevMailbox(context.runtime));
  return { messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
}

export default function DevMailbox() {
  const { messages } = useLoaderData<typeof loader>();
  const t = useT();
  const language = usePageLanguage();
  return (
    <section aria-labelledby="mailbox-title">
      <h1 id="mailbox-title">{t("mailbox.title")}</h1>
      <p className="lead">{t("mailbox.intro")}</p>
      {messages.length === 0 ? (
        <p>{t("mailbox.empty")}</p>
      ) : (
        <DataTable columns={[{ label: t("mailbox.date") }, { label: t("mailbox.to") }, { label: t("mailbox.subject") }]}>
          {messages.map((m) => (
            <tr key={m.id}>
              <td>{formatDateTime(m.createdAt, language, { seconds: true })}</td>
              <td>{m.to}</td>
              <td>
                <Link to={`/dev/mailbox/${m.id}`}>{m.subject}</Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
