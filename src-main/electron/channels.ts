/** The IPC channels between the preload bridge and the main process; nothing else is open. */
export const CALL_CHANNEL = 'basin:call';
export const EVENT_CHANNEL = 'basin:event';
export const PICK_FOLDER_CHANNEL = 'basin:pick-folder';
