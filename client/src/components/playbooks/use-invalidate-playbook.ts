import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';

/** After an edit or restore: the text, its history and any open version. */
export function useInvalidatePlaybook() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.playbooks.pathKey() })]);
}
