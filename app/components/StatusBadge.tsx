import { useT } from "~/lib/use-translation";

/** A campaign's status as organizers see it (a campaign past its closing date shows as closed). */
export function StatusBadge({ status }: { status: "draft" | "open" | "closed" }) {
  const t = useT();
  return <span className={`badge badge--${status}`}>{t(`org.status.${status}`)}</span>;
}
