/** Where a suggestion's support lies: characters of a note section, or a field of the appointment record. */
export type Evidence =
  | { kind: 'note'; section: string; start: number; end: number; quote: string }
  | { kind: 'appointment'; field: string; value: string };

/** The text a suggestion is computed from: a stored note's sections, or text supplied directly (one section). */
export interface CodingDocument {
  sections: Readonly<Record<string, string>>;
}

export interface Clause {
  section: string;
  /** Offset of the clause in its section. */
  start: number;
  text: string;
}

/** Splits every section into clauses, the unit negation and qualifiers are read in. */
export function clausesOf(doc: CodingDocument): Clause[] {
  const out: Clause[] = [];
  for (const [section, text] of Object.entries(doc.sections)) {
    const re = /[^.;\n]+/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // A dot inside a code (F33.1) or a number (1.5) does not end a clause: glue such pieces back together.
      const previous = out.at(-1);
      const glued =
        previous &&
        previous.section === section &&
        m.index === previous.start + previous.text.length + 1 &&
        /[A-Z0-9]$/i.test(previous.text) &&
        /^[0-9A-Z]/.test(m[0]) &&
        text[m.index - 1] === '.';
      if (glued) previous.text = text.slice(previous.start, m.index + m[0].length);
      else out.push({ section, start: m.index, text: m[0] });
    }
  }
  return out;
}

export function spanIn(clause: Clause, start: number, end: number): Evidence {
  return {
    kind: 'note',
    section: clause.section,
    start: clause.start + start,
    end: clause.start + end,
    quote: clause.text.slice(start, end),
  };
}
