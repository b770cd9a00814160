import { useMemo } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { timeZoneOptions } from './time-zones.ts';

/** A searchable IANA zone picker; offsets are today's, so "+03" finds Istanbul as well as "istanbul". */
export function TimeZoneSelect({
  value,
  onChange,
  include = [],
  ...rest
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string;
  onChange: (zone: string) => void;
  include?: readonly string[];
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  // Keyed by content, not by the array's identity, which changes every render.
  const includeKey = include.join('|');
  const data = useMemo(() => timeZoneOptions(new Date(), [value, ...include]).map(({ value: v, label }) => ({ value: v, label })), [value, includeKey]);
  return (
    <Select
      searchable
      allowDeselect={false}
      limit={60}
      maxDropdownHeight={280}
      nothingFoundMessage={t('calendar.form.timezoneNothing')}
      data={data}
      value={value}
      onChange={(zone) => zone && onChange(zone)}
      {...rest}
    />
  );
}
