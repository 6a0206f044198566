export function sourceKey(root: string): string;
export function cliBundle(root: string): string | null;
