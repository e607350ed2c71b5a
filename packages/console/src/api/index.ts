export { createApiClient, refreshWith, type ApiClient } from './client';
export { ApiProvider, useApi, useSessionState } from './context';
export { ApiError, unwrap } from './errors';
export { queryKeys, useMe, type ApiSchemas, type Me } from './queries';
export { createSession, type Session, type SessionState, type SessionTokens } from './session';
