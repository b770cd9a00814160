import { IconCalendar } from '@tabler/icons-react';
import { NotBuiltPage } from '../../components/common/NotBuiltPage.tsx';

export function CalendarPage() {
  return <NotBuiltPage area="calendar" icon={<IconCalendar size={28} stroke={1.5} />} />;
}
