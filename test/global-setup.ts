// Placeholder: replaced by the integration harness (Temporal dev server + database) below.
export default async function globalSetup(): Promise<void> {}
