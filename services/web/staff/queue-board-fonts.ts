import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);

/** Bull Board's page asks Google Fonts for IBM Plex Sans and Mono at these weights; the same faces, self-hosted. */
const FACES = [
  { package: '@fontsource/ibm-plex-sans', weights: ['400', '500', '600'] },
  { package: '@fontsource/ibm-plex-mono', weights: ['400', '500'] },
];

export const BOARD_FONTS_PATH = '/assets/queue-board';
const GOOGLE_FONTS_LINK = /<link[^>]+href="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>/g;

function loadFaces(): { css: string; files: Map<string, string> } {
  const files = new Map<string, string>();
  const css = FACES.flatMap(({ package: name, weights }) => {
    const root = dirname(require.resolve(`${name}/package.json`));
    return weights.map((weight) =>
      readFileSync(join(root, `${weight}.css`), 'utf8').replace(/url\(\.\/files\/([\w.-]+)\)/g, (_, file: string) => {
        files.set(file, join(root, 'files', file));
        return `url(${BOARD_FONTS_PATH}/fonts/${file})`;
      }),
    );
  }).join('\n');
  return { css, files };
}

const { css: FONTS_CSS, files: FONT_FILES } = loadFaces();

/** Bull Board's HTML with its Google Fonts stylesheet swapped for ours: the policy allows only this site's styles. */
export function withLocalFonts(html: string): string {
  return html.replace(GOOGLE_FONTS_LINK, `<link href="${BOARD_FONTS_PATH}/fonts.css" rel="stylesheet">`);
}

/** Public, like the GOV.UK assets: fonts are not personal data and the board's sign-in page uses them too. */
export async function registerQueueBoardFonts(app: FastifyInstance): Promise<void> {
  const cached = { 'Cache-Control': 'public, max-age=86400' };
  app.get(`${BOARD_FONTS_PATH}/fonts.css`, async (_request, reply) => reply.headers(cached).type('text/css; charset=utf-8').send(FONTS_CSS));
  app.get<{ Params: { file: string } }>(`${BOARD_FONTS_PATH}/fonts/:file`, async (request, reply) => {
    const path = FONT_FILES.get(request.params.file);
    if (!path) return reply.code(404).send('Not found');
    return reply
      .headers(cached)
      .type(path.endsWith('.woff2') ? 'font/woff2' : 'font/woff')
      .send(readFileSync(path));
  });
}
