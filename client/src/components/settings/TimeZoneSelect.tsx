import { useMemo } from 'react';
import { Group, Select, Text, isOptionsGroup, type ComboboxItem, type ComboboxItemGroup, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { listTimeZones, supportedTimeZones, zoneMatches, zoneOption, type ZoneOption } from './time-zones.ts';

const filterZones: OptionsFilter = ({ options, search }) =>
  options.flatMap<ComboboxParsedItem>((option) => {
    if (isOptionsGroup(option)) {
      const items = option.items.filter((item) => zoneMatches(item, search));
      return items.length ? [{ ...option, items }] : [];
    }
    return zoneMatches(option, search) ? [option] : [];
  });

/**
 * Searchable IANA zones with their offset right now. The browser's own zone comes first, in
 * its own group; `extraZones` (the saved one) stay selectable even if this browser lacks them.
 */
export function TimeZoneSelect({
  value,
  onChange,
  browserZone,
  extraZones,
  now,
  ...rest
}: {
  value: string;
  onChange: (zone: string) => void;
  browserZone: string | null;
  extraZones: ReadonlyArray<string | null | undefined>;
  now: Date;
  label: string;
  description?: React.ReactNode;
  error?: React.ReactNode;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const extraKey = extraZones.filter(Boolean).join('|');
  const { data, byValue } = useMemo(() => {
    const options = listTimeZones(supportedTimeZones(), [...extraKey.split('|'), browserZone]).map((zone) => zoneOption(zone, now));
    const byValue = new Map(options.map((option) => [option.value, option]));
    const browser = browserZone ? byValue.get(browserZone) : undefined;
    const rest = browser ? options.filter((option) => option !== browser) : options;
    const data: ComboboxItemGroup<ComboboxItem>[] = [
      ...(browser ? [{ group: t('settings.profile.browserGroup'), items: [browser] }] : []),
      { group: t('settings.profile.allZonesGroup'), items: rest },
    ];
    return { data, byValue };
    // Keyed by the zones' names: the caller's array is a fresh one on every render.
  }, [browserZone, now, t, extraKey]);

  return (
    <Select
      {...rest}
      required
      searchable
      allowDeselect={false}
      data={data}
      value={value}
      onChange={(zone) => zone && onChange(zone)}
      filter={filterZones}
      placeholder={t('settings.profile.timezonePlaceholder')}
      nothingFoundMessage={t('settings.profile.timezoneNothingFound')}
      leftSection={<IconWorld size={16} />}
      maxDropdownHeight={320}
      comboboxProps={{ shadow: 'md' }}
      renderOption={({ option }) => {
        const zone: ZoneOption | undefined = byValue.get(option.value);
        return (
          <Group justify="space-between" wrap="nowrap" w="100%" gap="sm">
            <Text size="sm">{zone?.name ?? option.label}</Text>
            {zone?.offset ? (
              <Text size="xs" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {zone.offset}
              </Text>
            ) : null}
          </Group>
        );
      }}
    />
  );
}
