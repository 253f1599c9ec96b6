/** Vite's `?raw` imports: a file's text, embedded in the bundle at build time. */
declare module '*?raw' {
  const text: string;
  export default text;
}
