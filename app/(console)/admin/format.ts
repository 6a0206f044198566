export const formatCpus = (n: number) => `${Math.round(n * 100) / 100} CPU${n === 1 ? '' : 's'}`;
export const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

