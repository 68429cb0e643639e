import { z } from 'zod';

/** `telemetry:` config section. */
export const telemetryConfigSchema = z
  .object({
    metrics: z
      .object({
        enabled: z.boolean().default(true),
        /** Node process metrics (heap, event-loop lag, GC) beside Airlock's own. */
        process_metrics: z.boolean().default(true),
      })
      .strict()
      .default({}),
    /** OpenTelemetry traces, sent as OTLP/HTTP JSON when an endpoint is set. */
    traces: z
      .object({
        /** Collector base URL, e.g. `http://127.0.0.1:4318` (spans go to `/v1/traces`). */
        otlp_endpoint: z.string().url().optional(),
        service_name: z.string().min(1).default('airlock'),
        /** Extra headers for the collector (an auth token, say). Masked in the admin API. */
        headers: z.record(z.string(), z.string()).default({}),
      })
      .strict()
      .default({}),
  })
  .strict();
export type TelemetryConfig = z.infer<typeof telemetryConfigSchema>;
