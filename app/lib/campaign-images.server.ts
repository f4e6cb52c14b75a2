import { unstable_parseMultipartFormData } from "@remix-run/node";
import { readFormData } from "./form-data.server";
import { and, eq, inArray } from "drizzle-orm";
import { campaignImages, campaigns, type Campaign } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import { IMAGE_MAX_BYTES, type ImageType } from "./campaign-schema";

/**
 * Header images uploaded by organizers live in the database (docs/decisions/004-campaign-images.md),
 * so any instance can serve them. Their type is decided from their first bytes, never from what
 * the browser declared: a file named .png may be anything.
 */
export const UPLOADED_IMAGE = "upload";

export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  // RIFF....WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

export interface ImageUpload {
  contentType: ImageType;
  bytes: Buffer;
}

/** Reads an uploaded file; null when its bytes are not a PNG, JPEG or WebP image (or it is too big). */
export async function readImageUpload(file: File): Promise<ImageUpload | null> {
  if (file.size > IMAGE_MAX_BYTES) return null;
  const bytes = Buffer.from(await file.arrayBuffer());
  const contentType = sniffImageType(bytes);
  return contentType ? { contentType, bytes } : null;
}

export async function storeCampaignImage(db: Executor, campaignId: number, image: ImageUpload): Promise<void> {
  await db
    .insert(campaignImages)
    .values({ campaignId, contentType: image.contentType, bytes: image.bytes })
    .onConflictDoUpdate({
      target: campaignImages.campaignId,
      set: { contentType: image.contentType, bytes: image.bytes, createdAt: new Date() },
    });
}

export async function deleteCampaignImage(db: Executor, campaignId: number): Promise<void> {
  await db.delete(campaignImages).where(eq(campaignImages.campaignId, campaignId));
}

/** The stored image of a campaign that uses an upload, with what the image route needs to decide access. */
export async function findCampaignImage(db: Executor, slug: string) {
  const [row] = await db
    .select({
      campaignId: campaigns.id,
      groupId: campaigns.groupId,
      status: campaigns.status,
      contentType: campaignImages.contentType,
      bytes: campaignImages.bytes,
      updatedAt: campaigns.updatedAt,
    })
    .from(campaigns)
    .innerJoin(campaignImages, eq(campaignImages.campaignId, campaigns.id))
    .where(and(eq(campaigns.slug, slug), eq(campaigns.imageUrl, UPLOADED_IMAGE), inArray(campaigns.status, ["draft", "open", "closed"])))
    .limit(1);
  return row ?? null;
}

/**
 * Where the page loads the header image from: the organizer's https URL, or the image route for
 * an upload, versioned by the campaign's last change so a new upload is not hidden by caches.
 */
export function campaignImageSrc(campaign: Pick<Campaign, "slug" | "imageUrl" | "updatedAt">): string | null {
  if (!campaign.imageUrl) return null;
  if (campaign.imageUrl === UPLOADED_IMAGE) return `/c/${campaign.slug}/image?v=${campaign.updatedAt.getTime()}`;
  return campaign.imageUrl;
}

/** The campaign forms' body: text fields, and at most one image of IMAGE_MAX_BYTES. */
export const CAMPAIGN_FORM_MAX_BYTES = IMAGE_MAX_BYTES + 256 * 1024;

/**
 * Reads a campaign form, multipart (with an image) or not. Parts are read in memory with a size
 * cap, so a body sent without Content-Length (which server/index.ts cannot refuse up front) is
 * still bounded. An image over the limit is dropped and reported, keeping the other fields so the
 * form comes back filled in.
 */
export async function readCampaignForm(request: Request): Promise<{ formData: FormData; imageTooBig: boolean }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { formData: await readFormData(request), imageTooBig: false };
  let imageTooBig = false;
  let total = 0;
  const formData = await readFormData(request, (r) => unstable_parseMultipartFormData(r, async ({ filename, contentType, data }) => {
    const chunks: BlobPart[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      total += chunk.byteLength;
      // Past the limit the rest of an oversized part is read and dropped, up to a hard cap.
      if (total > 2 * CAMPAIGN_FORM_MAX_BYTES) throw new Response("Request too large", { status: 413 });
      if (size <= IMAGE_MAX_BYTES) chunks.push(chunk as Uint8Array<ArrayBuffer>);
    }
    if (size > IMAGE_MAX_BYTES) {
      if (typeof filename === "string") imageTooBig = true;
      return undefined;
    }
    if (typeof filename === "string") return new File(chunks, filename, { type: contentType });
    return new Blob(chunks).text();
  }));
  return { formData, imageTooBig };
}
