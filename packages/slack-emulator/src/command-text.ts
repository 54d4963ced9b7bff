/**
 * Slash command text as Slack sends it. With "Escape channels, users, and links" on (the manifest's
 * `should_escape: true`) a mention arrives as `<@U123|name>` and a channel as `<#C123|name>`; with it off
 * both arrive as the plain text a person reads (`@name`, `#name`).
 */
import type { Workspace } from './workspace.ts';

/** How the slash command's `text` reaches the app: Slack's `should_escape` true ('escaped') or false ('plain'). */
export type CommandEscaping = 'escaped' | 'plain';

// An escaped entity, or a plain @name / #name at the start of the text or after whitespace.
const MENTION = /<([@#])([A-Z0-9]+)(?:\|([^>]*))?>|(^|\s)([@#])([\w.-]+)/g;

/** `text` as typed (plain or escaped mentions of known people and channels) → as Slack would deliver it. */
export function commandTextAsSent(workspace: Workspace, text: string, escaping: CommandEscaping): string {
  return text.replace(
    MENTION,
    (whole, sigil?: string, id?: string, label?: string, before = '', plainSigil?: string, plainName?: string) => {
      if (sigil && id) {
        const name = sigil === '@' ? workspace.user(id)?.name : workspace.channel(id)?.name;
        if (escaping === 'plain') return `${sigil}${label ?? name ?? id}`;
        return name ? `<${sigil}${id}|${name}>` : whole;
      }
      if (escaping === 'plain' || !plainName) return whole;
      const target =
        plainSigil === '@'
          ? workspace.users().find((user) => user.name === plainName)
          : workspace.channelByName(plainName);
      // Slack links only names it knows; anything else stays as typed.
      return target ? `${before}<${plainSigil}${target.id}|${plainName}>` : whole;
    },
  );
}
