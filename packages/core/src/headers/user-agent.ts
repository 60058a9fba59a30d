import { VERSION } from '../version.ts';

/** The `User-Agent` sent unless the caller sets one: `urlpool/<VERSION>`. */
export const DEFAULT_USER_AGENT: string = `urlpool/${VERSION}`;
