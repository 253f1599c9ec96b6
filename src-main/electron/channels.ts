/** The two IPC channels between the preload bridge and the main process; nothing else is open. */
export const CALL_CHANNEL = 'basin:call';
export const EVENT_CHANNEL = 'basin:event';
