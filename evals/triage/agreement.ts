import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { CATEGORIES } from '../../clinical/triage/classify.ts';
import { readJsonl } from '../harness/jsonl.ts';
import { sameCategories } from './measure.ts';
import type { LabelledTriageMessage } from './sets.ts';

/**
 * Second annotators (annotations/README.md): people who labelled a set's messages from the same label definitions,
 * seeing only the text: not the author's labels, not each other's, not the engine. Their agreement with the author
 * is how high category accuracy can go on that set, and the majority of the three is a steadier gold than any one.
 */
const AnnotationLine = z
  .object({
    id: z.string().min(1),
    urgency: z.enum(['emergency', 'urgent', 'routine']),
    categories: z.array(z.enum(CATEGORIES)).min(1),
    mustEscalate: z.boolean(),
  })
  .strict()
  .refine(
    (a) => a.mustEscalate === (a.urgency !== 'routine'),
    'mustEscalate must be true exactly when urgency is not routine',
  )
  .refine(
    (a) => a.mustEscalate === a.categories.includes('urgent_risk'),
    'urgent_risk must be labelled exactly when the message must escalate',
  );
export type Annotation = z.infer<typeof AnnotationLine>;

const DIR = join(import.meta.dirname, 'annotations');
const FILE = /^(?<set>[a-z0-9]+)\.(?<annotator>[A-Z])\.jsonl$/;

/** Every annotator's labels of one set, keyed by message id. A malformed line throws, naming its file and line. */
export function readAnnotations(set: string): Map<string, Map<string, Annotation>> {
  const out = new Map<string, Map<string, Annotation>>();
  for (const name of readdirSync(DIR).sort()) {
    const m = FILE.exec(name);
    if (m?.groups?.set !== set) continue;
    const rows = readJsonl<unknown>(join(DIR, name)).map((row, i) => {
      const parsed = AnnotationLine.safeParse(row);
      if (!parsed.success) throw new Error(`${name}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      return parsed.data;
    });
    out.set(m.groups.annotator as string, new Map(rows.map((r) => [r.id, r])));
  }
  return out;
}

export interface AgreementTable {
  set: string;
  messages: number;
  /** Exact-set category agreement of each pair of labellers ("author", "A", "B"…). */
  pairs: Array<{ a: string; b: string; category: number; mustEscalate: number }>;
  /** The majority label per message: the category set two of three labellers gave, else the author's. */
  majority: Map<string, readonly string[]>;
}

/** How far the labellers of one set agree. Pure: the labels in, the table out. */
export function agreementOf(
  set: string,
  authored: readonly LabelledTriageMessage[],
  annotators: ReadonlyMap<string, ReadonlyMap<string, Annotation>>,
): AgreementTable {
  const labellers: Array<[string, (id: string) => { categories: readonly string[]; mustEscalate: boolean }]> = [
    ['author', (id) => byId.get(id) as LabelledTriageMessage],
    ...[...annotators].map(([name, labels]): [string, (id: string) => Annotation] => [
      name,
      (id) => {
        const a = labels.get(id);
        if (!a) throw new Error(`annotator ${name} did not label ${id} of ${set}`);
        return a;
      },
    ]),
  ];
  const byId = new Map(authored.map((m) => [m.id, m]));
  const ids = authored.map((m) => m.id);
  const share = (pick: (id: string) => boolean) => ids.filter(pick).length / Math.max(1, ids.length);
  const pairs: AgreementTable['pairs'] = [];
  for (let i = 0; i < labellers.length; i++)
    for (let j = i + 1; j < labellers.length; j++) {
      const [a, la] = labellers[i] as (typeof labellers)[number];
      const [b, lb] = labellers[j] as (typeof labellers)[number];
      pairs.push({
        a,
        b,
        category: share((id) => sameCategories(la(id).categories, lb(id).categories)),
        mustEscalate: share((id) => la(id).mustEscalate === lb(id).mustEscalate),
      });
    }
  const majority = new Map<string, readonly string[]>();
  for (const id of ids) {
    const votes = labellers.map(([, l]) => l(id).categories);
    const agreed = votes.find((v, k) => votes.some((w, m) => m !== k && sameCategories(v, w)));
    majority.set(id, agreed ?? votes[0] ?? []);
  }
  return { set, messages: ids.length, pairs, majority };
}
