import { IconSettings } from '@tabler/icons-react';
import { NotBuiltPage } from '../../components/common/NotBuiltPage.tsx';

export function SettingsPage() {
  return <NotBuiltPage area="settings" icon={<IconSettings size={28} stroke={1.5} />} />;
}
