// Who is signed in. A plain reactive object is enough: one user, read by many components.
import { reactive } from 'vue';
import { setCsrfToken } from '@/api/client';
import { fetchMe, login as apiLogin, logout as apiLogout } from '@/api/session';
import type { CurrentUser } from '@/api/types';
import { resetAccountNames } from '@/composables/useAccountNames';
import { resetPipeline } from '@/composables/usePipeline';

export const session = reactive<{ user: CurrentUser | null; checked: boolean }>({
  user: null,
  checked: false,
});

/** Asks the server once per page load whether the session cookie is still valid. */
export async function restoreSession(): Promise<CurrentUser | null> {
  if (!session.checked) {
    try {
      session.user = await fetchMe();
    } catch {
      session.user = null;
    }
    session.checked = true;
  }
  return session.user;
}

export async function signIn(login: string, password: string): Promise<void> {
  session.user = await apiLogin(login, password);
  session.checked = true;
}

export async function signOut(): Promise<void> {
  try {
    await apiLogout();
  } finally {
    forgetSession();
  }
}

/** The server no longer knows the session (expired, or signed out elsewhere). */
export function forgetSession(): void {
  session.user = null;
  setCsrfToken(null);
  resetPipeline();
  resetAccountNames();
}

export function canEdit(): boolean {
  return session.user !== null && session.user.role !== 'analyst';
}
