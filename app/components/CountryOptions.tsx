/** A country list's options, after a first empty choice ("Choose…", "Every country"). */
export function CountryOptions({ countries, empty }: { countries: { code: string; name: string }[]; empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {countries.map((c) => (
        <option key={c.code} value={c.code}>
          {c.name}
        </option>
      ))}
    </>
  );
}
