/** Routes for file bytes: `POST /upload/<file_id>` (upload URL) and `GET /files/<file_id>/…` (url_private). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, parseArguments, sendJson, sendText } from './http-body.ts';
import type { Workspace } from './workspace.ts';

/** Route handler for `/upload/<file_id>`: accepts raw bytes, multipart (first file part) or form `content`. */
export function uploadRoute(workspace: Workspace) {
  return async (req: IncomingMessage, res: ServerResponse, fileId: string, body: Buffer): Promise<void> => {
    const file = workspace.filesById.get(fileId);
    if (!file || file.completed) return sendText(res, 404, 'file_not_found');
    const contentType = req.headers['content-type'] ?? '';
    let bytes = body;
    if (contentType.includes('multipart/form-data') || contentType.includes('application/x-www-form-urlencoded')) {
      const { args, fileParts } = await parseArguments(contentType, body, new URLSearchParams());
      const field = args.file ?? args.body ?? args.content;
      bytes = fileParts[0] ?? Buffer.from(typeof field === 'string' ? field : '');
    }
    file.bytes = Buffer.from(bytes);
    sendText(res, 200, `OK - ${file.bytes.length}`);
  };
}

/** Route handler for `/files/<file_id>/…`: serves the bytes to the bot token, like url_private. */
export function downloadRoute(workspace: Workspace, botToken: string) {
  return (req: IncomingMessage, res: ServerResponse, rest: string): void => {
    if (bearerToken(req) !== botToken) {
      sendJson(res, 403, { ok: false, error: 'invalid_auth' });
      return;
    }
    const file = workspace.filesById.get(rest.split('/')[0] ?? '');
    if (!file?.completed || !file.bytes) {
      sendJson(res, 404, { ok: false, error: 'file_not_found' });
      return;
    }
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': file.bytes.length });
    res.end(file.bytes);
  };
}
