import { api, setCsrfToken } from './client';
import type { CurrentUser } from './types';

export async function login(loginName: string, password: string): Promise<CurrentUser> {
  const user = await api.post<CurrentUser>('/api/login', { login: loginName, password });
  setCsrfToken(user.csrf_token);
  return user;
}

export async function fetchMe(): Promise<CurrentUser> {
  const user = await api.get<CurrentUser>('/api/me');
  setCsrfToken(user.csrf_token);
  return user;
}

export async function logout(): Promise<void> {
  await api.post('/api/logout');
  setCsrfToken(null);
}

/** What a password change or reset ended: whatever the old password had opened. */
export interface EndedAccess {
  sessions: number;
  api_tokens: number;
  calendar_feeds: number;
}

/** Ends the user's other sessions, API tokens and calendar feed; says how many of each. */
export async function changePassword(
  currentPassword: string,
  newPassword: string,
): Promise<EndedAccess> {
  const answer = await api.post<{ ended: EndedAccess }>('/api/me/password', {
    current_password: currentPassword,
    new_password: newPassword,
  });
  return answer.ended;
}
