import { z } from 'zod';

/** `admin:` config section (the listener's host/port live in `server.admin_host/admin_port`). */
export const adminConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Serve the web console at `/`. */
    console: z.boolean().default(true),
    /** Let non-loopback clients scrape /metrics without a key (e.g. a Prometheus in another pod). */
    public_metrics: z.boolean().default(false),
  })
  .strict();
export type AdminConfig = z.infer<typeof adminConfigSchema>;
