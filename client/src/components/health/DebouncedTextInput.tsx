import { useEffect, useRef, useState, type ReactNode } from 'react';
import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';

/**
 * A filter box that answers every keystroke but commits (URL, server) the settled text only,
 * and follows the value when it changes from outside (a "clear filters" button).
 */
export function DebouncedTextInput({
  value,
  onCommit,
  label,
  placeholder,
  clearLabel,
  icon,
  width,
  testId,
}: {
  value: string;
  onCommit: (value: string) => void;
  label: string;
  placeholder: string;
  clearLabel: string;
  icon?: ReactNode;
  width: number;
  testId: string;
}) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  const committed = useRef(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  useEffect(() => {
    if (committed.current === debounced) return;
    committed.current = debounced;
    commit.current(debounced);
  }, [debounced]);
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);
  return (
    <TextInput
      size="xs"
      w={{ base: '100%', xs: width }}
      aria-label={label}
      placeholder={placeholder}
      leftSection={icon}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      rightSection={text ? <CloseButton size="xs" aria-label={clearLabel} onClick={() => setText('')} /> : null}
      data-testid={testId}
    />
  );
}
