// The extension's settings as last read, re-read when they change; listeners learn whether the
// sidecar pattern changed (which means other files are now the sidecars).
import * as vscode from 'vscode';
import { Config, readConfig, SECTION } from './config';

export interface SettingsChange {
  sidecarPatternChanged: boolean;
}

export class Settings implements vscode.Disposable {
  private current = readConfig();
  private readonly changed = new vscode.EventEmitter<SettingsChange>();
  readonly onDidChange = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(SECTION)) return;
    const before = this.current;
    this.current = readConfig();
    this.changed.fire({ sidecarPatternChanged: before.sidecarPattern !== this.current.sidecarPattern });
  });

  /** The settings now; handed to every service as a function so each reads the current ones. */
  readonly get = (): Config => this.current;

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
