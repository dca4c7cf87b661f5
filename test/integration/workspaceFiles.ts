// The workspace's files through vscode.workspace.fs, for suites that run in the web worker
// extension host too (test/web/suites.ts), where node:fs is not there.
import * as vscode from 'vscode';
import { workspaceFile } from './helpers';

const utf8 = new TextEncoder();

export async function writeText(name: string | vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(typeof name === 'string' ? workspaceFile(name) : name, utf8.encode(text));
}

export async function readText(name: string | vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(typeof name === 'string' ? workspaceFile(name) : name));
}

export async function copyFile(from: string, to: string): Promise<void> {
  await vscode.workspace.fs.copy(workspaceFile(from), workspaceFile(to), { overwrite: true });
}

/** Removes files of the workspace folder; no error when one is not there. */
export async function removeFiles(...names: string[]): Promise<void> {
  for (const name of names) await Promise.resolve(vscode.workspace.fs.delete(workspaceFile(name), { recursive: true })).catch(() => undefined);
}

/** The workspace folder's entries whose names start with `prefix`. */
export async function filesStartingWith(prefix: string): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(workspaceFile(''))).map(([name]) => name).filter((name) => name.startsWith(prefix));
}
