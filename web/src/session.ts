// Who is signed in. A plain reactive object is enough: one user, read by many components.
import { reactive } from 'vue';
import { setCsrfToken } from '@/api/client';
import { fetchAccessPolicy, type RolePermissions } from '@/api/reports';
import { fetchMe, login as apiLogin, logout as apiLogout } from '@/api/session';
import type { CurrentUser } from '@/api/types';
import { resetAccountNames } from '@/composables/useAccountNames';
import { resetPipeline } from '@/composables/usePipeline';

export const session = reactive<{
  user: CurrentUser | null;
  checked: boolean;
  /** The user's role in the access policy, once read (loadPermissions). */
  permissions: RolePermissions | null;
}>({
  user: null,
  checked: false,
  permissions: null,
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
  forgetPermissions();
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
  forgetPermissions();
  resetPipeline();
  resetAccountNames();
}

export function canEdit(): boolean {
  return session.user !== null && session.user.role !== 'analyst';
}

let permissionsRead: Promise<void> | null = null;

/**
 * Reads what the user's role may do from the access policy (data an administrator changes,
 * readable by every signed-in user), once per sign-in; a failed read is tried again later.
 */
export function loadPermissions(): Promise<void> {
  const user = session.user;
  if (!user) return Promise.resolve();
  permissionsRead ??= fetchAccessPolicy().then(
    (policy) => {
      if (session.user === user) session.permissions = policy.roles[user.role] ?? null;
    },
    () => {
      permissionsRead = null;
    },
  );
  return permissionsRead;
}

function forgetPermissions(): void {
  session.permissions = null;
  permissionsRead = null;
}

/**
 * Imports write records of any account: the server lets a role import when it sees and may
 * change every account. Until the policy is read, the roles that do so by default.
 */
export function canImport(): boolean {
  if (!session.user) return false;
  const p = session.permissions;
  if (p) return p.visibility === 'all' && p.write;
  return session.user.role === 'administrator' || session.user.role === 'sales_director';
}
