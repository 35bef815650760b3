import { randomUUID } from 'node:crypto';
import { type IngestionEvent, LangfuseAPIClient } from '@langfuse/core';
import type { SuiteReport } from './types.ts';

/**
 * Each eval run as a Langfuse dataset run: per suite a dataset `charta-<suite>` (upserted), one dataset item per case
 * (input: suite and case id; expected output: the case's expectation with record ids and names put back as
 * placeholders), one trace per case linked to the run, and the case's scores on that trace; the suite's metrics go
 * on the dataset run itself. Nothing a case returned (answers, tool output) is sent: only ids, numbers and the
 * redacted expectation.
 *
 * Uses Langfuse's generated public-API client (`@langfuse/core`, the package under `@langfuse/otel`): datasets v2,
 * dataset items, dataset run items (which need a trace per item), batch ingestion for traces and scores.
 */
export interface LangfuseExportSettings {
  publicKey: string;
  secretKey: string;
  baseUrl: string;
}

/** The settings from LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY and LANGFUSE_BASE_URL; null when any is missing. */
export function langfuseSettingsFromEnv(env: NodeJS.ProcessEnv): LangfuseExportSettings | null {
  const publicKey = env.LANGFUSE_PUBLIC_KEY?.trim();
  const secretKey = env.LANGFUSE_SECRET_KEY?.trim();
  const baseUrl = (env.LANGFUSE_BASE_URL ?? env.LANGFUSE_BASEURL)?.trim();
  return publicKey && secretKey && baseUrl ? { publicKey, secretKey, baseUrl: baseUrl.replace(/\/+$/, '') } : null;
}

const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const PHONE = /\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b/g;

/**
 * A redactor for what leaves for Langfuse: every given value (demo record ids and names, canaries) becomes its
 * placeholder, longest first, and anything shaped like an e-mail address or phone number becomes [EMAIL]/[PHONE].
 */
export function redactor(values: Record<string, string>): (text: string) => string {
  const pairs = Object.entries(values)
    .filter(([, v]) => v.trim().length >= 3)
    .sort((a, b) => b[1].length - a[1].length);
  return (text) => {
    let out = text;
    for (const [key, value] of pairs) out = out.split(value).join(`{{${key}}}`);
    return out.replace(EMAIL, '[EMAIL]').replace(PHONE, '[PHONE]');
  };
}

export interface ExportSummary {
  datasets: string[];
  items: number;
  scores: number;
  runName: string;
}

const BATCH = 100;
const itemId = (suite: string, caseId: string) => `charta-${suite}-${caseId}`.replace(/[^\w.-]/g, '_').slice(0, 255);

export async function exportToLangfuse(
  reports: SuiteReport[],
  settings: LangfuseExportSettings,
  options: { runName: string; redact: (text: string) => string },
): Promise<ExportSummary> {
  const api = new LangfuseAPIClient({
    environment: settings.baseUrl,
    baseUrl: settings.baseUrl,
    username: settings.publicKey,
    password: settings.secretKey,
    xLangfusePublicKey: settings.publicKey,
  });
  const summary: ExportSummary = { datasets: [], items: 0, scores: 0, runName: options.runName };
  const now = () => new Date().toISOString();
  for (const report of reports) {
    const datasetName = `charta-${report.suite}`;
    await api.datasets.create({
      name: datasetName,
      description: `charta eval suite ${report.suite} (evals/${report.suite})`,
      metadata: { source: 'charta evals' },
    });
    summary.datasets.push(datasetName);
    const events: IngestionEvent[] = [];
    const links: { datasetItemId: string; traceId: string }[] = [];
    for (const r of report.results) {
      const id = itemId(report.suite, r.id);
      await api.datasetItems.create({
        datasetName,
        id,
        input: { suite: report.suite, caseId: r.id },
        expectedOutput: { summary: options.redact(r.expected).slice(0, 500) },
      });
      const traceId = randomUUID().replace(/-/g, '');
      events.push({
        type: 'trace-create',
        id: randomUUID(),
        timestamp: now(),
        body: {
          id: traceId,
          name: `eval ${report.suite}/${r.id}`,
          timestamp: now(),
          metadata: { suite: report.suite, caseId: r.id, model: report.model, pass: r.pass },
          tags: ['charta-eval', report.suite],
        },
      });
      const scores: [string, number][] = [['pass', r.pass ? 1 : 0], ...Object.entries(r.scores)];
      for (const [name, value] of scores) {
        events.push({
          type: 'score-create',
          id: randomUUID(),
          timestamp: now(),
          body: { id: randomUUID(), traceId, name, value, dataType: name === 'pass' ? 'BOOLEAN' : 'NUMERIC' },
        });
        summary.scores++;
      }
      links.push({ datasetItemId: id, traceId });
      summary.items++;
    }
    // Traces first, so every run item links to a trace that exists.
    for (let i = 0; i < events.length; i += BATCH) await api.ingestion.batch({ batch: events.slice(i, i + BATCH) });
    let runId: string | undefined;
    for (const link of links) {
      const item = await api.datasetRunItems.create({
        runName: options.runName,
        runDescription: `charta evals, model ${report.model}`,
        metadata: { model: report.model, cases: report.cases, misses: report.misses.map((m) => m.metric) },
        ...link,
      });
      runId ??= item.datasetRunId;
    }
    if (runId === undefined) continue;
    for (const [name, value] of Object.entries(report.metrics)) {
      if (!Number.isFinite(value)) continue;
      const missed = report.misses.find((m) => m.metric === name);
      await api.scores.create({
        datasetRunId: runId,
        name,
        value,
        dataType: 'NUMERIC',
        ...(missed ? { comment: `threshold missed: ${JSON.stringify(missed.threshold)}` } : {}),
      });
      summary.scores++;
    }
  }
  return summary;
}
