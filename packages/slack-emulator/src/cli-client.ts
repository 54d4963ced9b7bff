/**
 * The CLI's subcommands: each one request to the control API of a running emulator (`--url`), its
 * answer printed for a person. Kept thin: the API does the finding and the checking.
 */
import { endpointList } from './control-api.ts';

type Request = { method: 'GET' | 'POST'; path: string; body?: Record<string, unknown> };

const USAGE = `usage: npm run emulator -- [--url http://127.0.0.1:3001] <subcommand> …
  command <user> <channel> <text…>        say <user> <channel> <text…>
  reply <user> <channel> <containing> <text…>   edit|delete <user> <channel> <containing> [<text…>]
  react|unreact <user> <channel> <containing> <emoji>   pin|unpin <user> <channel> <containing>
  join|leave <user> <channel>             shortcut <user> <name> [<channel> <containing>]
  click <user> [<channel> [<containing>]] <button>   (no channel: the user's open modal)
  choose <user> [<channel> [<containing>]] <option>
  form <user>   fill <user> Label=value…   submit <user> [Label=value…]   close <user>
  home <user> [messages]   (opens the App Home: app_home_opened)   timezone <user> <IANA zone>
  render <channel>   ephemerals <user>   dms <user>   views <user>   files [<id>]   channels   users   calls
  clock [advance <duration>]              (no subcommand: start an emulator)`;

function need(args: string[], count: number, usage: string): void {
  if (args.length < count) throw new Error(`usage: ${usage}`);
}

function fields(pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`'${pair}' is not Label=value`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** A click/choose: the label last; a channel and the text of the message before it (default: the label itself). */
function onElement(name: 'click' | 'choose', args: string[]): Request {
  need(args, 2, `${name} <user> [<channel> [<containing>]] <label>`);
  const [user, ...rest] = args;
  const label = rest.pop() as string;
  const key = name === 'click' ? 'button' : 'option';
  if (rest.length === 0) return { method: 'POST', path: name, body: { user, [key]: label } };
  const [channel, containing = name === 'click' ? label : undefined] = rest;
  const message = containing === undefined ? 'latest' : { containing };
  return { method: 'POST', path: name, body: { user, channel, message, [key]: label } };
}

/** The request a subcommand makes. */
export function requestFor(subcommand: string, args: string[]): Request {
  const [a, b, c] = args;
  const post = (path: string, body: Record<string, unknown>): Request => ({ method: 'POST', path, body });
  const get = (path: string): Request => ({ method: 'GET', path });
  switch (subcommand) {
    case 'command':
      need(args, 2, 'command <user> <channel> <text…>');
      return post('command', { user: a, channel: b, text: args.slice(2).join(' ') });
    case 'say':
      need(args, 3, 'say <user> <channel> <text…>');
      return post('say', { user: a, channel: b, text: args.slice(2).join(' ') });
    case 'reply':
    case 'edit':
      need(args, 4, `${subcommand} <user> <channel> <containing> <text…>`);
      return post(subcommand, { user: a, channel: b, message: { containing: c }, text: args.slice(3).join(' ') });
    case 'delete':
    case 'pin':
    case 'unpin':
      need(args, 3, `${subcommand} <user> <channel> <containing>`);
      return post(subcommand, { user: a, channel: b, message: { containing: c } });
    case 'react':
    case 'unreact':
      need(args, 4, `${subcommand} <user> <channel> <containing> <emoji>`);
      return post(subcommand, { user: a, channel: b, message: { containing: c }, emoji: args[3] });
    case 'join':
    case 'leave':
      need(args, 2, `${subcommand} <user> <channel>`);
      return post(subcommand, { user: a, channel: b });
    case 'shortcut':
      need(args, 2, 'shortcut <user> <name> [<channel> <containing>]');
      return post('shortcut', {
        user: a,
        shortcut: b,
        ...(args.length >= 4 ? { channel: c, message: { containing: args[3] } } : {}),
      });
    case 'click':
    case 'choose':
      return onElement(subcommand, args);
    case 'fill':
    case 'submit':
      need(args, subcommand === 'fill' ? 2 : 1, `${subcommand} <user> Label=value…`);
      return post(subcommand, { user: a, fields: fields(args.slice(1)) });
    case 'close':
      need(args, 1, 'close <user>');
      return post('close', { user: a });
    case 'home':
      need(args, 1, 'home <user> [home|messages]');
      return post('home', { user: a, ...(b !== undefined ? { tab: b } : {}) });
    case 'timezone':
      need(args, 2, 'timezone <user> <IANA zone such as Europe/Berlin>');
      return post('timezone', { user: a, tz: b });
    case 'form':
    case 'views':
    case 'dms':
    case 'ephemerals':
    case 'ephemeral':
      need(args, 1, `${subcommand} <user>`);
      return get(`${subcommand === 'ephemeral' ? 'ephemerals' : subcommand}/${encodeURIComponent(a as string)}`);
    case 'render':
      need(args, 1, 'render <channel>');
      return get(`render/${encodeURIComponent(a as string)}`);
    case 'files':
      return get(a ? `files/${encodeURIComponent(a)}` : 'files');
    case 'channels':
    case 'users':
    case 'calls':
      return get(subcommand);
    case 'clock':
      if (a === undefined) return get('clock');
      if (a !== 'advance' || b === undefined) throw new Error('usage: clock [advance <duration such as 20m>]');
      return post('clock', { advance: /^\d+$/.test(b) ? Number(b) : b });
    default:
      throw new Error(`unknown subcommand '${subcommand}'\n${USAGE}`);
  }
}

/** A JSON answer as a person reads it: rendered texts first, then the rest. */
function show(json: unknown): string {
  if (
    Array.isArray(json) &&
    json.every((item) => typeof item === 'object' && item && 'text' in item && 'channel' in item)
  )
    return json.map((item) => `[${item.channel}] ${item.text}`).join('\n');
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    const modal = record.modal as Record<string, unknown> | null | undefined;
    const home = record.home as Record<string, unknown> | null | undefined;
    const rendered = [record.rendered, modal?.rendered, home?.rendered].filter(
      (text): text is string => typeof text === 'string',
    );
    const { rendered: _r, ...rest } = record;
    const compact = {
      ...rest,
      ...(modal ? { modal: { ...modal, rendered: undefined } } : {}),
      ...(home ? { home: { ...home, rendered: undefined } } : {}),
    };
    return [...rendered, JSON.stringify(compact, null, 2)].join('\n');
  }
  return JSON.stringify(json, null, 2);
}

/** Runs one subcommand against the emulator at `url`; returns the process exit code. */
export async function runSubcommand(url: string, subcommand: string, args: string[]): Promise<number> {
  if (subcommand === 'help' || subcommand === 'endpoints') {
    console.log(`${USAGE}\n\nHTTP endpoints:\n  ${endpointList().join('\n  ')}`);
    return 0;
  }
  const request = requestFor(subcommand, args);
  const response = await fetch(`${url.replace(/\/$/, '')}/_emulator/${request.path}`, {
    method: request.method,
    ...(request.body ? { body: JSON.stringify(request.body) } : {}),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const parsed = isJson ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (parsed as { error?: string } | undefined)?.error ?? text;
    console.error(`${response.status}: ${error}`);
    return 1;
  }
  console.log(isJson ? show(parsed) : text.trimEnd());
  return 0;
}
