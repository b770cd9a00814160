import { IconClockPlay } from '@tabler/icons-react';
import { NotBuiltPage } from '../../components/common/NotBuiltPage.tsx';

export function JobsPage() {
  return <NotBuiltPage area="jobs" icon={<IconClockPlay size={28} stroke={1.5} />} />;
}
