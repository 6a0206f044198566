export function esbuildBundle(root: string, what: { entry: string; name: string; key: string }): string | null;
