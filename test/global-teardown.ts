export default async function globalTeardown(): Promise<void> {
  const h = globalThis.__harness;
  if (!h) return;
  await h.registries.stop();
  await h.devServer.stop();
  await h.database.drop();
}
