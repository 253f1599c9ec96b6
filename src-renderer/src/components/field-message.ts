/** A message shown under a field: an error blocks launching, a warning points at a likely mistake. */
export interface FieldMessage {
  severity: 'error' | 'warning';
  text: string;
}

/** What a field's control needs to be tied to its label and messages. */
export interface ControlProps {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}
