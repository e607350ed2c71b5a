export { generateDataset, type GenerateOptions } from './generator/generate';
export { CHURN_AFTER_DAYS, amountMinorOf } from './generator/commerce';
export { SLA_HOURS } from './generator/service';
export type * from './generator/dataset';
export { loadDemo, behaviourBatches, type LoadDemoOptions, type LoadDemoResult, type DemoLogin } from './loader/load-demo';
export { PENDING_ROUTES, hasRoute, type PendingStepResult } from './loader/pending-areas';
export { createProgress, type Progress, type ProgressSink } from './loader/progress';
export { createApiCaller, DemoLoadError, type ApiCaller } from './loader/api-caller';
export { plannedWork, minutesFor, MEASURED_WRITES_PER_SECOND, type PlannedWork } from './loader/planned-work';
