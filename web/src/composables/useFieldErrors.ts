import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '@/api/client';

/**
 * Problems from the server, ready for a form: each field's message goes under that field
 * (el-form-item :error), and whatever names no field shows above the form.
 */
export function useFieldErrors() {
  const { t } = useI18n();
  const fieldErrors = ref<Record<string, string>>({});
  /** The template ids of each field's problems (ApiError.fieldCodes), for forms that say them. */
  const fieldCodes = ref<Record<string, string[]>>({});
  const formError = ref('');

  function clear(): void {
    fieldErrors.value = {};
    fieldCodes.value = {};
    formError.value = '';
  }

  /** Shows the error in the form; `visibleFields` are the fields the form has inputs for. */
  function show(error: unknown, visibleFields: readonly string[]): void {
    clear();
    if (!(error instanceof ApiError)) {
      formError.value = t('errors.network');
      return;
    }
    const elsewhere: string[] = [];
    fieldCodes.value = { ...error.fieldCodes };
    for (const [field, message] of Object.entries(error.fieldErrors)) {
      if (visibleFields.includes(field)) fieldErrors.value[field] = message;
      else elsewhere.push(`${field}: ${message}`);
    }
    if (elsewhere.length) formError.value = elsewhere.join('; ');
    else if (!Object.keys(error.fieldErrors).length) formError.value = problemText(error, t);
  }

  return { fieldErrors, fieldCodes, formError, clear, show };
}

/**
 * One line for a failed request, in the user's language: the server's own detail when it wrote
 * it in that language (it names the record and what to do), otherwise what the status says with
 * the server's detail, as it came, after it.
 */
export function problemText(error: unknown, t: (key: string) => string): string {
  if (!(error instanceof ApiError)) return t('errors.network');
  if (error.detailTranslated && error.detail) return error.detail;
  const known: Record<number, string> = {
    403: 'errors.forbidden',
    404: 'errors.notFound',
    409: 'errors.duplicate',
    412: 'errors.stale',
    429: 'errors.locked',
  };
  const key = known[error.status];
  return key ? `${t(key)} (${error.detail})` : error.detail;
}
