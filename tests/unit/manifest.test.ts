import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load-config.ts';
import { compileCopy } from '../../src/platform/copy.ts';
import { registerListeners } from '../../src/slack/listeners/index.ts';

type Manifest = {
  features: { slash_commands?: Array<{ command: string }>; shortcuts?: Array<{ callback_id: string; type: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions?: { bot_events?: string[] }; interactivity?: { is_enabled: boolean } };
};

const manifestText = readFileSync('manifest.yml', 'utf8');
const manifest = parse(manifestText) as Manifest;

/** Registers the real listeners on a stand-in app that only records what was registered. */
async function registeredListeners() {
  const seen = {
    commands: [] as string[],
    shortcuts: [] as string[],
    events: [] as string[],
    views: [] as string[],
    actions: [] as string[],
  };
  const recorder = {
    command: (name: string) => seen.commands.push(name),
    shortcut: (id: string) => seen.shortcuts.push(id),
    event: (type: string) => seen.events.push(type),
    view: (id: string) => seen.views.push(id),
    action: (id: string | { action_id: string }) => seen.actions.push(typeof id === 'string' ? id : id.action_id),
    message: () => seen.events.push('message'),
    use: () => {},
  };
  const config = await loadConfig(undefined);
  registerListeners(recorder as never, {
    config,
    copy: compileCopy('a: b', 'x'),
    logger: undefined as never,
    deps: undefined as never,
  });
  return seen;
}

// Bot scopes each Web API method needs (public/private channel variants both listed).
const scopesByMethod: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  // The Home tab: no scope of its own.
  'views.publish': [],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.invite': ['channels:manage', 'groups:write'],
  'conversations.setTopic': ['channels:manage', 'groups:write'],
  'conversations.archive': ['channels:manage', 'groups:write'],
  'conversations.rename': ['channels:manage', 'groups:write'],
  'conversations.list': ['channels:read', 'groups:read'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.join': ['channels:join'],
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history'],
  'conversations.open': ['im:write'],
  'pins.add': ['pins:write'],
  'pins.remove': ['pins:write'],
  'users.info': ['users:read'],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  'bookmarks.add': ['bookmarks:write'],
  'reactions.add': ['reactions:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'files.delete': ['files:write'],
  // The postmortem canvas in the incident channel.
  'conversations.canvases.create': ['canvases:write'],
  'canvases.create': ['canvases:write'],
  'canvases.edit': ['canvases:write'],
  'canvases.delete': ['canvases:write'],
  'canvases.sections.lookup': ['canvases:read'],
};

// Bot events that need a scope of their own (message.* come with the history scopes above).
const scopesByEvent: Record<string, string[]> = {
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  pin_added: ['pins:read'],
  pin_removed: ['pins:read'],
  member_joined_channel: ['channels:read', 'groups:read'],
  member_left_channel: ['channels:read', 'groups:read'],
  app_home_opened: [],
};

// A `message` listener hears messages from public and private channels, each subscribed apart.
const manifestEventsFor: Record<string, string[]> = { message: ['message.channels', 'message.groups'] };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function methodsCalled(): Set<string> {
  const methods = new Set<string>(['auth.test']);
  for (const file of sourceFiles('src/slack').concat(sourceFiles('src/app'))) {
    // Nested families count too: client.conversations.canvases.create(, client.canvases.sections.lookup(.
    for (const match of readFileSync(file, 'utf8').matchAll(/client\.([a-z]+(?:\.[a-zA-Z]+)+)\(/g))
      methods.add(match[1] as string);
  }
  return methods;
}

describe('manifest.yml', () => {
  it('validates against Slack’s app-manifest schema', () => {
    const schema = JSON.parse(readFileSync('tests/fixtures/slack-app-manifest.schema.json', 'utf8'));
    const Ajv = AjvModule.default ?? AjvModule;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('declares exactly the commands, shortcuts and events that have listeners', async () => {
    const seen = await registeredListeners();
    expect(new Set(seen.commands)).toEqual(new Set((manifest.features.slash_commands ?? []).map((c) => c.command)));
    expect(new Set(seen.shortcuts)).toEqual(new Set((manifest.features.shortcuts ?? []).map((s) => s.callback_id)));
    expect(new Set(seen.events.flatMap((e) => manifestEventsFor[e] ?? [e]))).toEqual(
      new Set(manifest.settings.event_subscriptions?.bot_events ?? []),
    );
    expect(manifest.settings.interactivity?.is_enabled).toBe(
      seen.actions.length + seen.views.length + seen.shortcuts.length > 0,
    );
  });

  it('asks for exactly the bot scopes the code needs', () => {
    const methods = methodsCalled();
    const unknown = [...methods].filter((m) => !(m in scopesByMethod));
    expect(unknown, 'add these methods to scopesByMethod').toEqual([]);
    const events = manifest.settings.event_subscriptions?.bot_events ?? [];
    const unknownEvents = events.filter((e) => !(e in scopesByEvent));
    expect(unknownEvents, 'add these events to scopesByEvent').toEqual([]);
    const needed = new Set([
      'commands',
      ...[...methods].flatMap((m) => scopesByMethod[m] ?? []),
      ...events.flatMap((e) => scopesByEvent[e] ?? []),
    ]);
    expect(new Set(manifest.oauth_config.scopes.bot)).toEqual(needed);
  });

  it('explains every scope in a comment', () => {
    const lines = manifestText.split('\n');
    for (const scope of manifest.oauth_config.scopes.bot) {
      const index = lines.findIndex((line) => line.trim() === `- ${scope}`);
      expect(lines[index - 1]?.trim().startsWith('#'), `scope ${scope} needs a comment above it`).toBe(true);
    }
  });
});
