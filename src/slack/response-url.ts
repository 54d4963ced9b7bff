/** Posts a message to an interaction's response_url (valid 30 minutes, 5 uses); an expired or used-up URL is not an error. */
export async function postToResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  // 404/410: the response_url expired or was used up; nothing more to do.
  if (!response.ok && response.status !== 404 && response.status !== 410)
    throw new Error(`response_url answered HTTP ${response.status}`);
}

export type PostToResponseUrl = typeof postToResponseUrl;
