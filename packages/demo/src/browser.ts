/**
 * The part of the demo a browser may load: the seeded generator and the loader that writes a
 * dataset's customers into the signed-in person's own workspace through the API (the web
 * console's "Load demo data"). Everything reachable from here is the demo's own pure code (an
 * architecture test holds it to that), so it bundles without Node built-ins or server code.
 */
export { generateDataset, type GenerateOptions } from './generator/generate';
export type { DemoDataset } from './generator/dataset';
export { createApiCaller, DemoLoadError, type ApiCaller, type ApiCallerOptions } from './loader/api-caller';
export { loadIntoWorkspace, workspaceLoadSize, WORKSPACE_STEPS, type LoadIntoWorkspaceOptions, type WorkspaceLoadProgress, type WorkspaceLoadResult, type WorkspaceStep } from './loader/load-into-workspace';
