/** The candidate groups' names (definitions/groups.json), bundled by esbuild as JSON. */
declare module '*/groups.json' {
  const groups: Record<string, { fa: string; en: string }>;
  export default groups;
}
