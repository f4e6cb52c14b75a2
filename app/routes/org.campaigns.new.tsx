import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CampaignForm } from "~/components/CampaignForm";
import { OrgErrorBoundary } from "~/components/OrgErrorBoundary";
import { OrgShell } from "~/components/OrgShell";
import { requireGroupRole, requireOrganizer } from "~/lib/access.server";
import { createCampaignDraft, EDITOR_ROLE, groupsForNewCampaign } from "~/lib/campaign-admin.server";
import { readCampaignForm, readImageUpload } from "~/lib/campaign-images.server";
import { campaignSchema, type CampaignSchemaOptions } from "~/lib/campaign-schema";
import { translator } from "~/lib/i18n";
import { useT } from "~/lib/use-translation";
import { parseId } from "~/lib/text-rules";
import { parseForm } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [{ title: `${translator("en")("campaignForm.newTitle")} · Picket` }, { name: "robots", content: "noindex" }];

async function creatableGroups(request: Request, context: LoaderFunctionArgs["context"]) {
  const organizer = await requireOrganizer(request, context);
  const groups = await groupsForNewCampaign(context.runtime.db, organizer.id);
  // Viewers (and organizers without a group) cannot create campaigns.
  if (groups.length === 0) throw new Response("Forbidden", { status: 403 });
  return { organizer, groups };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { organizer, groups } = await creatableGroups(request, context);
  const options: CampaignSchemaOptions = { mode: "create", groupIds: groups.map((g) => g.id) };
  return { organizerName: organizer.name, groups, options };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { groups } = await creatableGroups(request, context);
  const { formData, imageTooBig } = await readCampaignForm(request);
  // The group named in the form decides access: outside it 404, a viewer in it 403.
  const groupId = parseId(formData.get("groupId"));
  const { organizer } = groupId ? await requireGroupRole(request, context, groupId, EDITOR_ROLE) : { organizer: null };
  const schema = campaignSchema({ mode: "create", groupIds: groups.map((g) => g.id) });
  const submission = parseForm(formData, { schema });
  const hideFields = ["imageFile"];
  if (imageTooBig) {
    return data({ result: submission.reply({ fieldErrors: { imageFile: ["campaignForm.errors.imageTooBig:2"] }, hideFields }) }, { status: 400 });
  }
  if (submission.status !== "success" || !organizer) {
    return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  }
  const image = submission.value.imageFile ? await readImageUpload(submission.value.imageFile) : undefined;
  if (image === null) {
    return data({ result: submission.reply({ fieldErrors: { imageFile: ["campaignForm.errors.imageType"] }, hideFields }) }, { status: 400 });
  }
  const saved = await createCampaignDraft(context.runtime.db, {
    actorId: organizer.id,
    groupId: submission.value.groupId as number,
    value: submission.value,
    image,
  });
  if (saved.status === "slug-taken") {
    return data({ result: submission.reply({ fieldErrors: { slug: ["campaignForm.errors.slugTaken"] }, hideFields }) }, { status: 409 });
  }
  return redirect(`/org/c/${saved.campaign.slug}/edit?done=created`);
}

export default function NewCampaignPage() {
  const { organizerName, groups, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <OrgShell organizerName={organizerName} title={t("campaignForm.newTitle")} breadcrumbs={[{ to: "/org/campaigns/new", label: t("org.newCampaign") }]}>
      <CampaignForm
        id="new-campaign"
        lastResult={actionData?.result}
        options={options}
        groups={groups}
        defaultValue={{ groupId: groups.length === 1 ? String(groups[0]!.id) : "", goal: "1000", language: "en", requireConfirmation: "on" }}
        submitLabel={t("campaignForm.create")}
      />
    </OrgShell>
  );
}

export function ErrorBoundary() {
  return <OrgErrorBoundary title="campaignForm.forbidden.title" body="campaignForm.forbidden.body" />;
}
