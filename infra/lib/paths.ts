import { fileURLToPath } from 'node:url';

/** The repository root, found from this file rather than the working directory, so synth and tests agree. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The handlers' folder: a handler named `auth/signup` (in the route table or a construct) is `<root>/functions/auth/signup.ts`. */
export const FUNCTIONS_DIR = fileURLToPath(new URL('../../functions/', import.meta.url));
