import { declareFromText } from './declare-command.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident drill [sev] <title>`: the whole declare flow, marked as a drill so metrics keep it apart. */
export const drillCommand: Subcommand = (services, args) => declareFromText(services, args, { isDrill: true });
