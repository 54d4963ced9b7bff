/**
 * Socket Mode as Slack runs it: `apps.connections.open` hands out a one-time WebSocket URL on the
 * emulator's own port; a connection is greeted with `hello`, pinged, and carries one envelope per
 * request (slash command, interaction, event) that the app acknowledges by `envelope_id` within
 * Slack's deadline. The acknowledgement's `payload` plays the part of the HTTP response body.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { AppResponse } from './app-transport.ts';
import type { MethodHandler } from './methods/index.ts';
import type { JsonObject } from './types.ts';

/** Path of the WebSocket URLs that `apps.connections.open` returns. */
export const SOCKET_MODE_PATH = '/link/';

/** One request to the app, as a Socket Mode envelope (the emulator adds `envelope_id`). */
export interface SocketEnvelope {
  type: 'slash_commands' | 'interactive' | 'events_api';
  payload: JsonObject;
  /** True where Slack uses the acknowledgement's payload (slash command replies, view submissions). */
  acceptsResponsePayload: boolean;
  /** 0 for a first delivery; Slack's retries count up (the HTTP `X-Slack-Retry-Num`). */
  retryAttempt?: number;
  retryReason?: string;
}

/** What one envelope sent on the socket looked like and whether the app acknowledged it in time. */
export interface SocketDelivery {
  envelopeId: string;
  type: SocketEnvelope['type'];
  retryAttempt: number;
  outcome: 'pending' | 'acked' | 'timed_out' | 'closed';
}

interface Pending {
  socket: WebSocket;
  started: number;
  timer: NodeJS.Timeout;
  delivery: SocketDelivery;
  resolve: (response: AppResponse) => void;
  reject: (error: Error) => void;
}

const elapsed = (started: number): number => Math.round(performance.now() - started);

/** The acknowledgement's payload as the HTTP path would have seen the response body: none, text or JSON. */
function ackToResponse(payload: unknown, started: number): AppResponse {
  const ms = elapsed(started);
  const empty =
    payload === undefined ||
    payload === null ||
    payload === '' ||
    (typeof payload === 'object' && !Array.isArray(payload) && Object.keys(payload).length === 0);
  if (empty) return { status: 200, body: '', ms };
  if (typeof payload !== 'string') return { status: 200, body: JSON.stringify(payload), json: payload, ms };
  try {
    return { status: 200, body: payload, json: JSON.parse(payload), ms };
  } catch {
    return { status: 200, body: payload, ms };
  }
}

/** Serves Socket Mode on the emulator's HTTP server: tickets, connections, pings and acknowledged envelopes. */
export class SocketModeServer {
  /** How often each new connection is pinged, in ms (Slack's client drops a socket after 30 s without a ping). */
  pingIntervalMs = 10_000;
  /** Every envelope sent, in order. */
  readonly deliveries: SocketDelivery[] = [];
  private readonly tickets = new Set<string>();
  private readonly open: WebSocket[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly wss = new WebSocketServer({ noServer: true });

  constructor(private readonly options: { server: Server; port: number; appId: string }) {
    options.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
  }

  /** `apps.connections.open` (the server has already checked the app-level token): a URL whose ticket works once. */
  readonly connectionsOpen: MethodHandler = () => {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return {
      url: `ws://127.0.0.1:${this.options.port}${SOCKET_MODE_PATH}?ticket=${ticket}&app_id=${this.options.appId}`,
    };
  };

  /** Number of open Socket Mode connections; requests go over the socket whenever it is above 0. */
  get connections(): number {
    return this.open.length;
  }

  /** Sends one envelope on the newest connection; resolves with the acknowledgement's payload as an HTTP-like answer, or `timedOut`. */
  deliver(envelope: SocketEnvelope, deadlineMs: number): Promise<AppResponse> {
    const socket = this.open.at(-1);
    if (!socket) return Promise.reject(new Error('no Socket Mode connection is open'));
    const delivery: SocketDelivery = {
      envelopeId: randomUUID(),
      type: envelope.type,
      retryAttempt: envelope.retryAttempt ?? 0,
      outcome: 'pending',
    };
    this.deliveries.push(delivery);
    const message = {
      envelope_id: delivery.envelopeId,
      type: envelope.type,
      payload: envelope.payload,
      accepts_response_payload: envelope.acceptsResponsePayload,
      retry_attempt: delivery.retryAttempt,
      retry_reason: envelope.retryReason ?? '',
    };
    const started = performance.now();
    return new Promise<AppResponse>((resolve, reject) => {
      // Slack gives up after the deadline; a late acknowledgement is ignored.
      const timer = setTimeout(() => {
        if (this.settle(delivery.envelopeId, 'timed_out'))
          resolve({ status: 0, body: '', timedOut: true, ms: elapsed(started) });
      }, deadlineMs);
      this.pending.set(delivery.envelopeId, { socket, started, timer, delivery, resolve, reject });
      socket.send(JSON.stringify(message), (error) => {
        if (error && this.settle(delivery.envelopeId, 'closed')) reject(error);
      });
    });
  }

  /** Sends Slack's `disconnect` message (default reason `refresh_requested`) on every open connection; returns how many. */
  requestDisconnect(reason = 'refresh_requested'): number {
    for (const socket of this.open)
      socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'slack-emulator' } }));
    return this.open.length;
  }

  /** Drops every connection and outstanding envelope, and stops answering upgrades. */
  close(): void {
    for (const socket of [...this.open]) socket.terminate();
    for (const [envelopeId, pending] of [...this.pending]) {
      if (this.settle(envelopeId, 'closed'))
        pending.reject(new Error('the emulator closed before the app acknowledged the envelope'));
    }
    this.tickets.clear();
    this.wss.close();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket');
    if (url.pathname !== SOCKET_MODE_PATH) refuse(socket, '404 Not Found');
    // A ticket is spent by its first use, whether or not the handshake then succeeds.
    else if (!ticket || !this.tickets.delete(ticket)) refuse(socket, '401 Unauthorized');
    else this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(socket: WebSocket): void {
    this.open.push(socket);
    const ping = setInterval(() => socket.ping(), this.pingIntervalMs);
    ping.unref();
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.received(data.toString());
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      clearInterval(ping);
      const index = this.open.indexOf(socket);
      if (index >= 0) this.open.splice(index, 1);
      for (const [envelopeId, pending] of [...this.pending]) {
        if (pending.socket === socket && this.settle(envelopeId, 'closed'))
          pending.reject(new Error(`the Socket Mode connection closed before envelope ${envelopeId} was acknowledged`));
      }
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.open.length,
        debug_info: { host: 'slack-emulator', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.options.appId },
      }),
    );
  }

  private received(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { envelope_id: envelopeId, payload } = message as { envelope_id?: unknown; payload?: unknown };
    if (typeof envelopeId !== 'string') return;
    const pending = this.pending.get(envelopeId);
    if (pending && this.settle(envelopeId, 'acked')) pending.resolve(ackToResponse(payload, pending.started));
  }

  /** Ends an outstanding envelope once; false when it had already ended (acked, timed out or closed). */
  private settle(envelopeId: string, outcome: SocketDelivery['outcome']): boolean {
    const pending = this.pending.get(envelopeId);
    if (!pending) return false;
    this.pending.delete(envelopeId);
    clearTimeout(pending.timer);
    pending.delivery.outcome = outcome;
    return true;
  }
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}
