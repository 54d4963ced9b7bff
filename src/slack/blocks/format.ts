/** Slack date token: every reader sees it in their own time zone, with a UTC fallback. */
export function slackDate(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${unix}^{date_short_pretty} {time}|${fallback}>`;
}

export function mention(userId: string): string {
  return `<@${userId}>`;
}

export function channelLink(channelId: string | null, fallbackName: string): string {
  return channelId ? `<#${channelId}>` : `#${fallbackName}`;
}

/** Cuts text to a Block Kit limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
