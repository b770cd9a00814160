import { ZPlaybookUpdateInput, type TPlaybookUpdateInput } from '../../shared/playbooks.ts';
import { savePlaybook } from './save-playbook.ts';
import { getPlaybook } from './get-playbook.ts';

export async function updatePlaybook(opts: { input: TPlaybookUpdateInput; actorId: string; requestId?: string }) {
  const input = ZPlaybookUpdateInput.parse(opts.input);
  await savePlaybook({ ...input, action: 'playbook.update', actorId: opts.actorId, requestId: opts.requestId });
  return getPlaybook({ provider: input.provider });
}
