/** A command line that cannot be run as given; its message says what to change. */
export class UsageError extends Error {}
