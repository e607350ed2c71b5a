/** The console's build tooling, for Node: the local stack and the browser tests build through it. */
export { CONSOLE_DIST, CONSOLE_ROOT, ensureConsoleBuilt, sourceFingerprint } from './console-build';
export { formatShellSize, SHELL_BUDGET_BYTES, shellSize, type ShellSize } from './shell-size';
export { API_TYPES_FILE, generateApiTypes } from './api-types';
export { CHROMIUM_PATH, launchBrowser, VIEWPORTS, type ConsoleBrowser, type Viewport } from './chromium';
export { inviteLinkFor } from './invite-link';
