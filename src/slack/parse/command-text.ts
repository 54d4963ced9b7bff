/** Splits "/incident declare sev1 Title" text into its subcommand and the rest. */
export function splitSubcommand(text: string): { subcommand: string; rest: string } {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { subcommand: '', rest: '' };
  return { subcommand: (match[1] ?? '').toLowerCase(), rest: (match[2] ?? '').trim() };
}

/** Escaped mentions in command text (`<@U123|bob>`, `<#C123|general>`) as the `@bob` / `#general` a person typed. */
export function typedMentions(text: string): string {
  return text.replace(/<([@#])[UWCG][A-Z0-9]+(?:\|([^>]*))?>/g, (whole, sigil: string, name?: string) =>
    name ? `${sigil}${name}` : whole,
  );
}
