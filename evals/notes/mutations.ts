/**
 * Mutations that turn a grounded note into one with exactly one unsupported statement, by kind. Each either edits
 * a statement that has the right material (a dose, a day, a negation, a hedge) or appends a new statement; it
 * returns null when it does not apply to that note.
 */

export const MUTATION_KINDS = [
  'new_medication',
  'changed_dose',
  'invented_score',
  'negation_flip',
  'invented_diagnosis',
  'wrong_date',
  'invented_person',
  'invented_quote',
  'certainty_inflation',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutated {
  sections: Record<string, string>;
  section: string;
  /** The line (statement) that carries the mutation. */
  line: number;
  text: string;
}

type Sections = Readonly<Record<string, string>>;
const has = (source: string, word: string) => new RegExp(`\\b${word}\\b`, 'i').test(source);
const firstAbsent = (source: string, options: string[]) => options.find((o) => !has(source, o.split(' ')[0] ?? o));

/** Appends a statement to the section with the most content (the fullest section is where a reader looks first). */
function append(sections: Sections, text: string): Mutated {
  const [section] = Object.entries(sections).sort((a, b) => b[1].length - a[1].length)[0] ?? ['', ''];
  const lines = (sections[section] ?? '').split('\n');
  return { sections: { ...sections, [section]: [...lines, text].join('\n') }, section, line: lines.length, text };
}

/** Replaces the first statement (skipping markers and the session line) for which `edit` returns a change. */
function edit(sections: Sections, change: (line: string) => string | null): Mutated | null {
  for (const [section, text] of Object.entries(sections)) {
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (line.startsWith('[') || line.startsWith('Session:')) continue;
      const next = change(line);
      if (next === null || next === line) continue;
      const copy = [...lines];
      copy[i] = next;
      return { sections: { ...sections, [section]: copy.join('\n') }, section, line: i, text: next };
    }
  }
  return null;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function mutate(kind: MutationKind, sections: Sections, source: string): Mutated | null {
  switch (kind) {
    case 'new_medication': {
      const med = firstAbsent(source, ['bupropion', 'quetiapine', 'clonazepam', 'aripiprazole', 'hydroxyzine']);
      return med ? append(sections, `Client: I started taking ${med} last week.`) : null;
    }
    case 'changed_dose':
      return edit(sections, (line) => {
        const m = /\b(\d+(?:\.\d+)?)(\s?(?:mg|milligrams))\b/i.exec(line);
        return m ? line.replace(m[0], `${Number(m[1]) * 2}${m[2]}`) : null;
      });
    case 'invented_score': {
      const score = ['23', '26', '19', '17'].find((n) => !has(source, n));
      return score ? append(sections, `Client: My PHQ-9 score this week was ${score}.`) : null;
    }
    case 'negation_flip':
      return edit(sections, (line) => {
        if (line.startsWith('Risk screen')) return line.replace(/Client: No\b[.,]?/, 'Client: Yes,');
        const flips: Array<[RegExp, string]> = [
          [/\b(have|has|had|did|do|does|was|is|would|could|can)n't\b/i, '$1'],
          [/\b(have|has|had|did|do|does|was|is) not\b/i, '$1'],
          [/\bdenied\b/i, 'reported'],
          [/\bnever\b/i, 'often'],
          [/\b(I|she|he|we|they) (did|was|have|had|am|is) /, '$1 $2 not '],
        ];
        for (const [pattern, replacement] of flips) if (pattern.test(line)) return line.replace(pattern, replacement);
        return null;
      });
    case 'invented_diagnosis': {
      const dx = firstAbsent(source, ['borderline personality disorder (F60.3)', 'bipolar II disorder (F31.81)']);
      return dx ? append(sections, `Clinician: Symptoms meet criteria for ${dx}.`) : null;
    }
    case 'wrong_date': {
      const edited = edit(sections, (line) => {
        const day = WEEKDAYS.find((d) => line.includes(d));
        if (!day) return null;
        const other = WEEKDAYS.find((d) => d !== day && !line.includes(d)) ?? 'Sunday';
        return line.replace(day, other);
      });
      if (edited) return edited;
      const absent = WEEKDAYS.find((d) => !has(source, d));
      return absent ? append(sections, `Clinician: We will meet again on ${absent} at 9.`) : null;
    }
    case 'invented_person': {
      const kin = firstAbsent(source, ['brother', 'aunt', 'grandmother', 'coworker']);
      const name = firstAbsent(source, ['Marcus', 'Tobias', 'Renata', 'Imani']);
      return kin && name ? append(sections, `Client: My ${kin} ${name} came with me to the appointment.`) : null;
    }
    case 'invented_quote':
      return append(sections, 'Client said, "I have felt hopeless about everything since the spring."');
    case 'certainty_inflation':
      return edit(sections, (line) => {
        const m = /\b(?:maybe|probably|I think|I guess|kind of|sort of|a little)\b/i.exec(line);
        return m ? line.replace(m[0], 'definitely') : null;
      });
  }
}
