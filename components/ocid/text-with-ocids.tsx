import { splitOcids } from '@/server/domain/ocid';

/** Text with each OCID in its short form ("...x7k2qa"); the full OCID is its title and what copying selects. */
export function TextWithOcids({ text }: { text: string }) {
  return (
    <>
      {splitOcids(text).map((p, i) =>
        p.kind === 'text' ? (
          p.text
        ) : (
          <abbr key={i} title={p.ocid} className="no-underline">
            {p.short}
          </abbr>
        ),
      )}
    </>
  );
}
