/** The `basin` command's exit codes, as its help text states them. */
export const EXIT_OK = 0;
export const EXIT_RUNS_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
