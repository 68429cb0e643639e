export { createLogger, type Logger } from './log.js';
export { createMetrics, type Metrics } from './metrics.js';
export { createTracer, spansFor, type Tracer, type TracerOptions } from './traces.js';
export { telemetryConfigSchema, type TelemetryConfig } from './config.js';
