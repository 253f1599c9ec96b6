export declare const HOW_TO_GET_ELECTRON: string;
export declare function findElectronBinary():
  { path: string; problem: null } | { path: null; problem: string };
