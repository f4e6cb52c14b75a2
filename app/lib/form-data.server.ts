/**
 * The submitted form. A body no browser form would send (another Content-Type, a broken
 * multipart body, a dropped upload) is the client's mistake: a 400, never a 500. A Response the
 * reader throws on purpose (a 413 for an oversized upload) passes through.
 */
export async function readFormData(request: Request, read: (request: Request) => Promise<FormData> = (r) => r.formData()): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await read(request);
  } catch (error) {
    if (error instanceof Response) throw error;
    throw badRequest("The request body is not a form.");
  }
  if (!isPlausibleForm(formData)) throw badRequest("The form has fields no page of ours sends.");
  return formData;
}

/** No form of ours has more fields than this, or lists with more entries. */
export const MAX_FORM_FIELDS = 500;
export const MAX_LIST_INDEX = 99;

/**
 * Field names like "pledges[100000000].optionId" make the form parser build an array of that
 * length (and echo it back in the error reply): a few bytes that cost the server gigabytes. Such
 * forms are refused before any parsing.
 */
export function isPlausibleForm(formData: FormData): boolean {
  let count = 0;
  for (const name of formData.keys()) {
    if (++count > MAX_FORM_FIELDS) return false;
    for (const match of name.matchAll(/\[(\d+)\]/g)) {
      if (match[1]!.length > 2 || Number(match[1]) > MAX_LIST_INDEX) return false;
    }
  }
  return true;
}

function badRequest(message: string): Response {
  return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
