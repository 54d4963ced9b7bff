import { readFile } from 'node:fs/promises';
import { parseCheckedYaml } from './checked-yaml.ts';
import { defaultConfigInput } from './defaults.ts';
import { type FirebreakConfig, firebreakConfigSchema } from './firebreak-config.ts';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads firebreak.yml (or the built-in defaults when no path is given); errors name file, line and field. */
export async function loadConfig(path: string | undefined): Promise<FirebreakConfig> {
  if (!path) return firebreakConfigSchema.parse(defaultConfigInput);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check FIREBREAK_CONFIG`,
    ]);
  }
  return parseConfigText(text, path);
}

/** Parses YAML text into a checked config; `file` is only used in messages. */
export function parseConfigText(text: string, file: string): FirebreakConfig {
  const checked = parseCheckedYaml(text, file, firebreakConfigSchema, (raw) => ({
    ...defaultConfigInput,
    ...(raw as object),
  }));
  if (checked.ok) return checked.value;
  throw new ConfigError(checked.problems);
}
