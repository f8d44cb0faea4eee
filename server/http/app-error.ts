import type { MessageKey } from './messages.js';

export interface FieldError {
  field: string;
  message_en: string;
  message_fr: string;
}

/** The one error type routes throw; the error middleware renders it as problem+json. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly titleKey: MessageKey,
    readonly detailKey: MessageKey | { en: string; fr: string },
    readonly errors: FieldError[] = [],
  ) {
    super(typeof detailKey === 'string' ? detailKey : detailKey.en);
    this.name = 'AppError';
  }
}
