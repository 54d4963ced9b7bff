/** Splits "/incident declare sev1 Title" text into its subcommand and the rest. */
export function splitSubcommand(text: string): { subcommand: string; rest: string } {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { subcommand: '', rest: '' };
  return { subcommand: (match[1] ?? '').toLowerCase(), rest: (match[2] ?? '').trim() };
}
