/** The URL of the demo database built with the app (vite.config.ts); null where none is built (dev server). */
declare module 'virtual:longtail-demo-database' {
  const url: string | null;
  export default url;
}
