import { onLinkState, type LinkState } from './api';

/** Whether the lab answers, as reactive state: the banner and the actions follow it. */
class LabLink {
  state: LinkState = $state('connected');
  readonly online: boolean = $derived(this.state === 'connected');

  constructor() {
    onLinkState((next) => (this.state = next));
  }
}

export const labLink = new LabLink();
