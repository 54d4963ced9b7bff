import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Liquid, type Template } from 'liquidjs';
import type { PostmortemModel } from './postmortem-model.ts';
import { samplePostmortemModel } from './sample-model.ts';

export const defaultPostmortemTemplatePath = fileURLToPath(
  new URL('../../templates/postmortem.md.liquid', import.meta.url),
);

export class PostmortemTemplateError extends Error {}

/** A compiled postmortem template: model in, Markdown out. */
export type PostmortemTemplate = { file: string; render(model: PostmortemModel): string };

/**
 * Loads and checks the template: parsed, then rendered against a sample incident with every variable
 * required, so a typo fails start-up with file, line and the variable's name rather than a blank
 * section in somebody's postmortem weeks later.
 */
export async function loadPostmortemTemplate(path = defaultPostmortemTemplatePath): Promise<PostmortemTemplate> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    throw new PostmortemTemplateError(
      `${path}: cannot read the postmortem template (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check postmortem.template in firebreak.yml`,
    );
  }
  return compilePostmortemTemplate(source, path);
}

export function compilePostmortemTemplate(source: string, file: string): PostmortemTemplate {
  // Values arrive as safe Markdown (see postmortem-model.ts), so the engine adds no escaping of its own.
  const engine = new Liquid({ strictFilters: true, strictVariables: true, ownPropertyOnly: true });
  let parsed: Template[];
  try {
    parsed = engine.parse(source, file);
  } catch (error) {
    throw new PostmortemTemplateError(describe(file, error));
  }
  const template: PostmortemTemplate = {
    file,
    render: (model) => `${(engine.renderSync(parsed, model) as string).replace(/\n{3,}/g, '\n\n').trim()}\n`,
  };
  try {
    template.render(samplePostmortemModel);
  } catch (error) {
    throw new PostmortemTemplateError(describe(file, error));
  }
  return template;
}

// liquidjs puts "line:N, col:M" in its messages; keep the first line and lead with file:line.
function describe(file: string, error: unknown): string {
  const message = (error as Error).message.split('\n')[0] ?? String(error);
  const position = /line:(\d+), col:(\d+)/.exec(message);
  const variable = /undefined variable: ([\w.[\]"']+)/i.exec(message);
  const what = variable ? `unknown variable "${variable[1]}"` : message.replace(/,? ?line:\d+, col:\d+/, '').trim();
  return `${file}:${position?.[1] ?? '?'}: postmortem template: ${what}`;
}
