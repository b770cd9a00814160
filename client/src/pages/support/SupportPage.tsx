import { IconLifebuoy } from '@tabler/icons-react';
import { NotBuiltPage } from '../../components/common/NotBuiltPage.tsx';

export function SupportPage() {
  return <NotBuiltPage area="support" icon={<IconLifebuoy size={28} stroke={1.5} />} />;
}
