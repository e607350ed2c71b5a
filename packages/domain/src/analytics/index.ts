export { ANALYTICS_GROUPINGS, MAX_ANALYTICS_MONTHS, analyticsQuerySchema, type AnalyticsGrouping, type AnalyticsQueryInput } from './analytics.schema';
export { createAnalyticsService, type AnalyticsRange, type AnalyticsService } from './analytics.service';
export { METRIC_FAMILIES, SLICE_DIMENSIONS, type Cell, type Counters, type MetricFamily, type SliceAttributes, type SliceDimension } from './counters';
export { MONTH_PATTERN, addMonths, monthOf, type Month } from './months';
export type { AnalyticsProjectionStore, AnalyticsReader, ContactAnalyticsState, ProjectionCommit, SourceChange, SourceKey, SourceMarker } from './ports';
export { ANALYTICS_SOURCE_ENTITIES, createAnalyticsProjector, type AnalyticsProjector, type ProjectionOutcome } from './projection.service';
