/** The campaign text as paragraphs. Plain text only: nothing in it is ever treated as HTML. */
export function CampaignBody({ body }: { body: string }) {
  return (
    <div className="campaign__body">
      {body
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </div>
  );
}
