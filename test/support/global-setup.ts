// Filled in by the foundation: creates the per-run test databases.
export default async function setup() {}
