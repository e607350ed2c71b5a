import type { ApiCaller } from './api-caller';

/** A logged-in user of the demo workspace; logs in again when its token has expired. */
export interface Session {
  email: string;
  password: string;
  userId: string;
  token(): string;
  call: ApiCaller;
}

export async function logIn(api: ApiCaller, email: string, password: string, userId: string): Promise<Session> {
  let token = '';
  const refresh = async () => {
    token = (await api<{ accessToken: string }>('POST', '/v1/auth/login', { body: { email, password } })).body.accessToken;
  };
  await refresh();
  const call: ApiCaller = async (method, path, options = {}) => {
    const answer = await api(method, path, { ...options, token, accept: [...(options.accept ?? []), 401] });
    if (answer.status !== 401 || options.accept?.includes(401)) return answer;
    await refresh();
    return api(method, path, { ...options, token });
  };
  return { email, password, userId, token: () => token, call };
}
