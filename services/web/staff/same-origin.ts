import type { FastifyReply, FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request came from this site: the Host it was sent to, or the public address (a proxy may pass
 * on its own Host). No Origin at all (an older browser, a script) leaves the CSRF token to decide.
 */
export function sameOrigin(origin: string | undefined, host: string | undefined, publicBaseUrl: string): boolean {
  if (!origin) return true;
  try {
    const from = new URL(origin);
    // Parsed the same way on both sides, so a default port written out (":80") still matches.
    return from.host === new URL(`${from.protocol}//${host ?? ''}`).host || from.origin === new URL(publicBaseUrl).origin;
  } catch {
    return false;
  }
}

/**
 * Browsers say where a request was made: Sec-Fetch-Site, which a page cannot forge, decides when sent; older
 * browsers send only Origin, which must then be this site.
 */
export function fromThisSite(headers: FastifyRequest['headers'], host: string | undefined, publicBaseUrl: string): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  return sameOrigin(headers.origin, host, publicBaseUrl);
}

/** A hook refusing any state-changing request made from another site, beside the CSRF token. */
export function refuseCrossSite(publicBaseUrl: string, refuse: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    if (SAFE_METHODS.has(request.method) || fromThisSite(request.headers, request.host, publicBaseUrl)) return undefined;
    return refuse(request, reply);
  };
}
