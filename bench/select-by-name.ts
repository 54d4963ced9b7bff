/**
 * The scenarios an `ONLY` variable names (comma-separated), in their own order; unset or empty means all.
 * An unknown name is an error that lists the known ones, so a typo never runs nothing.
 */
export function selectByName<T extends { name: string }>(
  all: readonly T[],
  only: string | undefined,
  variable: string,
): T[] {
  const names = (only ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) return [...all];
  const unknown = names.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length > 0)
    throw new Error(
      `${variable}: no scenario named ${unknown.join(', ')} (known: ${all.map((s) => s.name).join(', ')})`,
    );
  return all.filter((s) => names.includes(s.name));
}
