/**
 * A Content-Disposition header (RFC 6266) for a stored name: an ASCII fallback in `filename`
 * and the exact UTF-8 name in `filename*`. Names are sanitised on upload already; this only
 * has to encode them.
 *
 * @example
 * contentDisposition('attachment', 'Grüße.pdf');
 * // attachment; filename="Gr__e.pdf"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.pdf
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
