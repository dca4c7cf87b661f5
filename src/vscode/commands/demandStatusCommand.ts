// Set Demand Status: open, agreed, partly agreed, not agreed, deferred.
import * as vscode from 'vscode';
import { forMessage } from '../../core/displayText';
import { annotationsAt } from '../../core/editing';
import { Demand, DEMAND_STATUSES, DemandStatus } from '../../core/model';
import { changed, EditingDeps, editableArticle, selectionOffsets, used } from './commandContext';
import { quoted } from './labels';
import { newPending, pickDemand, pickStatus } from './pickers';

export interface DemandStatusArgs {
  /** Default: the demand of the annotation at the cursor, else a pick. */
  demand?: string;
  status?: DemandStatus;
}

export async function demandStatusCommand(deps: EditingDeps, rawArgs?: unknown): Promise<Demand | undefined> {
  const args: DemandStatusArgs = rawArgs && typeof rawArgs === 'object' ? (rawArgs as DemandStatusArgs) : {};
  const fail = (message: string) => void vscode.window.showErrorMessage(forMessage(`Attribution Lens: cannot set the status: ${message}.`));
  const article = await editableArticle(deps.store);
  if (!article) return undefined;
  const { editor, doc, session } = article;
  let demand: Demand | undefined;
  if (args.demand !== undefined) {
    demand = session.demands.get(String(args.demand));
    if (!demand) return fail(`there is no demand "${String(args.demand)}" in this article`);
  } else {
    const { start, end } = selectionOffsets(editor);
    const id = annotationsAt(session.annotations(), start, end).find((a) => a.demand)?.demand;
    demand = id ? session.demands.get(id) : await pickDemand(deps, session, newPending(), { title: 'Attribution Lens: set the status of a demand', allowNew: false });
    if (!demand) return undefined;
  }
  if (args.status !== undefined && !DEMAND_STATUSES.includes(args.status)) return fail(`a status is one of ${DEMAND_STATUSES.join(', ')}`);
  const status = args.status ?? (await pickStatus(`Attribution Lens: status of ${quoted(demand.summary)}`, demand.status));
  if (!status) return undefined;
  if (status === demand.status) return demand;
  const updated: Demand = { ...demand, status };
  session.upsertDemand(updated, `Set status of ${demand.id} to ${status}`);
  await used(deps, 'demand', demand.id);
  await changed(deps.store, doc, `set the status of ${quoted(demand.summary)} to ${status}${demand.status ? ` (was ${demand.status})` : ''}`);
  return updated;
}
