/**
 * A browser without a browser: fetch with a cookie jar that follows redirects itself, so a test sees every hop
 * of a sign-in that crosses from the dashboard to an identity provider and back. Both run on 127.0.0.1, and
 * cookies, as in a browser, do not tell ports apart.
 */
export interface Hop {
  url: string;
  status: number;
  location: string | null;
}

export class HttpBrowser {
  private readonly cookies = new Map<string, string>();
  /** Every request made, in order, with where it was sent next. */
  readonly hops: Hop[] = [];

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** This browser's cookies given to another one: the same session, seen from elsewhere. */
  copy(): HttpBrowser {
    const other = new HttpBrowser();
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1).trim());
    }
    const location = response.headers.get('location');
    this.hops.push({ url, status: response.status, location: location ? new URL(location, url).href : null });
    return response;
  }

  /**
   * Requests the URL and follows redirects, up to one `stopBefore` accepts (left unvisited); answers the last
   * response, the URL it came from and its body.
   */
  async visit(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
    stopBefore = (_next: string) => false,
  ): Promise<{ response: Response; url: string; body: string }> {
    let response = await this.request(url, init);
    let current = url;
    for (let hop = 0; hop < 15 && response.status >= 300 && response.status < 400; hop++) {
      const next = new URL(response.headers.get('location')!, current).href;
      if (stopBefore(next)) break;
      await response.body?.cancel();
      current = next;
      response = await this.request(current);
    }
    return { response, url: current, body: await response.text() };
  }
}
