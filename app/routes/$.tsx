import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";

/** Any address no other route claims: a real 404 with the friendly page. */
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
