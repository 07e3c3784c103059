/** The User-Agent header, bounded (it is stored with the session). */
export function userAgentOf(header: string | undefined): string {
  return (header ?? '').slice(0, 500);
}
