// The chat model's settings, read by server/config.ts from the environment.

/** The chat agent's model: the offline rule-based assistant unless a provider is configured. */
export type ModelConfig = {
  maxSteps: number;
  /** Hosts links in chat answers may point to; every other link loses its URL, every image is removed. */
  linkHosts: string[];
  /** `pseudonymize`: names, DOB, phones, e-mails, addresses and insurance ids reach the model as placeholders. */
  phiMode: 'off' | 'pseudonymize';
  /** Days a stored conversation is kept after its last message; 0: conversations are not stored. */
  retentionDays: number;
} & (
  | { kind: 'offline' }
  | {
      kind: 'azure';
      resourceName: string | null;
      baseUrl: string | null;
      apiKey: string;
      deployment: string;
      api: 'responses' | 'chat';
    }
  | { kind: 'openai-compatible'; baseUrl: string; apiKey: string | null; model: string }
);
