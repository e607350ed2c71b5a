export { startEngines, type Engines, type EnginePorts, type EnginesOptions } from './engines';
export type { RunningEngine } from './engines/running-engine';
export { LOCAL_CREDENTIALS, LOCAL_REGION } from './engines/running-engine';
export { freePort } from './engines/ports';
export { provisionTable, provisionUserPool, localClientConfig, type UserPoolIds } from './provision';
export { functionEnvironment } from './function-environment';
export { startApiServer, GATEWAY_MAX_BODY_BYTES, type RunningApi } from './api-server';
export { toProxyEvent, lambdaContext, writeProxyResult } from './api-gateway-event';
export { startLocalStack, LOCAL_TABLE_NAME, LOCAL_AUDIT_BUCKET, type LocalStack } from './local-stack';
