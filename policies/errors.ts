import { isEhrError } from '../ehr/errors.ts';

/**
 * Every way a tool call can fail, as one closed table. Messages are written for the caller (a person or a model) to
 * act on, and never contain PHI.
 */
export const TOOL_ERRORS = {
  unknown_tool: 'There is no such tool, or it is not available to you.',
  forbidden: 'Your role does not permit this tool.',
  out_of_scope: 'That record is outside your caseload.',
  not_found: 'No such record.',
  walled: 'That record is not available through charta.',
  consent_required: 'The client has not given the consent this action needs.',
  invalid_input: 'The arguments do not match the tool’s input schema.',
  conflict: 'The record changed or is no longer a draft.',
  too_large: 'The result is larger than the response limit.',
  rate_limited: 'Too many calls in a short time; wait and try again.',
  unavailable: 'The EHR is not reachable right now; try again shortly.',
  internal: 'An unexpected error occurred; it has been logged.',
} as const;

export type ToolErrorCode = keyof typeof TOOL_ERRORS;

export class ToolError extends Error {
  override readonly name = 'ToolError';
  constructor(
    readonly code: ToolErrorCode,
    /** A specific, PHI-free explanation; defaults to the table's message. */
    detail?: string,
    options?: ErrorOptions,
  ) {
    super(detail ?? TOOL_ERRORS[code], options);
  }
}

/** Any failure as a ToolError: EHR errors keep their meaning, anything unknown becomes `internal` (cause kept). */
export function toToolError(error: unknown): ToolError {
  if (error instanceof ToolError) return error;
  if (isEhrError(error)) {
    const code: ToolErrorCode =
      error.code === 'not_found'
        ? 'not_found'
        : error.code === 'conflict'
          ? 'conflict'
          : error.code === 'invalid'
            ? 'invalid_input'
            : 'unavailable';
    return new ToolError(code, error.message, { cause: error });
  }
  return new ToolError('internal', undefined, { cause: error });
}
