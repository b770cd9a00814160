import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TRsvpStatus } from '../../../../shared/calendar-events.ts';

/** Going reads green, not going red, maybe amber, no answer grey (silence is not a yes). */
export const RSVP_COLOR: Readonly<Record<TRsvpStatus, MantineColor>> = {
  ACCEPTED: 'green',
  DECLINED: 'red',
  TENTATIVE: 'yellow',
  NEEDS_ACTION: 'gray',
};

export function RsvpBadge({ rsvp }: { rsvp: TRsvpStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={RSVP_COLOR[rsvp]} variant="light" data-testid="attendee-rsvp" data-rsvp={rsvp}>
      {t(`calendar.rsvp.${rsvp}`)}
    </Badge>
  );
}
