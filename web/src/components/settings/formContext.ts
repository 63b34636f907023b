// What every field of a settings form shares: whether it may be changed, and the server's
// problems by the JSON path it named.
import type { InjectionKey } from 'vue';

export interface FormContext {
  editable: boolean;
  errors: Record<string, string>;
}

export const FORM_CONTEXT: InjectionKey<FormContext> = Symbol('settings-form');

/** A key's label: the known ones are translated, any other is shown as it is. */
export function fieldLabel(key: string | number, t: (k: string) => string, te: (k: string) => boolean): string {
  if (typeof key === 'number') return `#${key + 1}`;
  return te(`settings.field.${key}`) ? t(`settings.field.${key}`) : key;
}
