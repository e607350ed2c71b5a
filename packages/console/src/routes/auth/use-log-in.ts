import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { unwrap, useApi } from '../../api';
import { safeNext } from '../../shell/next-path';
import { HOME_PATH } from '../registry';

/**
 * Logs in and goes where the person was headed (`?next=`), or home. Sign-up and accepting an
 * invitation end with it too, so a new person lands in their workspace without typing twice.
 */
export function useLogIn() {
  const { client, session } = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return async (credentials: { email: string; password: string }) => {
    const tokens = await unwrap(client.POST('/v1/auth/login', { body: credentials }));
    queryClient.clear();
    session.signIn(tokens);
    await navigate(safeNext(params.get('next'), HOME_PATH), { replace: true });
  };
}
