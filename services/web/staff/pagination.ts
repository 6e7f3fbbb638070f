/** GOV.UK pagination for a filtered list: every link keeps the filters and changes only the page. */
export function pagination(path: string, filters: Record<string, unknown>, result: { page: number; pages: number }) {
  const params = Object.entries(filters)
    .filter(([key, value]) => key !== 'page' && value !== undefined)
    .map(([key, value]): [string, string] => [key, String(value)]);
  const link = (n: number) => `${path}?${new URLSearchParams([...params, ['page', String(n)]])}`;
  return {
    previous: result.page > 1 ? { href: link(result.page - 1) } : undefined,
    next: result.page < result.pages ? { href: link(result.page + 1) } : undefined,
    items: Array.from({ length: result.pages }, (_, i) => ({ number: i + 1, href: link(i + 1), current: i + 1 === result.page })).slice(0, 50),
  };
}
