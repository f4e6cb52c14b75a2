/** The row header of a signer in an organizer table: their name, and a badge once removed as spam. */
export function SignerNameCell({ name, removed, removedLabel }: { name: string; removed: boolean; removedLabel: string }) {
  return (
    <th scope="row">
      {name}
      {removed ? <span className="badge badge--removed">{removedLabel}</span> : null}
    </th>
  );
}
