/** Why an EHR operation failed, as a closed set the layers above can map to tool errors and HTTP statuses. */
export const EHR_ERROR_CODES = ['not_found', 'conflict', 'invalid', 'unavailable'] as const;
export type EhrErrorCode = (typeof EHR_ERROR_CODES)[number];

export class EhrError extends Error {
  override readonly name = 'EhrError';
  constructor(
    readonly code: EhrErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const isEhrError = (error: unknown, code?: EhrErrorCode): error is EhrError =>
  error instanceof EhrError && (code === undefined || error.code === code);
