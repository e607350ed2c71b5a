import { fileURLToPath } from 'node:url';

/** The repository root, found from this file rather than the working directory, so synth and tests agree. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The source file of a handler named in the route table (`auth/signup` → `<root>/functions/auth/signup.ts`). */
export const handlerEntry = (handler: string): string => fileURLToPath(new URL(`../../functions/${handler}.ts`, import.meta.url));

/** The lock file that pins every bundled dependency, the AWS SDK included. */
export const LOCK_FILE = fileURLToPath(new URL('../../package-lock.json', import.meta.url));
