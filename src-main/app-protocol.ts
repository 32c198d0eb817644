/**
 * The renderer is served from our own `app://sigex/` scheme instead of `file://`: a file URL
 * origin is shared by every local file (any HTML file on disk would count as "us"), while
 * app://sigex serves only the built renderer folder, and the IPC guard accepts exactly this
 * origin. Electron-free: main.ts registers the scheme and hands requests to these functions.
 */
import * as path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://sigex';
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * The file under rendererDir that an app:// URL names, or null (another host, a query
 * trick, an encoded separator, or a path that leaves the folder).
 */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== 'sigex' || u.username !== '' || u.password !== '') return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${rel}`);
  const inside = path.relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return null;
  return file;
}

/** The only permission the renderer gets: writing text to the clipboard ("copy link"). */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function permissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  if (!ALLOWED_PERMISSIONS.includes(permission)) return false;
  return requestingUrl === APP_ORIGIN || (requestingUrl ?? '').startsWith(`${APP_ORIGIN}/`);
}
