// package.json and the command table agree: src/extension.ts registers one handler per id in
// commandIds.ts (the table's type demands exactly those), so package.json must contribute
// exactly those ids, and its menus and keybindings may name no other command.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands } from '../../src/vscode/commandIds';
import { KEYS } from '../../src/vscode/commands/keys';
import { REPO_ROOT } from './helpers';

interface Contributes {
  commands: { command: string }[];
  menus: Record<string, { command?: string; submenu?: string }[]>;
  submenus: { id: string }[];
  keybindings: { command: string; key: string }[];
}

const contributes = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: Contributes }).contributes;
const ids = Object.values(Commands) as string[];

describe('package.json contributes the commands of the command table', () => {
  it('contributes.commands has each id of the table once, and no other', () => {
    const contributed = contributes.commands.map((c) => c.command);
    assert.deepEqual([...contributed].sort(), [...new Set(contributed)].sort(), 'no id contributed twice');
    assert.deepEqual([...contributed].sort(), [...ids].sort());
  });

  it('every menu item names a known command or a contributed submenu', () => {
    const submenus = new Set(contributes.submenus.map((s) => s.id));
    const unknown: string[] = [];
    for (const [menu, items] of Object.entries(contributes.menus)) {
      for (const item of items) {
        if (item.command !== undefined && !ids.includes(item.command)) unknown.push(`${menu}: command ${item.command}`);
        if (item.submenu !== undefined && !submenus.has(item.submenu)) unknown.push(`${menu}: submenu ${item.submenu}`);
        if (item.command === undefined && item.submenu === undefined) unknown.push(`${menu}: an item with neither command nor submenu`);
      }
      if (!menu.includes('/') && menu !== 'commandPalette' && !submenus.has(menu)) unknown.push(`menu ${menu} is no contributed submenu`);
    }
    assert.deepEqual(unknown, []);
  });

  it('every keybinding names a known command, with the key the messages show (keys.ts)', () => {
    assert.deepEqual(contributes.keybindings.map((k) => k.command).filter((c) => !ids.includes(c)), []);
    const bound = Object.fromEntries(contributes.keybindings.map((k) => [k.command, k.key]));
    for (const [name, key] of Object.entries(KEYS)) assert.equal(bound[Commands[name as keyof typeof KEYS]], key, `${name} is bound to ${key}`);
  });
});
