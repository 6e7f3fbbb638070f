import type { FastifyInstance } from 'fastify';
import { metricsExporter, type MetricsSources } from '../../src/metrics/prometheus.js';
import { mayScrape } from '../../src/metrics/scrape-access.js';

/** Prometheus at /metrics, for a bearer token or (without one configured) the private network only. */
export function registerMetricsRoute(app: FastifyInstance, sources: MetricsSources, token: string | null): void {
  const exporter = metricsExporter(sources);
  app.get('/metrics', async (request, reply) => {
    if (!mayScrape(token, request.headers.authorization, request.ip)) return reply.code(403).send('Forbidden');
    return reply
      .type(exporter.contentType)
      .header('Cache-Control', 'no-store')
      .send(await exporter.render());
  });
}
