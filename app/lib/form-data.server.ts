/**
 * The submitted form. A body no browser form would send (another Content-Type, a broken
 * multipart body, a dropped upload) is the client's mistake: a 400, never a 500. A Response the
 * reader throws on purpose (a 413 for an oversized upload) passes through.
 */
export async function readFormData(request: Request, read: (request: Request) => Promise<FormData> = (r) => r.formData()): Promise<FormData> {
  try {
    return await read(request);
  } catch (error) {
    if (error instanceof Response) throw error;
    throw new Response("The request body is not a form.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
