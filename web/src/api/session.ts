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

export function changePassword(currentPassword: string, newPassword: string): Promise<unknown> {
  return api.post('/api/me/password', {
    current_password: currentPassword,
    new_password: newPassword,
  });
}
