export { generateDataset, type GenerateOptions } from './generator/generate';
export { CHURN_AFTER_DAYS, amountMinorOf } from './generator/commerce';
export { SLA_HOURS } from './generator/service';
export type * from './generator/dataset';
