import { IconArrowsExchange } from '@tabler/icons-react';
import { NotBuiltPage } from '../../components/common/NotBuiltPage.tsx';

export function EventsPage() {
  return <NotBuiltPage area="events" icon={<IconArrowsExchange size={28} stroke={1.5} />} />;
}
