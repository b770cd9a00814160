import { IconActivityHeartbeat } from '@tabler/icons-react';
import { NotBuiltPage } from '../../components/common/NotBuiltPage.tsx';

export function HealthPage() {
  return <NotBuiltPage area="health" icon={<IconActivityHeartbeat size={28} stroke={1.5} />} />;
}
