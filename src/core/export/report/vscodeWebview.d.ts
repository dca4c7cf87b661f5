// What a VS Code webview gives the report's script (report.js): a global function, not a
// property of window. Only report/tsconfig.json sees this file; the extension's own programs
// exclude it (tsconfig.json), so no DOM or webview global leaks into them.
interface VsCodeWebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeWebviewApi;
